namespace AkLight.Consumer.Monitoring;

/// <summary>The threshold rules: the built-in set, or a rules file (one <see cref="AlertRule"/> per line).</summary>
internal static class RuleSet
{
    /// <summary>The rules used without <c>--rules</c> or <c>AKLIGHT_RULES</c>.</summary>
    public const string BuiltInText = """
        cpu > 80 for 30s clear 70
        memory.percent > 90 for 30s clear 80
        """;

    public static IReadOnlyList<AlertRule> BuiltIn { get; } = Parse(BuiltInText, "built-in rules");

    /// <summary>Reads and parses a rules file; throws <see cref="UsageException"/> naming the file and line.</summary>
    public static IReadOnlyList<AlertRule> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"cannot read the rules file '{path}': {error.Message}");
        }
        return Parse(text, $"rules file '{path}'");
    }

    /// <summary>Parses rules text; a bad line, a reused name or the reserved name <c>silence</c> is a <see cref="UsageException"/>.</summary>
    public static IReadOnlyList<AlertRule> Parse(string text, string source)
    {
        IReadOnlyList<AlertRule> rules;
        try
        {
            rules = AlertRule.ParseFile(text);
        }
        catch (FormatException error)
        {
            throw new UsageException($"{source}: {error.Message}"); // "line N: ..."
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            // An alert is known by its rule's name (state, topic alerts/{host}/{container}/{rule}), so names must differ.
            if (rule.Name == SilenceDetector.RuleName)
                throw new UsageException($"{source}: line {LineOf(text, rule)}: the rule name '{rule.Name}' is reserved for the silence alarm");
            if (!seen.Add(rule.Name))
                throw new UsageException($"{source}: line {LineOf(text, rule)}: a rule named '{rule.Name}' is already defined; give one of them a name ('name: {rule.Metric} ...')");
        }
        return rules;
    }

    /// <summary>The line of the last occurrence of <paramref name="rule"/> (the duplicate), for error messages.</summary>
    private static int LineOf(string text, AlertRule rule)
    {
        var lines = text.Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (AlertRule.Parse(line) == rule) return i + 1;
        }
        return 0;
    }
}

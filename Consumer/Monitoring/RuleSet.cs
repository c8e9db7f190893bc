namespace AkLight.Consumer.Monitoring;

/// <summary>The alert rules: the built-in set, or a rules file (<see cref="RulesFile"/>: threshold and event rules).</summary>
internal static class RuleSet
{
    /// <summary>The rules used without <c>--rules</c> or <c>AKLIGHT_RULES</c>.</summary>
    public const string BuiltInText = """
        cpu > 80 for 30s clear 70
        memory.percent > 90 for 30s clear 80
        oom: event oom
        unhealthy: event health_status == unhealthy
        """;

    public static RulesFile BuiltIn { get; } = Parse(BuiltInText, "built-in rules");

    /// <summary>Reads and parses a rules file; throws <see cref="UsageException"/> naming the file and line.</summary>
    public static RulesFile Load(string path)
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
    public static RulesFile Parse(string text, string source)
    {
        try
        {
            return RulesFile.Parse(text);
        }
        catch (FormatException error)
        {
            throw new UsageException($"{source}: {error.Message}"); // "line N: ..."
        }
    }
}

namespace AkLight.Grains.Security;

/// <summary>
/// Reads the principals file: one statement a line, <c>#</c> starts a comment line.
/// <code>
/// principal NAME STORED-KEY                    # from `AkLight.Silo principal add NAME`: a SCRAM-SHA-256 verifier
/// allow NAME produce|consume|admin FILTER     # the rest of the line is the topic filter
/// </code>
/// Every error names the line, so a typo stops the silo at start instead of opening a hole.
/// </summary>
public static class PrincipalsFile
{
    /// <summary>The principals of <paramref name="path"/>, by name.</summary>
    public static IReadOnlyDictionary<string, Principal> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"principals file '{path}' does not exist (AkLight:Security:PrincipalsFile)", path);
        return Parse(File.ReadAllLines(path), path);
    }

    /// <summary>
    /// Throws unless <paramref name="principals"/> let someone do something: a file with no principal, or no
    /// allow rule at all, would make a broker that requires keys but serves nobody, a setting that is surely a mistake.
    /// </summary>
    public static void CheckServesSomeone(IReadOnlyDictionary<string, Principal> principals, string path)
    {
        if (principals.Count == 0)
            throw new FormatException($"principals file '{path}' names no principal: add one with `AkLight.Silo principal add NAME --allow OPERATION:FILTER --file {path}`");
        if (principals.Values.All(p => p.Rules.Count == 0))
            throw new FormatException($"principals file '{path}' has no allow rule, so nobody may do anything: add 'allow NAME produce|consume|admin FILTER' lines");
    }

    /// <summary>Parses the lines of a principals file; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyDictionary<string, Principal> Parse(IEnumerable<string> lines, string source)
    {
        var keys = new Dictionary<string, ScramCredential>(StringComparer.Ordinal);
        var rules = new Dictionary<string, List<AccessRule>>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var parts = line.Trim().Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
            try
            {
                switch (parts[0])
                {
                    case "principal" when parts.Length == 3:
                        CheckName(parts[1]);
                        if (!keys.TryAdd(parts[1], ScramCredential.Parse(parts[2]))) throw new FormatException($"principal '{parts[1]}' is defined twice");
                        break;
                    case "allow" when parts.Length == 4:
                        CheckName(parts[1]);
                        var operation = Enum.TryParse<BrokerOperation>(parts[2], ignoreCase: true, out var op) && !int.TryParse(parts[2], out _)
                            ? op
                            : throw new FormatException($"'{parts[2]}' is not produce, consume or admin");
                        var filter = TopicFilter.TryParse(parts[3], out var parsed, out var error) ? parsed : throw new FormatException(error);
                        (rules.TryGetValue(parts[1], out var list) ? list : rules[parts[1]] = []).Add(new AccessRule(operation, filter));
                        break;
                    default:
                        throw new FormatException("expected 'principal NAME STORED-KEY' or 'allow NAME produce|consume|admin FILTER'");
                }
            }
            catch (FormatException error)
            {
                throw new FormatException($"{source}, line {number}: {error.Message}");
            }
        }
        foreach (var name in rules.Keys.Where(n => !keys.ContainsKey(n)))
            throw new FormatException($"{source}: rules name principal '{name}', which has no 'principal' line");
        return keys.ToDictionary(k => k.Key, k => new Principal(k.Key, k.Value, rules.TryGetValue(k.Key, out var r) ? r : []), StringComparer.Ordinal);
    }

    /// <summary>A principal name: what API keys put before the colon and MQTT clients send as user name.</summary>
    public static void CheckName(string name)
    {
        if (name.Length is 0 or > 128 || name.Any(c => c == ':' || char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new FormatException($"principal name '{name}' must be 1-128 characters without ':', spaces or control characters");
    }
}

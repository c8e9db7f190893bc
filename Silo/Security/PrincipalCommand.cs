namespace AkLight.Silo.Security;

/// <summary>
/// <c>AkLight.Silo principal add NAME [--allow OPERATION:FILTER ...] [--file PATH]</c>: makes a new API key for NAME,
/// appends its hash and access rules to the principals file, and prints the key, once: only its hash is kept.
/// </summary>
internal static class PrincipalCommand
{
    public const string Name = "principal";

    private const string Usage = """
        usage: AkLight.Silo principal add NAME [--allow produce|consume|admin:FILTER ...] [--file PATH]
          Appends NAME with a new API key to the principals file (default: principals.conf) and prints the key.
          Example: AkLight.Silo principal add agent --allow produce:metrics/# --file /etc/aklight/principals.conf
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count < 2 || args[0] != "add")
        {
            error.WriteLine(Usage);
            return 2;
        }
        var name = args[1];
        var file = "principals.conf";
        var rules = new List<string>();
        try
        {
            PrincipalsFile.CheckName(name);
            for (var i = 2; i < args.Count; i++)
            {
                var value = i + 1 < args.Count ? args[i + 1] : throw new FormatException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--file": file = value; break;
                    case "--allow": rules.Add(Rule(name, value)); break;
                    default: throw new FormatException($"unknown option '{args[i]}'");
                }
                i++;
            }
            if (File.Exists(file) && PrincipalsFile.Load(file).ContainsKey(name))
                throw new FormatException($"principal '{name}' is already in {file}; remove its lines first to give it a new key");
        }
        catch (FormatException problem)
        {
            error.WriteLine($"error: {problem.Message}");
            error.WriteLine(Usage);
            return 2;
        }
        var key = ApiKey.Generate(name);
        File.AppendAllLines(file, [$"principal {name} {KeyHash.Create(key.Secret)}", .. rules]);
        error.WriteLine($"added principal '{name}' to {Path.GetFullPath(file)}; its key (shown once, keep it secret):");
        output.WriteLine(key.ToString());
        return 0;
    }

    /// <summary><c>produce:metrics/#</c> → <c>allow NAME produce metrics/#</c>, checked the way the silo will read it.</summary>
    private static string Rule(string name, string value)
    {
        var colon = value.IndexOf(':');
        if (colon <= 0) throw new FormatException($"--allow takes OPERATION:FILTER (produce:metrics/#), got '{value}'");
        var line = $"allow {name} {value[..colon]} {value[(colon + 1)..]}";
        PrincipalsFile.Parse([$"principal {name} {KeyHash.Create("check", 1000)}", line], "--allow");
        return line;
    }
}

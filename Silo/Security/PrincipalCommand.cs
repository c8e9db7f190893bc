namespace AkLight.Silo.Security;

/// <summary>
/// <c>AkLight.Silo principal add NAME [--allow OPERATION:FILTER ...] [--file PATH]</c>: makes a new API key for NAME,
/// appends its SCRAM verifier and access rules to the principals file, and prints the key, once: only the verifier is kept.
/// <c>AkLight.Silo principal migrate [--file PATH]</c>: converts a file's old salted-password lines to verifiers.
/// </summary>
internal static class PrincipalCommand
{
    public const string Name = "principal";

    private const string DefaultFile = "principals.conf";

    private const string Usage = """
        usage: AkLight.Silo principal add NAME [--allow produce|consume|admin:FILTER ...] [--file PATH]
               AkLight.Silo principal migrate [--file PATH]
          add      appends NAME with a new API key to the principals file (default: principals.conf) and prints the key.
          migrate  converts old 'pbkdf2-sha256' keys (salted passwords, which SCRAM accepts as passwords) to SCRAM
                   verifiers, in place; the keys stay the same.
          Example: AkLight.Silo principal add agent --allow produce:metrics/# --file /etc/aklight/principals.conf
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        try
        {
            return args.ToArray() switch
            {
                ["add", var name, .. var options] => Add(name, options, output, error),
                ["migrate", .. var options] => Migrate(options, output),
                _ => throw new FormatException("expected 'add NAME' or 'migrate'"),
            };
        }
        catch (FormatException problem)
        {
            error.WriteLine($"error: {problem.Message}");
            error.WriteLine(Usage);
            return 2;
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {problem.Message}");
            return 1;
        }
    }

    private static int Add(string name, IReadOnlyList<string> options, TextWriter output, TextWriter error)
    {
        PrincipalsFile.CheckName(name);
        var file = DefaultFile;
        var rules = new List<string>();
        foreach (var (option, value) in Options(options))
        {
            switch (option)
            {
                case "--file": file = value; break;
                case "--allow": rules.Add(Rule(name, value)); break;
                default: throw new FormatException($"unknown option '{option}'");
            }
        }
        if (File.Exists(file) && PrincipalsFile.Parse(PrincipalsFileMigration.Convert(File.ReadAllLines(file), file).Lines, file).ContainsKey(name))
            throw new FormatException($"principal '{name}' is already in {file}; remove its lines first to give it a new key");
        var key = ApiKey.Generate(name);
        File.AppendAllLines(file, [$"principal {name} {ScramCredential.Create(key.Secret)}", .. rules]);
        error.WriteLine($"added principal '{name}' to {Path.GetFullPath(file)}; its key (shown once, keep it secret):");
        output.WriteLine(key.ToString());
        return 0;
    }

    private static int Migrate(IReadOnlyList<string> options, TextWriter output)
    {
        var file = DefaultFile;
        foreach (var (option, value) in Options(options))
            file = option == "--file" ? value : throw new FormatException($"unknown option '{option}'");
        var converted = PrincipalsFileMigration.Migrate(file);
        output.WriteLine(converted.Count == 0
            ? $"{Path.GetFullPath(file)}: no old keys, nothing to convert"
            : $"{Path.GetFullPath(file)}: converted {converted.Count} old keys to SCRAM verifiers: {string.Join(", ", converted)}");
        return 0;
    }

    /// <summary>Option and value pairs; an option without its value is an error.</summary>
    private static IEnumerable<(string Option, string Value)> Options(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i += 2)
            yield return (args[i], i + 1 < args.Count ? args[i + 1] : throw new FormatException($"{args[i]} needs a value"));
    }

    /// <summary><c>produce:metrics/#</c> → <c>allow NAME produce metrics/#</c>, checked the way the silo will read it.</summary>
    private static string Rule(string name, string value)
    {
        var colon = value.IndexOf(':');
        if (colon <= 0) throw new FormatException($"--allow takes OPERATION:FILTER (produce:metrics/#), got '{value}'");
        var line = $"allow {name} {value[..colon]} {value[(colon + 1)..]}";
        PrincipalsFile.Parse([$"principal {name} {ScramCredential.Create("check", ScramCredential.MinIterations)}", line], "--allow");
        return line;
    }
}

using System.Globalization;

namespace AkLight.Examples.Sightings.CommandLine;

/// <summary>The role to run and its options, parsed from <c>ROLE [--name value]…</c>.</summary>
internal sealed record class RunOptions(
    string Role,
    IReadOnlyList<string> Brokers,
    TimeSpan Duration,
    GeneratorSettings Generator,
    int NotifierId,
    AppUser PanelUser,
    int Notifiers,
    IReadOnlyList<AppUser> Panels)
{
    public static IReadOnlyList<string> Roles { get; } = ["all", "generator", "dashboard", "notifier", "panel"];

    private static readonly string[] Names = ["broker", "seconds", "seed", "sightings", "logins", "interval-ms", "id", "user", "notifiers", "panels"];

    /// <summary>Parses the command line; throws <see cref="UsageException"/> naming the first problem.</summary>
    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !Roles.Contains(args[0], StringComparer.Ordinal))
            throw new UsageException(args.Count == 0 ? "name a role" : $"unknown role '{args[0]}'; roles: {string.Join(", ", Roles)}");
        var values = ReadValues(args.Skip(1).ToArray());
        var sightings = Int(values, "sightings", 200, 1, 100_000);
        var panels = (Single(values, "panels") ?? "alice,bob").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new RunOptions(
            args[0],
            values.GetValueOrDefault("broker") ?? [],
            TimeSpan.FromSeconds(Int(values, "seconds", 60, 1, 3600)),
            new GeneratorSettings(
                Int(values, "seed", 42, int.MinValue, int.MaxValue),
                sightings,
                Int(values, "logins", 20, 0, sightings),
                TimeSpan.FromMilliseconds(Int(values, "interval-ms", 25, 0, 10_000))),
            Int(values, "id", 1, 1, 100),
            User(Single(values, "user") ?? "alice"),
            Int(values, "notifiers", 3, 1, 20),
            panels.Select(User).ToArray());
    }

    private static Dictionary<string, List<string>> ReadValues(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unexpected argument '{arg}'");
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            if (!Names.Contains(name, StringComparer.Ordinal)) throw new UsageException($"unknown option '--{name}'");
            ArgumentParser.AddValue(values, name, equals >= 0 ? arg[(equals + 1)..] : ArgumentParser.NextValue(args, ref i, name));
        }
        return values;
    }

    private static string? Single(Dictionary<string, List<string>> values, string name) =>
        values.TryGetValue(name, out var list) ? list.Count == 1 ? list[0] : throw new UsageException($"option '--{name}' may be given only once") : null;

    private static int Int(Dictionary<string, List<string>> values, string name, int fallback, int min, int max)
    {
        if (Single(values, name) is not { } text) return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"option '--{name}' must be a whole number from {min} to {max}, got '{text}'");
    }

    private static AppUser User(string name) =>
        Catalog.FindUser(name) ?? throw new UsageException($"unknown user '{name}'; users: {string.Join(", ", Catalog.Users.Select(u => u.Name))}");
}

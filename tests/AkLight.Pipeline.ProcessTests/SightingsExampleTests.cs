namespace AkLight.Pipeline.ProcessTests;

/// <summary>
/// The sightings example (<c>examples/Sightings</c>) run as its README shows, against a real silo. Its claims are
/// checked here from its raw output lines, not from its own "check:" lines: the notifiers, sharing one group,
/// handle each login exactly once between them, and the dashboard and panels, each a group of its own, see
/// every message the generator sent.
/// </summary>
public sealed partial class SightingsExampleTests
{
    /// <summary>The whole test, silo start included, stays within 90 s.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(85);

    private static string ExampleDll
    {
        get
        {
            var path = Path.Combine(RepositoryPaths.RepositoryRoot, "examples", "Sightings", "bin", RepositoryPaths.Configuration, "net10.0", "AkLight.Examples.Sightings.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"the sightings example is not built: {path} is missing", path);
        }
    }

    [Fact]
    public async Task Notifiers_handle_each_login_once_and_every_group_sees_every_message()
    {
        var clock = Stopwatch.StartNew();
        await using var silo = await SiloProcess.StartAsync();
        var remaining = Budget - clock.Elapsed;
        var seconds = Math.Max(10, (int)remaining.TotalSeconds - 5); // the example stops itself before the test gives up
        using var example = ProcessRunner.StartDotnet(ExampleDll,
            ["all", "--broker", silo.Broker, "--interval-ms", "10", "--seconds", seconds.ToString(CultureInfo.InvariantCulture)]);

        var exitCode = await example.WaitForExitAsync(remaining);

        Assert.True(exitCode == 0, example.Describe());
        var lines = example.Stdout;
        var sent = Parse(GeneratorLine(), lines, example);
        var logins = Int(sent, "logins");
        var logoffs = Int(sent, "logoffs");
        var sentByRegion = Regions(sent);
        Assert.True(logins > 0 && logoffs > 0 && sentByRegion.Values.Sum() == Int(sent, "sightings"), example.Describe());

        // Each login exactly once across the notifiers: the numbers greeted are 1..logins, none twice, none missed.
        var welcomes = lines.Select(l => WelcomeLine().Match(l)).Where(m => m.Success).ToArray();
        Assert.Equal(Enumerable.Range(1, logins), welcomes.Select(m => Int(m, "number")).Order());
        // ... and the work really was shared: one group, several members, each owning some partitions.
        Assert.True(welcomes.Select(m => m.Groups["notifier"].Value).Distinct().Count() >= 2, example.Describe());
        Assert.Equal(logoffs, lines.Count(l => ByeLine().IsMatch(l))); // tombstones are handled once too

        // The dashboard, a group of its own, counted everything the generator sent.
        var dashboard = Parse(DashboardFinalLine(), lines, example);
        Assert.Equal(logins, Int(dashboard, "logins"));
        Assert.Equal(logoffs, Int(dashboard, "logoffs"));
        Assert.Equal(Int(sent, "online"), Int(dashboard, "online"));
        Assert.Equal(Int(sent, "sightings"), Int(dashboard, "sightings"));
        Assert.Equal(sentByRegion, Regions(dashboard));

        // Each panel, a group of its own too, saw every sighting of its region.
        var panels = lines.Select(l => PanelDoneLine().Match(l)).Where(m => m.Success).ToArray();
        Assert.Equal(2, panels.Length);
        Assert.All(panels, p => Assert.Equal(sentByRegion[p.Groups["region"].Value], Int(p, "count")));

        Assert.Contains("all: OK", lines);
    }

    private static Match Parse(Regex pattern, IReadOnlyList<string> lines, ProcessRunner example)
    {
        var matches = lines.Select(l => pattern.Match(l)).Where(m => m.Success).ToArray();
        Assert.True(matches.Length == 1, $"expected one line matching {pattern}, found {matches.Length}\n{example.Describe()}");
        return matches[0];
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>"east 57, north 41, …" as a dictionary.</summary>
    private static Dictionary<string, int> Regions(Match match) =>
        match.Groups["regions"].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split(' '))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    [GeneratedRegex(@"^generator: sent (?<sightings>\d+) sightings \((?<regions>[^)]*)\), (?<logins>\d+) logins, (?<logoffs>\d+) logoffs; (?<online>\d+) online at the end$")]
    private static partial Regex GeneratorLine();

    [GeneratedRegex(@"^dashboard: final online (?<online>\d+), logins (?<logins>\d+), logoffs (?<logoffs>\d+), sightings (?<sightings>\d+) \((?<regions>[^)]*)\)$")]
    private static partial Regex DashboardFinalLine();

    [GeneratedRegex(@"^(?<notifier>notifier-\d+): welcome \w+ \(\w+\), login #(?<number>\d+)$")]
    private static partial Regex WelcomeLine();

    [GeneratedRegex(@"^notifier-\d+: bye \w+$")]
    private static partial Regex ByeLine();

    [GeneratedRegex(@"^(?<panel>panel-\w+): done, (?<count>\d+) sightings in (?<region>\w+)$")]
    private static partial Regex PanelDoneLine();
}

namespace AkLight.Examples.Sightings.Roles;

/// <summary>
/// The claims of the example, checked against what the generator sent: each login handled by exactly one
/// notifier, and every group (dashboard, each panel) seeing every message meant for it.
/// </summary>
internal static class RunChecks
{
    /// <summary>Prints one <c>check:</c> line per claim and a verdict; true when every claim holds.</summary>
    public static bool Print(GeneratorTotals sent, DashboardSnapshot dashboard, IReadOnlyList<NotifierReport> notifiers, IReadOnlyList<PanelReport> panels)
    {
        var results = new List<bool>
        {
            LoginsOnce(sent, notifiers),
            Check(notifiers.Sum(n => n.Logoffs) == sent.Logoffs,
                $"each logoff handled once: {Sum(notifiers.Select(n => (n.Name, n.Logoffs)))} of {sent.Logoffs} sent"),
            DashboardSawAll(sent, dashboard),
        };
        foreach (var panel in panels)
        {
            var expected = sent.SightingsByRegion.GetValueOrDefault(panel.Region);
            results.Add(Check(panel.Sightings == expected, $"{panel.Name} saw every {panel.Region} sighting: {panel.Sightings} of {expected} sent"));
        }
        var ok = results.All(r => r);
        Console.WriteLine(ok ? "all: OK" : "all: FAILED");
        return ok;
    }

    private static bool LoginsOnce(GeneratorTotals sent, IReadOnlyList<NotifierReport> notifiers)
    {
        var handled = notifiers.SelectMany(n => n.LoginNumbers).ToArray();
        var twice = handled.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"#{g.Key}").ToArray();
        var missed = Enumerable.Range(1, sent.Logins).Except(handled).Select(n => $"#{n}").ToArray();
        var detail = (twice.Length > 0 ? $"; twice: {string.Join(' ', twice)}" : "") + (missed.Length > 0 ? $"; missed: {string.Join(' ', missed)}" : "");
        return Check(handled.Length == sent.Logins && twice.Length == 0 && missed.Length == 0,
            $"each login handled once: {Sum(notifiers.Select(n => (n.Name, n.LoginNumbers.Count)))} of {sent.Logins} sent{detail}");
    }

    private static bool DashboardSawAll(GeneratorTotals sent, DashboardSnapshot seen)
    {
        var sameRegions = sent.SightingsByRegion.Keys.Union(seen.SightingsByRegion.Keys)
            .All(region => sent.SightingsByRegion.GetValueOrDefault(region) == seen.SightingsByRegion.GetValueOrDefault(region));
        return Check(sameRegions && seen.Logins == sent.Logins && seen.Logoffs == sent.Logoffs && seen.Online == sent.OnlineAtEnd,
            $"dashboard saw every message: sightings {seen.Sightings} of {sent.Sightings}, logins {seen.Logins} of {sent.Logins}, " +
            $"logoffs {seen.Logoffs} of {sent.Logoffs}, online {seen.Online} of {sent.OnlineAtEnd}");
    }

    /// <summary><c>notifier-1 7 + notifier-2 6 + notifier-3 7 = 20</c>.</summary>
    private static string Sum(IEnumerable<(string Name, int Count)> parts)
    {
        var list = parts.ToArray();
        return $"{string.Join(" + ", list.Select(p => $"{p.Name} {p.Count}"))} = {list.Sum(p => p.Count)}";
    }

    private static bool Check(bool holds, string claim)
    {
        Console.WriteLine($"check: {(holds ? "OK  " : "FAIL")} {claim}");
        return holds;
    }
}

namespace AkLight.Bench.Report;

/// <summary>The issue's targets, each shown as met or not with the figure it was judged on; never a pass/fail of the run.</summary>
internal static class TargetCheck
{
    public sealed record Verdict(string Target, string Measured, bool? Met);

    public static IReadOnlyList<Verdict> Evaluate(BenchReport report)
    {
        var verdicts = new List<Verdict>();
        var cluster = BestEndToEnd(report, "aklight-cluster");
        var embedded = BestEndToEnd(report, "aklight-embedded");
        var mosquitto = BestEndToEnd(report, "mosquitto-qos1");
        var copy = report.Copy.Count > 0 ? report.Copy.Max(c => c.RowsPerSecond) : (double?)null;

        verdicts.Add(Ratio("durable cluster ≥ 2× Mosquitto QoS 1 (end to end, best full-speed run of each)", cluster, mosquitto, 2.0));
        verdicts.Add(Ratio("durable cluster ≥ ½ the COPY ceiling (end to end vs best COPY rows/s)", cluster, copy, 0.5));
        verdicts.Add(embedded is { } e
            ? new Verdict("embedded ≥ 100,000 msg/s end to end", $"{Cells.Rate(e)} msg/s", e >= 100_000)
            : new Verdict("embedded ≥ 100,000 msg/s end to end", "not measured", null));
        foreach (var name in new[] { "aklight-embedded", "aklight-cluster" })
        {
            var fixedRuns = Runs(report, name).Where(r => !r.FullSpeed && r.Counts.Latency is not null).ToArray();
            var label = $"{name}: p99 at {report.Options.Rate.ToString("#,0", CultureInfo.InvariantCulture)} msg/s under 10 ms";
            verdicts.Add(fixedRuns.Length == 0
                ? new Verdict(label, "not measured", null)
                : new Verdict(label, string.Join(", ", fixedRuns.Select(r => $"{r.Label}: {Cells.Ms(r.Counts.Latency!.P99)} ms")),
                    fixedRuns.All(r => r.Counts.Latency!.P99 < 10)));
        }
        var step = report.Scale?.Steps.FirstOrDefault(s => s.Topics >= 10_000) ?? report.Scale?.Steps.FirstOrDefault();
        verdicts.Add(step is { SiloRssBytes: { } rss }
            ? new Verdict($"silo RSS under 300 MB at 10,000 topics", $"{Cells.Megabytes(rss)} at {Cells.Count(step.Topics)} topics", step.Topics >= 10_000 ? rss < 300L * 1048576 : null)
            : new Verdict("silo RSS under 300 MB at 10,000 topics", "not measured", null));
        var runs = report.AllRuns.ToArray();
        verdicts.Add(new Verdict("0 lost in every run (warm-ups and topic creation included)",
            $"{Cells.Count(report.TotalLost)} lost in {runs.Length} runs", runs.Length == 0 ? null : report.TotalLost == 0));
        return verdicts;
    }

    private static Verdict Ratio(string label, double? ours, double? theirs, double needed) =>
        ours is { } o && theirs is { } t && t > 0
            ? new Verdict(label, $"{Cells.Rate(o)} vs {Cells.Rate(t)} = {Cells.Ratio(o / t)}", o / t >= needed)
            : new Verdict(label, "not measured", null);

    private static IEnumerable<RunResult> Runs(BenchReport report, string target) =>
        report.Targets.TryGetValue(target, out var runs) ? runs.Runs : [];

    public static double? BestEndToEnd(BenchReport report, string target)
    {
        var full = Runs(report, target).Where(r => r.FullSpeed).ToArray();
        return full.Length == 0 ? null : full.Max(r => r.Counts.EndToEndRate);
    }
}

namespace AkLight.Bench.Report;

/// <summary>The data path's targets, each shown as met or not with the figure it was judged on; never a pass/fail of the run.</summary>
internal static class TargetCheck
{
    public sealed record Verdict(string Target, string Measured, bool? Met);

    private static readonly string[] Doors = ["aklight-embedded", "aklight-cluster", "aklight-mqtt", "aklight-kafka"];

    public static IReadOnlyList<Verdict> Evaluate(BenchReport report)
    {
        var verdicts = new List<Verdict>();
        var embedded = BestEndToEnd(report, "aklight-embedded");
        var cluster = BestEndToEnd(report, "aklight-cluster");
        var mqtt = BestEndToEnd(report, "aklight-mqtt");
        var kafka = BestEndToEnd(report, "aklight-kafka");
        var mosquitto = BestEndToEnd(report, "mosquitto-qos1");
        var redis = BestEndToEnd(report, "redis-streams");
        var copy = report.Copy.Count > 0 ? report.Copy.Max(c => c.RowsPerSecond) : (double?)null;
        var rate = report.Options.Rate.ToString("#,0", CultureInfo.InvariantCulture);

        foreach (var name in Doors)
        {
            var fixedRuns = FixedRate(report, name).Where(r => r.Counts.Latency is not null).ToArray();
            var label = $"{name}: p99 ≤ 10 ms and p99.9 ≤ 25 ms at {rate} msg/s";
            verdicts.Add(fixedRuns.Length == 0
                ? new Verdict(label, "not measured", null)
                : new Verdict(label, string.Join(", ", fixedRuns.Select(r => $"{r.Label}: {Cells.Ms(r.Counts.Latency!.P99)} / {Cells.Ms(r.Counts.Latency!.P999)} ms")),
                    fixedRuns.All(r => r.Counts.Latency!.P99 <= 10 && r.Counts.Latency!.P999 <= 25)));
        }
        verdicts.Add(Ratio("embedded ≥ 0.5× Redis Streams (end to end, best full-speed run of each)", embedded, redis, 0.5));
        verdicts.Add(Ratio("cluster ≥ 0.25× the COPY ceiling (end to end vs best COPY rows/s)", cluster, copy, 0.25));
        verdicts.Add(Ratio("embedded ≥ 2× Mosquitto QoS 1", embedded, mosquitto, 2.0));
        verdicts.Add(Ratio("cluster ≥ 2× Mosquitto QoS 1", cluster, mosquitto, 2.0));
        verdicts.Add(Ratio("MQTT door ≥ 1× Mosquitto QoS 1", mqtt, mosquitto, 1.0));
        verdicts.Add(Ratio("Kafka door ≥ the .NET client's rate (embedded)", kafka, embedded, 1.0));
        verdicts.Add(Ratio("Kafka door ≥ 2× Mosquitto QoS 1", kafka, mosquitto, 2.0));
        verdicts.AddRange(BulkVerdicts(report, copy));
        verdicts.AddRange(CollectorVerdicts(report));

        var step = report.Scale?.Steps.FirstOrDefault(s => s.Topics >= 10_000) ?? report.Scale?.Steps.FirstOrDefault();
        verdicts.Add(step is { SiloRssBytes: { } rss }
            ? new Verdict($"silo RSS under 300 MB at 10,000 topics", $"{Cells.Megabytes(rss)} at {Cells.Count(step.Topics)} topics", step.Topics >= 10_000 ? rss < 300L * 1048576 : null)
            : new Verdict("silo RSS under 300 MB at 10,000 topics", "not measured", null));
        // AKLight's runs only: a peer that loses messages (Mosquitto's consumer falling behind) says nothing of AKLight.
        var runs = report.AllRuns.Where(r => r.Target.StartsWith("aklight", StringComparison.Ordinal)).ToArray();
        var lost = runs.Sum(r => r.Counts.Lost) + report.Bulk.Sum(b => b.Lost);
        var duplicated = runs.Sum(r => r.Counts.Duplicates) + report.Bulk.Sum(b => b.Duplicates);
        verdicts.Add(new Verdict("AKLight: nothing lost or duplicated in any run (warm-ups, topic creation and bulk included)",
            $"{Cells.Count(lost)} lost, {Cells.Count(duplicated)} duplicated in {runs.Length + report.Bulk.Count} runs", runs.Length + report.Bulk.Count == 0 ? null : lost == 0 && duplicated == 0));
        return verdicts;
    }

    private static IEnumerable<Verdict> BulkVerdicts(BenchReport report, double? copy)
    {
        var embedded = report.Bulk.FirstOrDefault(b => b.Deployment == "embedded");
        var cluster = report.Bulk.FirstOrDefault(b => b.Deployment == "cluster");
        yield return embedded is null
            ? new Verdict("bulk embedded ≥ 250,000 msg/s produced and ≥ 500,000 consumed", "not measured", null)
            : new Verdict("bulk embedded ≥ 250,000 msg/s produced and ≥ 500,000 consumed", $"{Cells.Rate(embedded.ProduceRate)} / {Cells.Rate(embedded.ConsumeRate)}",
                embedded.ProduceRate >= 250_000 && embedded.ConsumeRate >= 500_000);
        yield return Ratio("bulk cluster produced ≥ 1× the COPY ceiling's rows/s", cluster?.ProduceRate, copy, 1.0);
    }

    /// <summary>Allocation and gen0 pauses of the silos during the fixed-rate runs (where the tail is measured).</summary>
    private static IEnumerable<Verdict> CollectorVerdicts(BenchReport report)
    {
        var measured = Doors.SelectMany(name => FixedRate(report, name)).Where(r => r.Runtime is not null).ToArray();
        if (measured.Length == 0)
        {
            yield return new Verdict("≤ 1 KB allocated per message at the fixed rate", "not measured", null);
            yield return new Verdict("gen0 pause p99 ≤ 5 ms at the fixed rate", "not measured", null);
            yield break;
        }
        yield return new Verdict("≤ 1 KB allocated per message at the fixed rate",
            string.Join(", ", measured.Select(r => $"{r.Target} {r.Label}: {Cells.Bytes(r.Runtime!.AllocatedPerMessage)} B")),
            measured.All(r => r.Runtime!.AllocatedPerMessage <= 1024));
        yield return new Verdict("gen0 pause p99 ≤ 5 ms at the fixed rate",
            string.Join(", ", measured.Select(r => $"{r.Target} {r.Label}: ≤{Cells.Ms(r.Runtime!.Gen0PauseP99Ms)} ms")),
            measured.All(r => r.Runtime!.Gen0PauseP99Ms is null or <= 5));
    }

    private static Verdict Ratio(string label, double? ours, double? theirs, double needed) =>
        ours is { } o && theirs is { } t && t > 0
            ? new Verdict(label, $"{Cells.Rate(o)} vs {Cells.Rate(t)} = {Cells.Ratio(o / t)}", o / t >= needed)
            : new Verdict(label, "not measured", null);

    private static IEnumerable<RunResult> Runs(BenchReport report, string target) =>
        report.Targets.TryGetValue(target, out var runs) ? runs.Runs : [];

    private static IEnumerable<RunResult> FixedRate(BenchReport report, string target) => Runs(report, target).Where(r => !r.FullSpeed);

    public static double? BestEndToEnd(BenchReport report, string target)
    {
        var full = Runs(report, target).Where(r => r.FullSpeed).ToArray();
        return full.Length == 0 ? null : full.Max(r => r.Counts.EndToEndRate);
    }
}

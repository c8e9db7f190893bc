namespace AkLight.Bench.Report;

/// <summary>Writes a run's results as Markdown: the matrix with ratios against the peers of the same run, the COPY ceiling, scale, reactivation, targets.</summary>
internal static class ResultTable
{
    public static void Write(TextWriter output, BenchReport report)
    {
        var o = report.Options;
        output.WriteLine($"## Results ({report.Options.Mode.ToString().ToLowerInvariant()} run, {report.Started:yyyy-MM-dd HH:mm}, took {report.Elapsed.TotalMinutes:0.0} min)");
        output.WriteLine();
        output.WriteLine($"Machine: {report.Machine}. Load average (1, 5, 15 min) at the start: {report.LoadAtStart}; at the end: {report.LoadAtEnd}.");
        output.WriteLine(FormattableString.Invariant(
            $"Workload: {o.Containers:N0} containers × 4 metrics = {o.Containers * 4:N0} topics, 200-byte JSON, keyed by container; one consumer on `metrics/docker/#`; full-speed runs {o.Duration.TotalSeconds:0} s, fixed-rate runs {o.RateDuration.TotalSeconds:0} s at {o.Rate:N0} msg/s in total; unacknowledged messages per producer at most: {string.Join(", ", o.Windows.Select(w => $"{w.Key} {w.Value:N0}"))}."));
        output.WriteLine($"Command: `{report.CommandLine}`");
        output.WriteLine();
        WriteMatrix(output, report);
        WriteCopy(output, report);
        WriteBulk(output, report);
        WriteScale(output, report);
        WriteReactivation(output, report);
        WriteFailover(output, report);
        WriteTargets(output, report);
        if (report.Skipped.Count > 0)
        {
            output.WriteLine("### Not run");
            output.WriteLine();
            foreach (var (scenario, reason) in report.Skipped) output.WriteLine($"- {scenario}: {reason.Split('\n')[0]}");
            output.WriteLine();
        }
    }

    private static void WriteMatrix(TextWriter output, BenchReport report)
    {
        if (report.Targets.Count == 0) return;
        output.WriteLine("### Throughput and end-to-end latency");
        output.WriteLine();
        string[] header = ["system", "producers", "rate", "produced msg/s", "end-to-end msg/s", "p50 ms", "p99 ms", "p99.9 ms", "ack p99 ms", "lost", "dup", "broker CPU", "bench CPU", "alloc B/msg", "gen0 pauses", "gen0 p50/p99 ms", "e2e × mosquitto", "e2e × redis"];
        output.WriteLine(Cells.Row(header));
        output.WriteLine(Cells.Rule(header.Length));
        foreach (var (name, runs) in report.Targets)
        {
            foreach (var r in runs.Runs)
            {
                var c = r.Counts;
                output.WriteLine(Cells.Row(name, r.Spec.Producers.ToString(CultureInfo.InvariantCulture), r.Spec.RateLabel,
                    Cells.Rate(c.ProduceRate), Cells.Rate(c.EndToEndRate), Cells.Ms(c.Latency?.P50), Cells.Ms(c.Latency?.P99), Cells.Ms(c.Latency?.P999),
                    Cells.Ms(c.AckLatency?.P99), Cells.Count(c.Lost), Cells.Count(c.Duplicates), Cells.Cores(r.BrokerCores), Cells.Cores(r.BenchCores),
                    Cells.Bytes(r.Runtime?.AllocatedPerMessage), r.Runtime is { } gc ? Cells.Count(gc.Gen0Pauses) : "–",
                    r.Runtime is { Gen0PauseP50Ms: { } p50, Gen0PauseP99Ms: { } p99 } ? $"≤{Cells.Ms(p50)} / ≤{Cells.Ms(p99)}" : "–",
                    PeerRatio(report, r, "mosquitto-qos1"), PeerRatio(report, r, "redis-streams")));
            }
        }
        output.WriteLine();
        output.WriteLine("Produced: acknowledged messages per second of sending. End-to-end: distinct messages the consumer received per second, from the first send to the last delivery. Latency: from send (fixed rate: from the due time) to delivery; ack p99: from send to the broker's acknowledgement. CPU: average cores used during the run by the broker's processes (PostgreSQL included for the cluster) and by the bench (producers and consumer). Alloc and gen0 (AKLight only, from the silos' `/metrics`): bytes the silos allocated per acknowledged message (its produce and its delivery), the collector's gen0 pauses during the run and the upper bounds of the histogram buckets holding their p50 and p99. Ratios: end-to-end throughput against the peer's run with the same producers, full-speed rows only.");
        var warmups = report.Targets.Select(t => $"{t.Key} {Cells.Count(t.Value.Warmup.Counts.Received)}/{Cells.Count(t.Value.Warmup.Counts.Acked)} received, {Cells.Count(t.Value.Warmup.Counts.Lost)} lost");
        output.WriteLine($"Warm-ups (one message per topic before the runs): {string.Join("; ", warmups)}.");
        output.WriteLine();
    }

    private static string PeerRatio(BenchReport report, RunResult run, string peer)
    {
        if (!run.FullSpeed || run.Target == peer || !report.Targets.TryGetValue(peer, out var peerRuns)) return "–";
        var match = peerRuns.Runs.FirstOrDefault(p => p.FullSpeed && p.Spec.Producers == run.Spec.Producers);
        return match is null || match.Counts.EndToEndRate <= 0 ? "–" : Cells.Ratio(run.Counts.EndToEndRate / match.Counts.EndToEndRate);
    }

    private static void WriteCopy(TextWriter output, BenchReport report)
    {
        if (report.Copy.Count == 0) return;
        output.WriteLine("### Store ceiling: PostgreSQL binary COPY of the same rows");
        output.WriteLine();
        output.WriteLine(Cells.Row("writers", "rows per transaction", "rows/s", "PostgreSQL CPU", "bench CPU"));
        output.WriteLine(Cells.Rule(5));
        foreach (var c in report.Copy)
            output.WriteLine(Cells.Row(c.Writers.ToString(CultureInfo.InvariantCulture), Cells.Count(c.BatchRows), Cells.Rate(c.RowsPerSecond), Cells.Cores(c.PostgresCores), Cells.Cores(c.BenchCores)));
        output.WriteLine();
    }

    private static void WriteBulk(TextWriter output, BenchReport report)
    {
        if (report.Bulk.Count == 0) return;
        output.WriteLine($"### Bulk through the Kafka door: one topic of {Bulk.BulkScenario.Partitions} partitions, librdkafka, 200 B, acks=all");
        output.WriteLine();
        string[] header = ["deployment", "messages", "produced msg/s", "consumed msg/s", "lost", "dup", "failed", "alloc B/msg produce / consume", "produced × COPY ceiling"];
        output.WriteLine(Cells.Row(header));
        output.WriteLine(Cells.Rule(header.Length));
        var ceiling = report.Copy.Count == 0 ? 0 : report.Copy.Max(c => c.RowsPerSecond);
        foreach (var b in report.Bulk)
            output.WriteLine(Cells.Row(b.Deployment, Cells.Count(b.Messages), Cells.Rate(b.ProduceRate), Cells.Rate(b.ConsumeRate), Cells.Count(b.Lost),
                Cells.Count(b.Duplicates), Cells.Count(b.Failed), $"{Cells.Bytes(b.ProduceRuntime?.AllocatedPerMessage)} / {Cells.Bytes(b.ConsumeRuntime?.AllocatedPerMessage)}",
                ceiling > 0 ? Cells.Ratio(b.ProduceRate / ceiling) : "–"));
        output.WriteLine();
        output.WriteLine("One producer (librdkafka's default batching, keyed over 1,000 keys, murmur2) sends every message and waits for every delivery report; then one consumer assigned every partition reads them back from the start. COPY ceiling: the best rows/s of the same run's COPY.");
        output.WriteLine();
    }

    private static void WriteScale(TextWriter output, BenchReport report)
    {
        if (report.Scale is not { } scale) return;
        output.WriteLine($"### Scale: a wildcard consumer over every topic, {scale.ActiveTopics} topics active (embedded silo)");
        output.WriteLine();
        string[] header = ["silo", "topics", "silo RSS", "silo CPU idle", "topics created/s", "active full speed e2e msg/s", "full speed p99 ms", "fixed rate p50 ms", "fixed rate p99 ms", "fixed rate p99.9 ms", "lost"];
        output.WriteLine(Cells.Row(header));
        output.WriteLine(Cells.Rule(header.Length));
        foreach (var step in new[] { scale.Baseline }.Concat(scale.Steps))
        {
            var full = step.ActiveRuns.FirstOrDefault(r => r.FullSpeed);
            var paced = step.ActiveRuns.FirstOrDefault(r => !r.FullSpeed);
            var lost = step.ActiveRuns.Sum(r => r.Counts.Lost) + (step.Fill?.Counts.Lost ?? 0);
            output.WriteLine(Cells.Row(step.Deployment, Cells.Count(step.Topics), Cells.Megabytes(step.SiloRssBytes), Cells.Cores(step.IdleSiloCores),
                step.FillTopicsPerSecond is { } f ? Cells.Rate(f) : "–", Cells.Rate(full?.Counts.EndToEndRate ?? 0), Cells.Ms(full?.Counts.Latency?.P99),
                Cells.Ms(paced?.Counts.Latency?.P50), Cells.Ms(paced?.Counts.Latency?.P99), Cells.Ms(paced?.Counts.Latency?.P999), Cells.Count(lost)));
        }
        output.WriteLine();
        output.WriteLine("RSS: the silo's resident memory after the topics were created and the consumer had received one message from each (it watches every partition). Idle CPU: the silo's average over 45 s with no traffic (one watch renewal falls inside). Topics created/s: topics made by first publish and delivered to the subscribed consumer.");
        output.WriteLine();
    }

    private static void WriteReactivation(TextWriter output, BenchReport report)
    {
        if (report.Reactivation.Count == 0) return;
        output.WriteLine("### Reactivation: first calls to a partition after every silo restarted");
        output.WriteLine();
        string[] header = ["deployment", "log", "first call (activation) ms", "warm call ms", "read 100 at tail ms", "read 100 at head ms", "append 1 ms", "restart s", "log written at msg/s"];
        output.WriteLine(Cells.Row(header));
        output.WriteLine(Cells.Rule(header.Length));
        foreach (var r in report.Reactivation)
            foreach (var p in new[] { r.Short, r.Long })
                output.WriteLine(Cells.Row(r.Deployment, $"{Cells.Count(p.Messages)} messages", Cells.Ms(p.ActivationMs), Cells.Ms(p.WarmCallMs),
                    Cells.Ms(p.TailReadMs), Cells.Ms(p.HeadReadMs), Cells.Ms(p.AppendMs),
                    r.RestartSeconds.ToString("0.0", CultureInfo.InvariantCulture), p == r.Long ? Cells.Rate(r.WriteRate) : "–"));
        output.WriteLine();
    }

    private static void WriteFailover(TextWriter output, BenchReport report)
    {
        if (report.Failover is not { } f) return;
        output.WriteLine("### Failover: kill -9 of one silo of two under keyed load (8 producers, a persistent session)");
        output.WriteLine();
        string[] header = ["sent", "acknowledged", "failed", "longest gap between acknowledgements s", "longest gap between deliveries s", "delivered", "delivered more than once"];
        output.WriteLine(Cells.Row(header));
        output.WriteLine(Cells.Rule(header.Length));
        output.WriteLine(Cells.Row(Cells.Count(f.Sent), Cells.Count(f.Acknowledged), Cells.Count(f.Failed),
            f.LongestAckGap.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), f.LongestDeliveryGap.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            Cells.Count(f.DeliveredDistinct), Cells.Count(f.DeliveredMoreThanOnce)));
        output.WriteLine();
    }

    private static void WriteTargets(TextWriter output, BenchReport report)
    {
        output.WriteLine("### Targets");
        output.WriteLine();
        output.WriteLine(Cells.Row("target", "measured", "met"));
        output.WriteLine(Cells.Rule(3));
        foreach (var v in TargetCheck.Evaluate(report))
            output.WriteLine(Cells.Row(v.Target, v.Measured, v.Met switch { true => "met", false => "**not met**", null => "–" }));
        output.WriteLine();
    }
}

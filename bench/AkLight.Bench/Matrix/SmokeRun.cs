namespace AkLight.Bench.Matrix;

/// <summary>
/// The CI smoke run: AKLight embedded, one producer at full speed for a few seconds, one consumer. Prints one
/// result line; returns 0 when nothing acknowledged was lost and every send was acknowledged.
/// </summary>
internal static class SmokeRun
{
    public static async Task<int> RunAsync(BenchOptions options, string workRoot, CancellationToken cancellationToken)
    {
        var topics = new MetricTopics(options.Containers);
        await using var silo = await AkLightDeployment.StartEmbeddedAsync("aklight-smoke", options, workRoot, cancellationToken).ConfigureAwait(false);
        var target = new AkLightTarget("aklight-embedded", silo.Gateways, () => silo.BrokerPids, ClientSettings.From(options));
        var spec = new RunSpec(options.ProducerCounts[0], null, options.Duration, options.MaxMessagesPerProducer, options.WindowFor(target.Name), options.DrainTimeout, options.StallTimeout);
        var runs = await TargetRunner.RunAsync(target, topics, [spec], options, cancellationToken).ConfigureAwait(false);
        var run = runs.Runs[0];
        var c = run.Counts;
        var ok = runs.Warmup.Clean && run.Clean;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench smoke: aklight-embedded {spec.Producers}P {options.Duration.TotalSeconds:0}s over {topics.All.Count} topics: sent {c.Sent}, acked {c.Acked}, received {c.Received}, lost {c.Lost + runs.Warmup.Counts.Lost}, duplicated {c.Duplicates}, failed {c.Failed}, {c.EndToEndRate:0} msg/s end to end, p99 {c.Latency?.P99 ?? 0:0.0} ms: {(ok ? "OK" : "FAILED")}"));
        if (!ok)
        {
            Console.Error.WriteLine(Progress.Describe(runs.Warmup));
            Console.Error.WriteLine(Progress.Describe(run));
            if (silo.Gateways.Count > 0) Console.Error.WriteLine($"silo log folder: {workRoot}");
        }
        return ok ? 0 : 1;
    }
}

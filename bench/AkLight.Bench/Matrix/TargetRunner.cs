using AkLight.Bench.Load;

namespace AkLight.Bench.Matrix;

/// <summary>
/// The workload against one target: its wildcard consumer subscribes first, a warm-up sends one message to every
/// topic (creating them where the broker creates topics on first publish) and waits for all of them, then each
/// measured run follows on the same consumer.
/// </summary>
internal static class TargetRunner
{
    public static async Task<TargetRuns> RunAsync(IBenchTarget target, MetricTopics topics, IReadOnlyList<RunSpec> specs,
        BenchOptions options, CancellationToken cancellationToken)
    {
        var receiver = new Receiver();
        Progress.Log($"{target.Name}: subscribing the consumer");
        await using var consumer = await target.StartConsumerAsync(receiver, cancellationToken).ConfigureAwait(false);
        var warmupSpec = WarmupSpec(topics.All.Count, options);
        var warmup = await LoadGenerator.RunAsync(target, receiver, topics, warmupSpec, $"warm-up ({topics.All.Count:N0} topics)", cancellationToken)
            .ConfigureAwait(false);
        Progress.Log(Progress.Describe(warmup));
        var results = new List<RunResult>();
        foreach (var spec in specs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await LoadGenerator.RunAsync(target, receiver, topics, spec, Label(spec), cancellationToken).ConfigureAwait(false);
            Progress.Log(Progress.Describe(result));
            results.Add(result);
        }
        return new TargetRuns(warmup, results, receiver.Strays, receiver.Malformed);
    }

    /// <summary>
    /// One message per topic, a bounded burst of topic creations. It waits past AKLight's watch renewal (a third of
    /// the 2-minute WatchLease) before it gives up on a message, so a delivery that only the renewal recovers is
    /// counted as late (its latency shows it) rather than lost.
    /// </summary>
    public static RunSpec WarmupSpec(int topics, BenchOptions options)
    {
        var stall = TimeSpan.FromSeconds(Math.Max(options.StallTimeout.TotalSeconds, 50));
        var drain = TimeSpan.FromSeconds(Math.Max(options.DrainTimeout.TotalSeconds, Math.Max(stall.TotalSeconds, topics / 100.0)));
        return new RunSpec(1, null, drain, topics, 2000, drain, stall);
    }

    public static string Label(RunSpec spec) => $"{spec.Producers}P {spec.RateLabel}";

    /// <summary>Full speed for each producer count, then the fixed rate for each.</summary>
    public static IReadOnlyList<RunSpec> StandardSpecs(BenchOptions options, string target) =>
    [
        .. options.ProducerCounts.Select(p => new RunSpec(p, null, options.Duration, options.MaxMessagesPerProducer, options.WindowFor(target), options.DrainTimeout, options.StallTimeout)),
        .. options.Mode == BenchMode.Smoke
            ? []
            : options.ProducerCounts.Select(p => new RunSpec(p, options.Rate, options.RateDuration, options.MaxMessagesPerProducer, options.WindowFor(target), options.DrainTimeout, options.StallTimeout)),
    ];
}

/// <summary>A target's warm-up and measured runs, and messages the consumer could not place.</summary>
internal sealed record TargetRuns(RunResult Warmup, IReadOnlyList<RunResult> Runs, long Strays, long Malformed);

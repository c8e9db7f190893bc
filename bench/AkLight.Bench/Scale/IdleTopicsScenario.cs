using AkLight.Bench.Load;
using AkLight.Bench.Matrix;

namespace AkLight.Bench.Scale;

/// <summary>
/// Scale on the embedded silo. A wildcard consumer (<c>metrics/docker/#</c>) is subscribed to every topic, yet
/// only <see cref="BenchOptions.ActiveTopics"/> topics receive messages: idle topics must cost nothing per fetch,
/// so the active runs should match the baseline silo that has only the active topics. At each topic count the
/// silo's resident memory and its CPU while idle are measured too.
/// </summary>
internal static class IdleTopicsScenario
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    // Longer than a third of the 2-minute WatchLease, so one watch renewal of every partition falls inside it.
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(45);

    public static async Task<ScaleReport> RunAsync(BenchOptions options, string workRoot, AkLightClientSettings client, CancellationToken cancellationToken)
    {
        var active = new MetricTopics(options.ActiveTopics, hostPrefix: "active", metricsPerContainer: 1);
        var specs = ActiveSpecs(options);

        ScaleStep baseline;
        await using (var silo = await AkLightDeployment.StartEmbeddedAsync("aklight-idle-baseline", options, workRoot, cancellationToken).ConfigureAwait(false))
        {
            var target = new AkLightTarget("aklight-embedded", silo.Gateways, () => silo.BrokerPids, client);
            var runs = await TargetRunner.RunAsync(target, active, specs, options, cancellationToken).ConfigureAwait(false);
            baseline = new ScaleStep("baseline", active.All.Count, Rss(silo), await IdleCoresAsync(silo, cancellationToken).ConfigureAwait(false),
                null, runs.Warmup, runs.Runs);
        }

        var steps = new List<ScaleStep>();
        await using var deployment = await AkLightDeployment.StartEmbeddedAsync("aklight-scale", options, workRoot, cancellationToken).ConfigureAwait(false);
        var scaleTarget = new AkLightTarget("aklight-embedded", deployment.Gateways, () => deployment.BrokerPids, client);
        var receiver = new Receiver();
        Progress.Log($"scale: subscribing a wildcard consumer before creating topics");
        await using var consumer = await scaleTarget.StartConsumerAsync(receiver, cancellationToken).ConfigureAwait(false);
        var activeFill = await FillAsync(scaleTarget, receiver, active, options, cancellationToken).ConfigureAwait(false);
        var created = active.All.Count;
        for (var i = 0; i < options.ScaleTopics.Count; i++)
        {
            var total = options.ScaleTopics[i];
            if (total <= created) continue;
            var idle = new MetricTopics(total - created, hostPrefix: $"idle{i}h", metricsPerContainer: 1);
            Progress.Log($"scale: creating {idle.All.Count:N0} more topics (to {total:N0}), one message each, the consumer receiving all");
            var fill = await FillAsync(scaleTarget, receiver, idle, options, cancellationToken).ConfigureAwait(false);
            created = total;
            var fillRate = fill.Counts.EndToEndSeconds > 0 ? fill.Counts.Received / fill.Counts.EndToEndSeconds : (double?)null;
            await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
            var rss = Rss(deployment);
            var idleCores = await IdleCoresAsync(deployment, cancellationToken).ConfigureAwait(false);
            Progress.Log($"scale: {total:N0} topics: silo RSS {rss / 1048576.0:N0} MB, idle silo CPU {idleCores:0.000} cores");
            var runs = new List<RunResult>();
            foreach (var spec in specs)
            {
                var result = await LoadGenerator.RunAsync(scaleTarget, receiver, active, spec, $"{TargetRunner.Label(spec)}, {active.All.Count} of {total:N0} topics active", cancellationToken)
                    .ConfigureAwait(false);
                Progress.Log(Progress.Describe(result));
                runs.Add(result);
            }
            steps.Add(new ScaleStep("scale", total, rss, idleCores, fillRate, fill, runs));
        }
        return new ScaleReport(active.All.Count, baseline, activeFill, steps);
    }

    private static IReadOnlyList<RunSpec> ActiveSpecs(BenchOptions options) =>
    [
        new RunSpec(1, null, options.Duration, options.MaxMessagesPerProducer, options.WindowFor("aklight"), options.DrainTimeout, options.StallTimeout),
        new RunSpec(1, options.Rate, options.RateDuration, options.MaxMessagesPerProducer, options.WindowFor("aklight"), options.DrainTimeout, options.StallTimeout),
    ];

    /// <summary>One message to each topic (which creates it), waiting until the consumer has them all.</summary>
    private static async Task<RunResult> FillAsync(IBenchTarget target, Receiver receiver, MetricTopics topics, BenchOptions options, CancellationToken cancellationToken)
    {
        var spec = TargetRunner.WarmupSpec(topics.All.Count, options);
        var fill = await LoadGenerator.RunAsync(target, receiver, topics, spec, $"create {topics.All.Count:N0} topics", cancellationToken).ConfigureAwait(false);
        Progress.Log(Progress.Describe(fill));
        return fill;
    }

    private static long? Rss(AkLightDeployment deployment) => deployment.SiloPids.Select(ProcStats.ResidentBytes).Sum();

    private static async Task<double> IdleCoresAsync(AkLightDeployment deployment, CancellationToken cancellationToken)
    {
        var probe = CpuProbe.Start(deployment.SiloPids);
        await Task.Delay(IdleWindow, cancellationToken).ConfigureAwait(false);
        return probe.Stop().Broker;
    }
}

using AkLight.Bench.Matrix;
using AkLight.Client.Connection;
using AkLight.Client.Producing;

namespace AkLight.Bench.Scale;

/// <summary>
/// What a partition costs to come back after a restart when its stored log is long, next to one whose log is
/// short: a partition of <c>N</c> messages and one of 10 are written, every silo restarts, and the first calls to
/// each partition are timed (activation, then warm calls, reads at the tail and the head, one append).
/// </summary>
internal static class ReactivationScenario
{
    private const int ReadCount = 100;

    public static async Task<ReactivationResult> RunAsync(AkLightDeployment deployment, long longLog, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var longTopic = $"bench/reactivation-{id}/long";
        var shortTopic = $"bench/reactivation-{id}/short";
        var template = MetricPayload.CreateTemplate("host00", "host00-c000000", "cpu");
        double writeRate;
        await using (var connection = await BrokerConnection.ConnectAsync(deployment.Gateways, TimeSpan.FromSeconds(30), cancellationToken, AkLightDeployment.ClusterId).ConfigureAwait(false))
        {
            var settings = new TopicSettings(1, TimeSpan.FromDays(7));
            await connection.Grains.GetGrain<ITopicGrain>(longTopic).CreateAsync(settings).ConfigureAwait(false);
            await connection.Grains.GetGrain<ITopicGrain>(shortTopic).CreateAsync(settings).ConfigureAwait(false);
            Progress.Log($"{deployment.Name}: writing {longLog:N0} messages to one partition");
            await using var producer = new Producer(connection.Grains, new ProducerOptions { Linger = TimeSpan.FromMilliseconds(5) });
            var started = Stopwatch.GetTimestamp();
            await WriteAsync(producer, longTopic, longLog, template, cancellationToken).ConfigureAwait(false);
            writeRate = longLog / Stopwatch.GetElapsedTime(started).TotalSeconds;
            await WriteAsync(producer, shortTopic, 10, template, cancellationToken).ConfigureAwait(false);
        }

        Progress.Log($"{deployment.Name}: restarting");
        var restart = Stopwatch.GetTimestamp();
        await deployment.RestartAsync(cancellationToken).ConfigureAwait(false);
        var restartSeconds = Stopwatch.GetElapsedTime(restart).TotalSeconds;

        await using var after = await BrokerConnection.ConnectAsync(deployment.Gateways, TimeSpan.FromSeconds(60), cancellationToken, AkLightDeployment.ClusterId).ConfigureAwait(false);
        var shortTimes = await TimeFirstCallsAsync(after, shortTopic, template).ConfigureAwait(false);
        var longTimes = await TimeFirstCallsAsync(after, longTopic, template).ConfigureAwait(false);
        var result = new ReactivationResult(deployment.Name, longLog, writeRate, restartSeconds, shortTimes, longTimes);
        Progress.Log($"{deployment.Name}: reactivation short {shortTimes} | long {longTimes}");
        return result;
    }

    private static async Task WriteAsync(Producer producer, string topic, long count, MetricPayload.Template template, CancellationToken cancellationToken)
    {
        using var window = new SemaphoreSlim(20_000);
        var failures = 0L;
        for (long i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            await window.WaitAsync(cancellationToken).ConfigureAwait(false);
            _ = producer.ProduceAsync(topic, null, MetricPayload.Write(template, 0, i, Stopwatch.GetTimestamp()))
                .ContinueWith(t =>
                {
                    if (!t.IsCompletedSuccessfully) Interlocked.Increment(ref failures);
                    window.Release();
                }, TaskScheduler.Default);
        }
        for (var i = 0; i < 20_000; i++) await window.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        if (failures > 0) throw new BenchSetupException($"{failures} message(s) to {topic} were not acknowledged");
    }

    private static async Task<PartitionTimes> TimeFirstCallsAsync(BrokerConnection connection, string topic, MetricPayload.Template template)
    {
        var grain = connection.Grains.GetPartitionGrain(new TopicPartition(topic, 0));
        var (bounds, activation) = await TimeAsync(grain.GetBoundsAsync).ConfigureAwait(false);
        var (_, warm) = await TimeAsync(grain.GetBoundsAsync).ConfigureAwait(false);
        var (_, tail) = await TimeAsync(() => grain.ReadAsync(Math.Max(bounds.StartOffset, bounds.EndOffset - ReadCount), ReadCount, 1 << 20)).ConfigureAwait(false);
        var (_, head) = await TimeAsync(() => grain.ReadAsync(bounds.StartOffset, ReadCount, 1 << 20)).ConfigureAwait(false);
        var record = new ProduceRecord(null, MetricPayload.Write(template, 0, bounds.EndOffset, Stopwatch.GetTimestamp()));
        var (_, append) = await TimeAsync(() => grain.AppendAsync(new ProduceBatch([record]))).ConfigureAwait(false);
        return new PartitionTimes(bounds.Count, activation, warm, tail, head, append);
    }

    private static async Task<(T Value, double Milliseconds)> TimeAsync<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var value = await call().WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        return (value, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}

/// <summary>Milliseconds of the first calls to a partition after the restart.</summary>
internal sealed record PartitionTimes(long Messages, double ActivationMs, double WarmCallMs, double TailReadMs, double HeadReadMs, double AppendMs)
{
    public override string ToString() => FormattableString.Invariant(
        $"{Messages:N0} msgs: first call {ActivationMs:0.0} ms, warm {WarmCallMs:0.00} ms, tail read {TailReadMs:0.0} ms, head read {HeadReadMs:0.0} ms, append {AppendMs:0.0} ms");
}

/// <summary>The reactivation scenario's figures for one deployment.</summary>
internal sealed record ReactivationResult(string Deployment, long LongLog, double WriteRate, double RestartSeconds, PartitionTimes Short, PartitionTimes Long);

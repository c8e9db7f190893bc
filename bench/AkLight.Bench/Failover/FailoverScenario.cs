using System.Collections.Concurrent;
using System.Text;
using AkLight.Bench.Matrix;
using AkLight.Client.Connection;
using AkLight.Client.Consuming;
using AkLight.Client.Producing;

namespace AkLight.Bench.Failover;

/// <summary>
/// <c>kill -9</c> of one silo of two under keyed load, as the README's failover paragraph describes it: 8 producers
/// (each through both gateways, paced) and one persistent session reading; the second silo is killed once a quarter
/// of the load is acknowledged. Measures the longest gap between acknowledgements and between deliveries after the
/// kill, and counts what was not acknowledged, stored twice or never delivered.
/// </summary>
internal static class FailoverScenario
{
    private const int Producers = 8;
    private const int Keys = 10;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);

    public static async Task<FailoverResult> RunAsync(AkLightDeployment cluster, TimeSpan duration, CancellationToken cancellationToken)
    {
        var topic = $"bench/failover-{Guid.NewGuid():N}"[..24];
        var rounds = (int)(duration / Pace);
        var clock = Stopwatch.StartNew();
        var acks = new ConcurrentQueue<(int Producer, TimeSpan At)>();
        var deliveries = new ConcurrentQueue<TimeSpan>();
        var delivered = new ConcurrentDictionary<string, int>();
        var failed = 0;
        var connections = new List<BrokerConnection>();
        try
        {
            for (var i = 0; i <= Producers; i++)
                connections.Add(await BrokerConnection.ConnectAsync(i % 2 == 0 ? cluster.Gateways : cluster.Gateways.Reverse().ToArray(),
                    TimeSpan.FromSeconds(30), cancellationToken, AkLightDeployment.ClusterId).ConfigureAwait(false));
            await connections[0].Grains.GetGrain<ITopicGrain>(topic).CreateAsync(new TopicSettings(4, TimeSpan.FromHours(1))).ConfigureAwait(false);
            using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reading = ReadAsync(connections[Producers].Grains, topic, clock, deliveries, delivered, stopReading.Token);

            var sending = Enumerable.Range(0, Producers).Select(async p =>
            {
                await using var producer = new Producer(connections[p].Grains, new ProducerOptions { DeliveryTimeout = TimeSpan.FromSeconds(60) });
                await producer.GetPartitionCountAsync(topic).ConfigureAwait(false);
                var inFlight = new List<Task>();
                for (var r = 0; r < rounds && !cancellationToken.IsCancellationRequested; r++)
                {
                    for (var k = 0; k < Keys; k++)
                        inFlight.Add(SendAsync(producer, topic, $"p{p}-k{k}", r, () => acks.Enqueue((p, clock.Elapsed)), () => Interlocked.Increment(ref failed)));
                    await Task.Delay(Pace, cancellationToken).ConfigureAwait(false);
                }
                await Task.WhenAll(inFlight).ConfigureAwait(false);
            }).ToArray();

            var total = Producers * Keys * rounds;
            while (acks.Count < total / 4 && !sending.All(t => t.IsCompleted)) await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            var killedAt = clock.Elapsed;
            cluster.KillSilo(1);
            Progress.Log($"failover: killed silo 2 at {killedAt.TotalSeconds:0.0} s with {acks.Count:N0} of {total:N0} acknowledged");
            await Task.WhenAll(sending).ConfigureAwait(false);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (delivered.Count < total - failed && DateTime.UtcNow < deadline) await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            await stopReading.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);

            var ackGap = Enumerable.Range(0, Producers).Max(p => LongestGap(acks.Where(a => a.Producer == p).Select(a => a.At), killedAt));
            var result = new FailoverResult(total, acks.Count, failed, ackGap, LongestGap(deliveries, killedAt),
                delivered.Count, delivered.Values.Count(n => n > 1));
            Progress.Log($"failover: {result}");
            return result;
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task SendAsync(Producer producer, string topic, string key, int round, Action acked, Action failed)
    {
        try
        {
            await producer.ProduceAsync(topic, key, $"{key}:{round}").ConfigureAwait(false);
            acked();
        }
        catch (Exception)
        {
            failed();
        }
    }

    private static async Task ReadAsync(IGrainFactory grains, string topic, Stopwatch clock, ConcurrentQueue<TimeSpan> deliveries,
        ConcurrentDictionary<string, int> delivered, CancellationToken stop)
    {
        var session = await ConsumerSession.OpenAsync(grains, $"failover-{Guid.NewGuid():N}", new SessionOptions([topic], Persistent: true, StartPosition.Earliest)).ConfigureAwait(false);
        try
        {
            var sinceCommit = 0;
            await foreach (var message in session.ConsumeAsync(autoCommit: false, stop).ConfigureAwait(false))
            {
                deliveries.Enqueue(clock.Elapsed);
                delivered.AddOrUpdate(Encoding.UTF8.GetString(message.Payload!), 1, (_, n) => n + 1);
                if (++sinceCommit < 500) continue;
                sinceCommit = 0;
                // Committed as it goes, so what comes again after the kill is only what the dead silo had not committed.
                try
                {
                    await session.CommitAsync().ConfigureAwait(false);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The session's silo died; the next commit covers these too.
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The scenario is over.
        }
    }

    private static TimeSpan LongestGap(IEnumerable<TimeSpan> times, TimeSpan from)
    {
        var gap = TimeSpan.Zero;
        var previous = from;
        foreach (var t in times.Where(t => t >= from).Order())
        {
            if (t - previous > gap) gap = t - previous;
            previous = t;
        }
        return gap;
    }
}

/// <summary>What the failover scenario measured.</summary>
internal sealed record FailoverResult(int Sent, int Acknowledged, int Failed, TimeSpan LongestAckGap, TimeSpan LongestDeliveryGap,
    int DeliveredDistinct, int DeliveredMoreThanOnce)
{
    public override string ToString() =>
        $"{Acknowledged:N0} of {Sent:N0} acknowledged, {Failed} failed; longest gap after the kill: acknowledgements {LongestAckGap.TotalSeconds:0.00} s, " +
        $"deliveries {LongestDeliveryGap.TotalSeconds:0.00} s; {DeliveredDistinct:N0} delivered ({DeliveredMoreThanOnce:N0} more than once)";
}

using System.Collections.Concurrent;
using AkLight.Client.Consuming;

namespace AkLight.ClusterTests.Cluster;

/// <summary>
/// A persistent session reading a <see cref="KeyedLoad"/>'s topic from the start, committing as it goes, recording when
/// each message arrived (on the load's clock) and how many came again.
/// </summary>
public sealed class FailoverConsumer(IGrainFactory grains, string topic, KeyedLoad load)
{
    private readonly ConcurrentDictionary<(string Key, int Seq), byte> _seen = new();
    private readonly ConcurrentQueue<TimeSpan> _arrivals = new();
    private int _redelivered;

    public int Distinct => _seen.Count;
    public int Redelivered => Volatile.Read(ref _redelivered);

    public async Task RunAsync(CancellationToken stop)
    {
        var session = await ConsumerSession.OpenAsync(grains, "failover-reader", new SessionOptions([topic], Persistent: true, StartPosition.Earliest));
        var sinceCommit = 0;
        try
        {
            await foreach (var message in session.ConsumeAsync(autoCommit: false, stop))
            {
                _arrivals.Enqueue(load.Now);
                if (!_seen.TryAdd(KeyedLoad.Parse(message), 0)) Interlocked.Increment(ref _redelivered);
                if (++sinceCommit < 200) continue;
                sinceCommit = 0;
                try
                {
                    await session.CommitAsync();
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The session's silo died: the commit is made again with the next batch (delivery is at least once).
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by the test.
        }
    }

    /// <summary>Longest time without a delivery after <paramref name="from"/>, up to the last delivery.</summary>
    public TimeSpan LongestGapAfter(TimeSpan from) => KeyedLoad.LongestGap(_arrivals, from);
}

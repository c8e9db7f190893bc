using System.Collections.Concurrent;

namespace AkLight.Cluster.PostgresTests.Cluster;

/// <summary>
/// A consumer of a <see cref="KeyedLoad"/>'s topic from the start — a persistent session, or a member of a consumer
/// group — committing as it goes, recording when each message arrived (on the load's clock) and how many came again.
/// </summary>
public sealed class FailoverConsumer(KeyedLoad load, Func<CancellationToken, IAsyncEnumerable<ConsumedMessage>> consume, Func<Task> commit)
{
    private readonly ConcurrentDictionary<(string Key, int Seq), byte> _seen = new();
    private readonly ConcurrentQueue<TimeSpan> _arrivals = new();
    private int _redelivered;

    public int Distinct => _seen.Count;
    public int Redelivered => Volatile.Read(ref _redelivered);

    /// <summary>What ended the reading early, if anything did.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Reads through the persistent session <paramref name="sessionId"/>.</summary>
    public static async Task<FailoverConsumer> SessionAsync(IGrainFactory grains, string sessionId, string topic, KeyedLoad load)
    {
        var session = await ConsumerSession.OpenAsync(grains, sessionId, new SessionOptions([topic], Persistent: true, StartPosition.Earliest));
        return new FailoverConsumer(load, stop => session.ConsumeAsync(autoCommit: false, stop), session.CommitAsync);
    }

    /// <summary>Reads as the only member of consumer group <paramref name="group"/>.</summary>
    public static async Task<FailoverConsumer> GroupMemberAsync(IGrainFactory grains, string group, string topic, KeyedLoad load)
    {
        var member = await GroupConsumer.JoinAsync(grains, group, "member-1", [topic], StartFrom.Earliest);
        return new FailoverConsumer(load, stop => member.ConsumeAsync(autoCommit: false, stop), member.CommitAsync);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var sinceCommit = 0;
        try
        {
            await foreach (var message in consume(stop))
            {
                _arrivals.Enqueue(load.Now);
                if (!_seen.TryAdd(KeyedLoad.Parse(message), 0)) Interlocked.Increment(ref _redelivered);
                if (++sinceCommit < 200) continue;
                sinceCommit = 0;
                try
                {
                    await commit();
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The silo of the session (or the group) died: the commit is made again with the next batch (delivery is at least once).
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by the test.
        }
        catch (Exception error)
        {
            Error = error;
            throw;
        }
    }

    /// <summary>Longest time without a delivery after <paramref name="from"/>, up to the last delivery.</summary>
    public TimeSpan LongestGapAfter(TimeSpan from) => KeyedLoad.LongestGap(_arrivals, from);
}

namespace AkLight.Silo.Doors.Kafka.Protocol;

/// <summary>
/// The order a connection's produce requests keep: per partition, not per connection. A request's append to a
/// partition starts once the connection's previous append to that partition has ended; appends to other partitions,
/// of the same request or of later ones, run meanwhile. Appends are queued in request order (the connection reads one
/// request at a time, and the produce handler queues its partitions before it first waits), so a client's second batch
/// for a partition never lands before its first, while a connection that writes to many partitions is not held to one
/// append at a time.
/// </summary>
public sealed class PartitionAppendOrder
{
    private readonly Dictionary<(string Topic, int Partition), Task> _last = [];
    private readonly Lock _gate = new();

    /// <summary>Starts <paramref name="append"/> once the previous append of this connection to the partition has ended.</summary>
    public Task<T> Enqueue<T>(string topic, int partition, Func<Task<T>> append)
    {
        var key = (topic, partition);
        lock (_gate)
        {
            var next = _last.TryGetValue(key, out var previous) && !previous.IsCompleted ? AfterAsync(previous, append) : append();
            _last[key] = next;
            // Forgotten once it is the partition's last and has ended: a connection that wrote to many partitions holds none.
            next.ContinueWith(ended => Forget(key, ended), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return next;
        }
    }

    /// <summary>Appends waiting or running (for tests and metrics).</summary>
    public int Pending
    {
        get
        {
            lock (_gate) return _last.Count;
        }
    }

    private void Forget((string, int) key, Task ended)
    {
        lock (_gate)
            if (_last.TryGetValue(key, out var last) && last == ended) _last.Remove(key);
    }

    private static async Task<T> AfterAsync<T>(Task previous, Func<Task<T>> append)
    {
        await previous.ContinueWith(_ => { }, TaskScheduler.Default); // its outcome is its own request's
        return await append();
    }
}

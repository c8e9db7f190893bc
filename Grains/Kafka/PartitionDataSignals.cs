namespace AkLight.Grains.Kafka;

/// <summary>
/// This silo's waits for new data, per partition: a long-poll fetch arms a <see cref="PartitionWait"/> on the
/// partitions it reads before it reads them again, so data arriving after that read completes the wait.
/// Thread-safe.
/// </summary>
public sealed class PartitionDataSignals
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TopicPartition, HashSet<PartitionWait>> _waits = [];

    public PartitionWait Arm(IReadOnlyCollection<TopicPartition> partitions)
    {
        var wait = new PartitionWait(this, partitions);
        lock (_gate)
            foreach (var partition in partitions)
            {
                if (!_waits.TryGetValue(partition, out var waits)) _waits[partition] = waits = [];
                waits.Add(wait);
            }
        return wait;
    }

    /// <summary>New data (or the topic's deletion) in <paramref name="partition"/>: every wait armed on it completes.</summary>
    public void Pulse(TopicPartition partition)
    {
        HashSet<PartitionWait>? woken;
        lock (_gate)
            if (_waits.Remove(partition, out woken))
                foreach (var wait in woken)
                    foreach (var other in wait.Partitions)
                        if (_waits.TryGetValue(other, out var waits) && waits.Remove(wait) && waits.Count == 0) _waits.Remove(other);
        foreach (var wait in woken ?? []) wait.Complete(partition);
    }

    /// <summary>Waits armed now, for tests and diagnostics.</summary>
    public int Armed
    {
        get { lock (_gate) return _waits.Values.SelectMany(w => w).Distinct().Count(); }
    }

    internal void Disarm(PartitionWait wait)
    {
        lock (_gate)
            foreach (var partition in wait.Partitions)
                if (_waits.TryGetValue(partition, out var waits) && waits.Remove(wait) && waits.Count == 0) _waits.Remove(partition);
    }
}

/// <summary>One armed wait: completes at the first pulse of any of its partitions. Dispose it when done.</summary>
public sealed class PartitionWait(PartitionDataSignals signals, IReadOnlyCollection<TopicPartition> partitions) : IDisposable
{
    private readonly TaskCompletionSource<TopicPartition> _woken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<TopicPartition> Partitions { get; } = partitions;

    /// <summary>True when data arrived within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time)
    {
        if (_woken.Task.IsCompleted) return true;
        using var cancel = new CancellationTokenSource();
        var first = await Task.WhenAny(_woken.Task, Task.Delay(timeout, time, cancel.Token));
        await cancel.CancelAsync();
        return first == _woken.Task;
    }

    /// <summary>The partition whose data woke the wait (its first pulse), once woken.</summary>
    public TopicPartition? Pulsed => _woken.Task.IsCompletedSuccessfully ? _woken.Task.Result : null;

    internal void Complete(TopicPartition partition) => _woken.TrySetResult(partition);

    public void Dispose() => signals.Disarm(this);
}

namespace AkLight.Grains.Partitions;

/// <summary>
/// The last batch each producer sent to a partition, so a retry of it (the producer's answer was lost,
/// say to a response timeout while the batch waited in the write queue) is answered with that batch's
/// offsets instead of being stored twice. Kept per activation: a retry that reaches a new activation of the
/// partition (after a failover) is stored again, as without idempotence.
/// </summary>
internal sealed class ProducerSequences(int capacity)
{
    private readonly Dictionary<Guid, Entry> _last = [];
    private long _clock;

    public int Count => _last.Count;

    /// <summary>
    /// The earlier attempt of this batch when <paramref name="sequence"/> is the producer's last one and that
    /// attempt has not failed (it is acknowledged, or still being written).
    /// </summary>
    public bool TryGetEarlierAttempt(Guid producer, long sequence, out PendingAppend earlier)
    {
        earlier = null!;
        if (producer == Guid.Empty || !_last.TryGetValue(producer, out var entry) || entry.Sequence != sequence) return false;
        if (entry.Append.Acknowledged.Task.IsFaulted) return false; // not stored: this attempt is a new write
        earlier = entry.Append;
        return true;
    }

    public void Record(Guid producer, long sequence, PendingAppend append)
    {
        if (producer == Guid.Empty) return;
        _last[producer] = new Entry(sequence, append, ++_clock);
        if (_last.Count > capacity) EvictOldest();
    }

    /// <summary>Forgets the producers heard from longest ago, down to nine tenths of the capacity.</summary>
    private void EvictOldest()
    {
        var keep = capacity * 9 / 10;
        foreach (var stale in _last.OrderBy(e => e.Value.Stamp).Take(_last.Count - keep).Select(e => e.Key).ToArray())
            _last.Remove(stale);
    }

    private readonly record struct Entry(long Sequence, PendingAppend Append, long Stamp);
}

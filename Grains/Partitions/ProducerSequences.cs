namespace AkLight.Grains.Partitions;

/// <summary>
/// The last batch each producer sent to a partition, so a retry of it (the producer's answer was lost,
/// say to a response timeout while the batch waited in the write queue, or to the death of the silo that
/// wrote it) is answered with that batch's base offset instead of being stored twice. Batches being written
/// are remembered by their pending acknowledgement; stored ones are also kept with the log (in the same
/// transaction), and a new activation starts from those.
/// </summary>
internal sealed class ProducerSequences(int capacity)
{
    /// <summary>Producers a partition remembers (and keeps in the store); the least recent are forgotten first.</summary>
    public const int DefaultCapacity = 1_000;

    private readonly Dictionary<Guid, Entry> _last = [];
    private long _clock;

    public int Count => _last.Count;

    /// <summary>
    /// The earlier attempt of this batch when <paramref name="sequence"/> is the producer's last one and that
    /// attempt has not failed (it is acknowledged, or still being written): its base offset, or when it will be known.
    /// </summary>
    public bool TryGetEarlierAttempt(Guid producer, long sequence, out Task<long> baseOffset)
    {
        baseOffset = null!;
        if (producer == Guid.Empty || !_last.TryGetValue(producer, out var entry) || entry.Sequence != sequence) return false;
        if (entry.BaseOffset.IsFaulted) return false; // not stored: this attempt is a new write
        baseOffset = entry.BaseOffset;
        return true;
    }

    /// <summary>Remembers the producer's newest batch (a stored one has a completed <paramref name="baseOffset"/>).</summary>
    public void Record(Guid producer, long sequence, Task<long> baseOffset)
    {
        if (producer == Guid.Empty) return;
        _last[producer] = new Entry(sequence, baseOffset, ++_clock);
        if (_last.Count > capacity) EvictOldest();
    }

    /// <summary>How many producers to read back from the store (<see cref="IMessageLog.LoadPartitionAsync"/>).</summary>
    public int Capacity => capacity;

    /// <summary>Takes back the producers' last batches stored with the partition's log (at activation, and after a failed write).</summary>
    public void Restore(IReadOnlyList<ProducerState> stored)
    {
        foreach (var producer in stored) Restore(producer.ProducerId, producer.Sequence, producer.BaseOffset);
    }

    /// <summary>What a write stores for idempotence: the round's batches that came from idempotent producers.</summary>
    internal static List<ProducerState>? StatesOf(List<PendingAppend> round)
    {
        List<ProducerState>? producers = null;
        foreach (var pending in round)
            if (pending.Batch.ProducerId != Guid.Empty)
                (producers ??= []).Add(new ProducerState(pending.Batch.ProducerId, pending.Batch.Sequence, pending.BaseOffset));
        return producers;
    }

    /// <summary>
    /// Remembers a batch read back from the store, unless this activation already knows a newer one of the producer
    /// (a batch arrived and waits for its write).
    /// </summary>
    public void Restore(Guid producer, long sequence, long baseOffset)
    {
        if (_last.TryGetValue(producer, out var known) && known.Sequence > sequence && !known.BaseOffset.IsFaulted) return;
        Record(producer, sequence, Task.FromResult(baseOffset));
    }

    /// <summary>Forgets the producers heard from longest ago, down to nine tenths of the capacity.</summary>
    private void EvictOldest()
    {
        var keep = capacity * 9 / 10;
        foreach (var stale in _last.OrderBy(e => e.Value.Stamp).Take(_last.Count - keep).Select(e => e.Key).ToArray())
            _last.Remove(stale);
    }

    private readonly record struct Entry(long Sequence, Task<long> BaseOffset, long Stamp);
}

namespace AkLight.Storage;

/// <summary>
/// Partition logs in a durable store. Offsets are assigned by the partition grain, the only writer of its
/// partition; the store keeps them unique, so a second writer fails rather than forks the log.
/// </summary>
public interface IMessageLog
{
    /// <summary>
    /// Appends records with consecutive offsets starting at the log end offset; durable when the task completes.
    /// <paramref name="producers"/> (the idempotent producers' batches among the records) are stored in the same
    /// transaction, each replacing that producer's earlier row for the partition.
    /// Throws <see cref="StoreUnavailableException"/> when the store cannot take the write.
    /// </summary>
    Task AppendAsync(long topicId, int partition, IReadOnlyList<LogRecord> records, IReadOnlyList<ProducerState>? producers = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The partition's bounds (0, 0 for a partition never written), the last batch of each producer that wrote to it
    /// (at most <paramref name="maxProducers"/>, the newest; oldest first) and the newest record's timestamp in one
    /// read, so a partition that activates (thousands at once when a fleet starts) costs the store one round trip.
    /// </summary>
    Task<PartitionStart> LoadPartitionAsync(long topicId, int partition, int maxProducers, CancellationToken cancellationToken = default);

    /// <summary>Forgets all but the <paramref name="keep"/> producers that wrote to the partition most recently.</summary>
    Task TrimProducersAsync(long topicId, int partition, int keep, CancellationToken cancellationToken = default);

    /// <summary>Records from <paramref name="fromOffset"/> on, at most <paramref name="maxCount"/> and about <paramref name="maxBytes"/> (at least one).</summary>
    Task<IReadOnlyList<LogRecord>> ReadAsync(long topicId, int partition, long fromOffset, int maxCount, int maxBytes, CancellationToken cancellationToken = default);

    /// <summary>The first offset with a timestamp at or after <paramref name="timestampMs"/>, or null when there is none.</summary>
    Task<long?> GetOffsetForTimeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compacts records older than <paramref name="timestampMs"/>: deletes those without a key, tombstones,
    /// and those with a newer record of the same key. Offsets keep their numbers (the log gets gaps);
    /// returns the new bounds.
    /// </summary>
    Task<LogBounds> CompactBeforeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default);

    /// <summary>Deletes records older than <paramref name="timestampMs"/>; returns the new bounds.</summary>
    Task<LogBounds> DeleteBeforeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default);
}

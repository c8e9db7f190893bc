using AkLight.Records;

namespace AkLight.Storage;

/// <summary>
/// Partition logs in a durable store, kept as record batches (<see cref="RecordBatch"/>), one row each. Offsets are
/// assigned by the partition grain, the only writer of its partition; the store keeps them unique, so a second writer
/// fails rather than forks the log. Every record of a stored batch has the batch's timestamp (log-append time), and
/// timestamps only grow within a partition: seeking by time and retention work on whole batches.
/// </summary>
public interface IMessageLog
{
    /// <summary>
    /// Appends batches that follow one another (each starts where the one before ends) from the log end offset;
    /// durable when the task completes. <paramref name="producers"/> (the idempotent producers' batches among them) are
    /// stored in the same transaction, each replacing that producer's earlier row for the partition.
    /// Throws <see cref="StoreUnavailableException"/> when the store cannot take the write, and
    /// <see cref="StaleWriterException"/> (nothing stored) when the stored log does not end where the first batch starts.
    /// </summary>
    Task AppendAsync(long topicId, int partition, IReadOnlyList<RecordBatch> batches, IReadOnlyList<ProducerState>? producers = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The partition's bounds (0, 0 for a partition never written), the last batch of each producer that wrote to it
    /// (at most <paramref name="maxProducers"/>, the newest; oldest first) and the newest record's timestamp in one
    /// read, so a partition that activates (thousands at once when a fleet starts) costs the store one round trip.
    /// </summary>
    Task<PartitionStart> LoadPartitionAsync(long topicId, int partition, int maxProducers, CancellationToken cancellationToken = default);

    /// <summary>Forgets all but the <paramref name="keep"/> producers that wrote to the partition most recently.</summary>
    Task TrimProducersAsync(long topicId, int partition, int keep, CancellationToken cancellationToken = default);

    /// <summary>
    /// The batches that hold <paramref name="fromOffset"/> and what follows, in offset order: enough for
    /// <paramref name="maxCount"/> offsets, and about <paramref name="maxBytes"/> of batches (at least one). The first
    /// batch may start before <paramref name="fromOffset"/>: a reader skips the records before it.
    /// </summary>
    Task<IReadOnlyList<RecordBatch>> ReadAsync(long topicId, int partition, long fromOffset, int maxCount, int maxBytes, CancellationToken cancellationToken = default);

    /// <summary>The first offset with a timestamp at or after <paramref name="timestampMs"/>, or null when there is none.</summary>
    Task<long?> GetOffsetForTimeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compacts batches older than <paramref name="timestampMs"/>: removes records without a key, tombstones, and
    /// records with a newer record of the same key (<see cref="BatchCompaction"/>). Offsets keep their numbers (the log
    /// gets gaps); returns the new bounds.
    /// </summary>
    Task<LogBounds> CompactBeforeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default);

    /// <summary>Deletes batches older than <paramref name="timestampMs"/>; returns the new bounds.</summary>
    Task<LogBounds> DeleteBeforeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default);
}

using Orleans.Concurrency;

namespace AkLight;

/// <summary>
/// One partition's ordered message log. Keyed by partition number with the topic name as key extension
/// (see <see cref="PartitionGrainKey"/>).
/// </summary>
public interface IPartitionGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>
    /// Appends a batch; returns the offset of its first record (the batch's base offset) once the batch
    /// is durable in the store. Records get consecutive offsets.
    /// </summary>
    Task<long> AppendAsync(ProduceBatch batch);

    /// <summary>
    /// Reads up to <paramref name="maxCount"/> messages (and about <paramref name="maxBytes"/>) from
    /// <paramref name="fromOffset"/>. Throws <see cref="OffsetOutOfRangeException"/> outside the log.
    /// </summary>
    [AlwaysInterleave]
    Task<PartitionReadResult> ReadAsync(long fromOffset, int maxCount, int maxBytes);

    /// <summary>
    /// The record batches holding <paramref name="fromOffset"/> and what follows, enough for <paramref name="maxCount"/>
    /// offsets and about <paramref name="maxBytes"/> (at least one batch), as they are stored: for a door that sends
    /// batches on as they are (Kafka's Fetch). The first batch may start before <paramref name="fromOffset"/>. Throws
    /// <see cref="OffsetOutOfRangeException"/> outside the log.
    /// </summary>
    [AlwaysInterleave]
    Task<PartitionBatches> ReadBatchesAsync(long fromOffset, int maxCount, int maxBytes);

    /// <summary>The log's start and end offsets.</summary>
    [AlwaysInterleave]
    Task<LogBounds> GetBoundsAsync();

    /// <summary>The first offset whose timestamp is at or after <paramref name="time"/>; the log end offset when none is.</summary>
    [AlwaysInterleave]
    Task<long> GetOffsetForTimeAsync(DateTimeOffset time);

    /// <summary>
    /// Asks to be told (through <see cref="IPartitionWatcher.OnPartitionDataAsync"/>) when messages are appended.
    /// Registrations expire unless renewed; returns the current bounds.
    /// </summary>
    [BrokerInternal]
    [AlwaysInterleave]
    Task<LogBounds> WatchAsync(IPartitionWatcher watcher);

    /// <summary>Stops notifications to <paramref name="watcher"/>.</summary>
    [BrokerInternal]
    [AlwaysInterleave]
    Task UnwatchAsync(IPartitionWatcher watcher);

    /// <summary>Deletes messages older than the topic's retention now, instead of at the next retention tick.</summary>
    Task<LogBounds> EnforceRetentionAsync();

    /// <summary>
    /// The topic was deleted: this activation refuses every call from now on (<see cref="UnknownTopicException"/>),
    /// finishes the write in flight, drops its retention reminder and deactivates, so the next activation
    /// reads the catalog afresh.
    /// </summary>
    [BrokerInternal]
    [AlwaysInterleave]
    Task ForgetAsync();
}

/// <summary>Receives data notifications from partitions.</summary>
public interface IPartitionWatcher : IGrainWithStringKey
{
    /// <summary>
    /// Messages up to <paramref name="endOffset"/> (exclusive) are now in <paramref name="partition"/>;
    /// <paramref name="appended"/> are the messages of the append that moved it there (empty when too large
    /// to push), so a watcher that is caught up can deliver them without reading them back.
    /// </summary>
    [BrokerInternal]
    [OneWay, AlwaysInterleave]
    Task OnPartitionDataAsync(TopicPartition partition, long endOffset, IReadOnlyList<ConsumedMessage> appended);

    /// <summary>The topic of <paramref name="partition"/> was deleted, with its messages.</summary>
    [BrokerInternal]
    [OneWay]
    Task OnPartitionDeletedAsync(TopicPartition partition);
}

/// <summary>Builds and reads partition grain keys.</summary>
public static class PartitionGrainKey
{
    /// <summary>The partition grain of <paramref name="partition"/>.</summary>
    public static IPartitionGrain GetPartitionGrain(this IGrainFactory factory, TopicPartition partition) =>
        factory.GetGrain<IPartitionGrain>(partition.Partition, partition.Topic, null);
}

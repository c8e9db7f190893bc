namespace AkLight.Storage;

/// <summary>
/// What a partition reads from the store before it serves: its bounds, its producers' last batches (oldest first)
/// and the timestamp of its newest stored record (null when it has none).
/// </summary>
public sealed record PartitionStart(LogBounds Bounds, IReadOnlyList<ProducerState> Producers, long? LastTimestampMs);

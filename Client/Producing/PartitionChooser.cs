namespace AkLight.Client.Producing;

/// <summary>
/// Picks a message's partition as a Kafka producer does: by the key's murmur2 hash when there is a key,
/// otherwise round-robin over the topic's partitions so each partition receives messages in turn.
/// Thread-safe; one instance per topic.
/// </summary>
public sealed class PartitionChooser(int partitions)
{
    private long _next = -1;

    /// <summary>The topic's partition count.</summary>
    public int Partitions { get; } = partitions > 0
        ? partitions
        : throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "partition count must be at least 1");

    /// <summary>The partition for a message with <paramref name="key"/> (null: the next in turn).</summary>
    public int Choose(byte[]? key) => key is null
        ? (int)((ulong)Interlocked.Increment(ref _next) % (ulong)Partitions)
        : KeyPartitioner.PartitionFor(key, Partitions);
}

namespace AkLight;

/// <summary>Kafka's default partitioner for keyed messages: <c>(murmur2(key) &amp; 0x7fffffff) % partitions</c>.</summary>
public static class KeyPartitioner
{
    /// <summary>The partition for <paramref name="key"/> in a topic of <paramref name="partitions"/> partitions.</summary>
    public static int PartitionFor(ReadOnlySpan<byte> key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions);
        return (Murmur2.Hash(key) & 0x7fffffff) % partitions;
    }
}

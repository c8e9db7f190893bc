namespace AkLight;

/// <summary>One partition of one topic.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.TopicPartition")]
public readonly record struct TopicPartition([property: Id(0)] string Topic, [property: Id(1)] int Partition) : IComparable<TopicPartition>
{
    /// <summary>Orders by topic name (ordinal), then partition number.</summary>
    public int CompareTo(TopicPartition other) =>
        string.CompareOrdinal(Topic, other.Topic) is var byTopic and not 0 ? byTopic : Partition.CompareTo(other.Partition);

    public override string ToString() => $"{Topic}[{Partition}]";
}

/// <summary>An offset in one partition: for commits, the next offset to read (Kafka's convention).</summary>
[GenerateSerializer, Immutable, Alias("AkLight.TopicPartitionOffset")]
public readonly record struct TopicPartitionOffset(
    [property: Id(0)] string Topic,
    [property: Id(1)] int Partition,
    [property: Id(2)] long Offset)
{
    public TopicPartition TopicPartition => new(Topic, Partition);
}

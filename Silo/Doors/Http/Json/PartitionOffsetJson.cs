namespace AkLight.Silo.Doors.Http.Json;

/// <summary>An offset in one partition: for commits, the next offset to read.</summary>
public sealed record class PartitionOffsetJson(string Topic, int Partition, long Offset)
{
    public TopicPartitionOffset ToOffset() => new(Topic ?? throw new ArgumentException("an offset needs a topic"), Partition, Offset);

    public static PartitionOffsetJson From(TopicPartitionOffset offset) => new(offset.Topic, offset.Partition, offset.Offset);
}

/// <summary>One partition of one topic.</summary>
public sealed record class PartitionJson(string Topic, int Partition)
{
    public static PartitionJson From(TopicPartition partition) => new(partition.Topic, partition.Partition);
}

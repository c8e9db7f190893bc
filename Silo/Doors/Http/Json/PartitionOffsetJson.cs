namespace AkLight.Silo.Doors.Http.Json;

/// <summary>An offset in one partition: for commits, the next offset to read.</summary>
public sealed record class PartitionOffsetJson(string Topic, int Partition, long Offset)
{
    public TopicPartitionOffset ToOffset() => new(Topic ?? throw new ArgumentException("an offset needs a topic"), Partition, Offset);

    public static PartitionOffsetJson From(TopicPartitionOffset offset) => new(offset.Topic, offset.Partition, offset.Offset);

    /// <summary>
    /// The offsets of a commit request (none for a null list); a null entry (<c>"offsets":[null]</c>, which the JSON
    /// binder lets through) or one without a topic throws <see cref="ArgumentException"/> naming its index.
    /// </summary>
    public static TopicPartitionOffset[] ToOffsets(IReadOnlyList<PartitionOffsetJson?>? offsets)
    {
        if (offsets is null) return [];
        var result = new TopicPartitionOffset[offsets.Count];
        for (var i = 0; i < offsets.Count; i++)
            result[i] = offsets[i] is { Topic: not null } offset
                ? new TopicPartitionOffset(offset.Topic, offset.Partition, offset.Offset)
                : throw new ArgumentException($"offsets[{i}] needs a topic, a partition and an offset");
        return result;
    }
}

/// <summary>One partition of one topic.</summary>
public sealed record class PartitionJson(string Topic, int Partition)
{
    public static PartitionJson From(TopicPartition partition) => new(partition.Topic, partition.Partition);
}

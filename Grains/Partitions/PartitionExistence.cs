namespace AkLight.Grains.Partitions;

/// <summary>Whether a partition exists: its topic is in the catalog and the topic has that many partitions.</summary>
internal static class PartitionExistence
{
    /// <summary>The partition's topic; throws the error a caller of a missing topic or partition should get.</summary>
    public static StoredTopic Require(StoredTopic? topic, TopicPartition partition)
    {
        if (topic is null) throw new UnknownTopicException(partition.Topic);
        if (partition.Partition < 0 || partition.Partition >= topic.Info.Partitions)
            throw new ArgumentOutOfRangeException(nameof(TopicPartition.Partition), partition.Partition,
                $"topic '{partition.Topic}' has partitions 0 to {topic.Info.Partitions - 1}; partition {partition.Partition} does not exist");
        return topic;
    }
}

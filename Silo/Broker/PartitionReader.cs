namespace AkLight.Silo.Broker;

/// <summary>
/// Reads of one partition by offset or time, without a session, for every door (HTTP's partition browser,
/// Kafka's Fetch and ListOffsets). Checked against the principal's consume rules.
/// </summary>
public sealed class PartitionReader(IGrainFactory grains)
{
    /// <summary>The partition's grain after checking that <paramref name="principal"/> may read it and that it exists.</summary>
    public async Task<IPartitionGrain> OpenAsync(Principal principal, string topic, int partition)
    {
        var name = TopicName.Parse(topic).Value;
        AccessPolicy.Authorize(principal, BrokerOperation.Consume, name);
        var info = await grains.GetGrain<ITopicGrain>(name).GetAsync() ?? throw new UnknownTopicException(name);
        if (partition < 0 || partition >= info.Partitions)
            throw new ArgumentException($"topic '{name}' has partitions 0 to {info.Partitions - 1}; partition {partition} does not exist");
        return grains.GetPartitionGrain(new TopicPartition(name, partition));
    }

    /// <summary>
    /// Up to <paramref name="maxCount"/> messages (about <paramref name="maxBytes"/>) from <paramref name="offset"/>, or from
    /// the first message at or after <paramref name="time"/>, or from the log start when neither is given; with the
    /// offset the read started at.
    /// </summary>
    public async Task<(long From, PartitionReadResult Read)> ReadAsync(Principal principal, string topic, int partition, long? offset, DateTimeOffset? time, int maxCount, int maxBytes)
    {
        if (offset is not null && time is not null) throw new ArgumentException("give offset or time, not both");
        var grain = await OpenAsync(principal, topic, partition);
        var from = time is { } at ? await grain.GetOffsetForTimeAsync(at) : offset ?? (await grain.GetBoundsAsync()).StartOffset;
        return (from, await grain.ReadAsync(from, maxCount, maxBytes));
    }
}

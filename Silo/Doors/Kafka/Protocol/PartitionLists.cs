namespace AkLight.Silo.Doors.Kafka.Protocol;

/// <summary>
/// The (topic, partition) lists clients send (Fetch, ListOffsets, OffsetCommit, OffsetFetch), made safe to act on:
/// each partition once, and not more of them than <c>AkLight:Kafka:MaxPartitionsPerRequest</c>, so a small request
/// cannot make the broker read, or answer, the same partition a hundred times.
/// </summary>
public static class PartitionLists
{
    /// <summary>
    /// <paramref name="topics"/> with each topic once (where it first appeared) and each of its partitions once,
    /// the last entry for a partition winning, as Kafka's brokers read these lists into a map. Throws
    /// <see cref="RequestRefusedException"/> when more than <paramref name="maxPartitions"/> remain.
    /// </summary>
    public static List<(string Topic, List<T> Partitions)> Distinct<T>(
        IEnumerable<(string Topic, List<T> Partitions)> topics, Func<T, int> partitionOf, int maxPartitions, KafkaApiKey request)
    {
        var merged = new OrderedDictionary<string, OrderedDictionary<int, T>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var (topic, partitions) in topics)
        {
            if (!merged.TryGetValue(topic, out var byIndex)) merged.Add(topic, byIndex = []);
            foreach (var partition in partitions)
            {
                var index = partitionOf(partition);
                if (!byIndex.ContainsKey(index) && ++count > maxPartitions)
                    throw new RequestRefusedException($"{request} names more than {maxPartitions} partitions ({KafkaOptions.Section}:MaxPartitionsPerRequest)");
                byIndex[index] = partition;
            }
        }
        return merged.Select(t => (t.Key, t.Value.Values.ToList())).ToList();
    }
}

using AkLight.Silo.Api.Json;

namespace AkLight.Silo.Api.Topics;

/// <summary>Reads topics through the grains: names from the topic indexes, settings and offsets from topics and partitions.</summary>
internal sealed class TopicQueries(IGrainFactory grains)
{
    /// <summary>How many topics a detailed listing describes at once.</summary>
    private const int DescribeParallelism = 16;

    /// <summary>
    /// Names of the topics matching <paramref name="filter"/>, sorted. The root index names the first levels the
    /// filter can reach; each of those levels' index lists its matching topics.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListAsync(TopicFilter filter)
    {
        var levels = filter.LiteralFirstLevel is { } level
            ? [level]
            : await grains.GetGrain<ITopicIndexGrain>(ITopicIndexGrain.RootKey).ListAsync(filter.Value);
        var perLevel = await Task.WhenAll(levels.Select(l => grains.GetGrain<ITopicIndexGrain>(l).ListAsync(filter.Value)));
        return perLevel.SelectMany(names => names).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The listed topics with their settings and message counts; topics deleted meanwhile are left out.</summary>
    public async Task<IReadOnlyList<TopicListItem>> ListWithDetailsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var items = new TopicListItem?[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count),
            new ParallelOptions { MaxDegreeOfParallelism = DescribeParallelism, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var described = await DescribeOrNullAsync(names[i]);
                items[i] = described is null ? null : new TopicListItem(described.Name, described.PartitionCount, described.Retention, described.Compact, described.Messages);
            });
        return items.OfType<TopicListItem>().ToArray();
    }

    /// <summary>The topic's settings and offsets; throws <see cref="UnknownTopicException"/> when it does not exist.</summary>
    public async Task<TopicDescription> DescribeAsync(string topic) =>
        await DescribeOrNullAsync(topic) ?? throw new UnknownTopicException(topic);

    private async Task<TopicDescription?> DescribeOrNullAsync(string topic)
    {
        var info = await grains.GetGrain<ITopicGrain>(TopicName.Parse(topic).Value).GetAsync();
        if (info is null) return null;
        LogBounds[] bounds;
        try
        {
            bounds = await Task.WhenAll(Enumerable.Range(0, info.Partitions)
                .Select(p => grains.GetPartitionGrain(new TopicPartition(info.Name, p)).GetBoundsAsync()));
        }
        catch (UnknownTopicException)
        {
            return null; // deleted between the two calls
        }
        var partitions = bounds.Select((b, p) => new PartitionDescription(p, b.StartOffset, b.EndOffset, b.Count)).ToArray();
        return new TopicDescription(info.Name, info.Partitions, Durations.Format(info.Retention), (long)info.Retention.TotalMilliseconds,
            info.Compact, info.CreatedAt, partitions.Sum(p => p.Messages), partitions);
    }
}

using AkLight.Grains.Topics;

namespace AkLight.Silo.Broker;

/// <summary>
/// Topic administration for every door: listing (through <see cref="TopicIndexWalk"/>, cut to what the principal
/// may see), describing, creating, changing retention and deleting, each checked against the principal's rules.
/// </summary>
public sealed class TopicAdministration(IGrainFactory grains, TopicDefaults defaults)
{
    /// <summary>How many topics a detailed listing describes at once.</summary>
    private const int DescribeParallelism = 16;

    /// <summary>Names of the topics matching <paramref name="filter"/> that <paramref name="principal"/> may see, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(Principal principal, TopicFilter filter)
    {
        var names = await TopicIndexWalk.TopicsAsync(grains, [filter], (index, f) => index.ListAsync(f));
        return names.Where(principal.MaySee).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The listed topics with their offsets; topics deleted meanwhile are left out.</summary>
    public async Task<IReadOnlyList<TopicDetails>> DescribeManyAsync(Principal principal, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var items = new TopicDetails?[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count),
            new ParallelOptions { MaxDegreeOfParallelism = DescribeParallelism, CancellationToken = cancellationToken },
            async (i, _) => items[i] = principal.MaySee(names[i]) ? await DescribeOrNullAsync(names[i]) : null);
        return items.OfType<TopicDetails>().ToArray();
    }

    /// <summary>The topic's settings and offsets; throws <see cref="UnknownTopicException"/> when it does not exist.</summary>
    public async Task<TopicDetails> DescribeAsync(Principal principal, string topic)
    {
        var name = TopicName.Parse(topic).Value;
        AccessPolicy.AuthorizeLookup(principal, name);
        return await DescribeOrNullAsync(name) ?? throw new UnknownTopicException(name);
    }

    /// <summary>
    /// The topic's settings without its offsets, or null when it does not exist. With <paramref name="create"/>, a
    /// missing topic the principal may produce to is created with its name's defaults, as a first publish does.
    /// </summary>
    public async Task<TopicInfo?> FindAsync(Principal principal, string topic, bool create)
    {
        var name = TopicName.Parse(topic).Value;
        AccessPolicy.AuthorizeLookup(principal, name);
        var grain = grains.GetGrain<ITopicGrain>(name);
        if (!create || !principal.May(BrokerOperation.Produce, TopicFilter.Parse(name))) return await grain.GetAsync();
        CallerIdentity.Set(principal);
        return await grain.GetOrCreateAsync();
    }

    /// <summary>
    /// Creates <paramref name="topic"/>; settings left out keep what an existing topic has, else the defaults its
    /// name would get on first publish. Returns the topic and whether it was created.
    /// </summary>
    public async Task<(TopicDetails Topic, bool Created)> CreateAsync(Principal principal, string topic, int? partitions, TimeSpan? retention, bool? compact)
    {
        var name = TopicName.Parse(topic);
        AccessPolicy.Authorize(principal, BrokerOperation.Admin, name.Value);
        CallerIdentity.Set(principal);
        var grain = grains.GetGrain<ITopicGrain>(name.Value);
        var existing = await grain.GetAsync();
        var fallback = existing?.Settings ?? defaults.For(name);
        await grain.CreateAsync(new TopicSettings(partitions ?? fallback.Partitions, retention ?? fallback.Retention, compact ?? fallback.Compact));
        return (await DescribeAsync(principal, name.Value), existing is null);
    }

    /// <summary>Changes how long <paramref name="topic"/> keeps its messages.</summary>
    public async Task<TopicDetails> SetRetentionAsync(Principal principal, string topic, TimeSpan retention)
    {
        var name = TopicName.Parse(topic).Value;
        AccessPolicy.Authorize(principal, BrokerOperation.Admin, name);
        await grains.GetGrain<ITopicGrain>(name).SetRetentionAsync(retention);
        return await DescribeAsync(principal, name);
    }

    /// <summary>Deletes <paramref name="topic"/> with its messages; publishing to the name later creates a new topic.</summary>
    public async Task DeleteAsync(Principal principal, string topic)
    {
        var name = TopicName.Parse(topic).Value;
        AccessPolicy.Authorize(principal, BrokerOperation.Admin, name);
        await grains.GetGrain<ITopicGrain>(name).DeleteAsync();
    }

    private async Task<TopicDetails?> DescribeOrNullAsync(string topic)
    {
        var info = await grains.GetGrain<ITopicGrain>(topic).GetAsync();
        if (info is null) return null;
        try
        {
            var bounds = await Task.WhenAll(Enumerable.Range(0, info.Partitions)
                .Select(p => grains.GetPartitionGrain(new TopicPartition(info.Name, p)).GetBoundsAsync()));
            return new TopicDetails(info, bounds);
        }
        catch (UnknownTopicException)
        {
            return null; // deleted between the two calls
        }
    }
}

/// <summary>A topic's settings and the bounds of each of its partitions, in partition order.</summary>
public sealed record class TopicDetails(TopicInfo Info, IReadOnlyList<LogBounds> Partitions)
{
    /// <summary>End minus start offset, summed over partitions (an upper bound for compacted topics).</summary>
    public long Messages => Partitions.Sum(p => p.Count);
}

namespace AkLight.Grains.Topics;

/// <summary>
/// Resolves filters to topic names through the topic indexes and keeps watching them, for a grain that
/// follows filters (a session or a group). Filters with a literal first level watch that level's index;
/// filters starting with a wildcard watch the root index, and through it every first level.
/// </summary>
internal sealed class TopicResolver(IGrainFactory grains, ITopicWatcher watcher)
{
    /// <summary>Every topic currently matching <paramref name="filters"/>; (re)registers the watches.</summary>
    public async Task<HashSet<string>> ResolveAsync(IReadOnlyList<TopicFilter> filters)
    {
        var levels = new HashSet<string>(filters.Select(f => f.LiteralFirstLevel).OfType<string>(), StringComparer.Ordinal);
        if (filters.Any(f => f.LiteralFirstLevel is null))
        {
            var root = grains.GetGrain<ITopicIndexGrain>(ITopicIndexGrain.RootKey);
            foreach (var filter in filters.Where(f => f.LiteralFirstLevel is null))
                levels.UnionWith(await root.WatchAsync(watcher, filter.Value));
        }
        var perLevel = await Task.WhenAll(levels.Select(level => WatchLevelAsync(level, filters)));
        return perLevel.SelectMany(t => t).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The topics an index notification brings: the topic itself when it matches, or, for a new first
    /// level announced by the root index, the matching topics under it (now watched too).
    /// </summary>
    public async Task<IReadOnlyCollection<string>> OnEntryAddedAsync(string indexKey, string entry, IReadOnlyList<TopicFilter> filters) =>
        indexKey == ITopicIndexGrain.RootKey
            ? await WatchLevelAsync(entry, filters)
            : filters.Any(f => f.Matches(entry)) ? [entry] : [];

    private async Task<HashSet<string>> WatchLevelAsync(string level, IReadOnlyList<TopicFilter> filters)
    {
        var index = grains.GetGrain<ITopicIndexGrain>(level);
        var topics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var filter in filters.Where(f => f.LiteralFirstLevel is null || f.LiteralFirstLevel == level))
            topics.UnionWith(await index.WatchAsync(watcher, filter.Value));
        return topics;
    }
}

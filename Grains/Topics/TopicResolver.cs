namespace AkLight.Grains.Topics;

/// <summary>
/// Resolves filters to topic names through the topic indexes and keeps watching them, for a grain that
/// follows filters (a session or a group): <see cref="TopicIndexWalk"/> with watches.
/// </summary>
internal sealed class TopicResolver(IGrainFactory grains, ITopicWatcher watcher)
{
    /// <summary>Every topic currently matching <paramref name="filters"/>; (re)registers the watches.</summary>
    public Task<HashSet<string>> ResolveAsync(IReadOnlyList<TopicFilter> filters) => TopicIndexWalk.TopicsAsync(grains, filters, Watch);

    /// <summary>
    /// The topics an index notification brings: the topic itself when it matches, or, for a new first
    /// level announced by the root index, the matching topics under it (now watched too).
    /// </summary>
    public async Task<IReadOnlyCollection<string>> OnEntryAddedAsync(string indexKey, string entry, IReadOnlyList<TopicFilter> filters) =>
        indexKey == ITopicIndexGrain.RootKey
            ? await TopicIndexWalk.LevelAsync(grains, entry, filters, Watch)
            : filters.Any(f => f.Matches(entry)) ? [entry] : [];

    private Task<string[]> Watch(ITopicIndexGrain index, string filter) => index.WatchAsync(watcher, filter);
}

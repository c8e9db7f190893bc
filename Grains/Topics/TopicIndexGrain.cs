using AkLight.Grains.Common;

namespace AkLight.Grains.Topics;

/// <summary>
/// Topic names under one first level, or (the root index) the first levels themselves. Loaded from
/// the catalog on activation, so nothing here needs grain state; watchers are leases, renewed by sessions.
/// </summary>
public sealed class TopicIndexGrain(ITopicCatalog catalog, IOptions<BrokerOptions> options, TimeProvider time) : Grain, ITopicIndexGrain
{
    private readonly HashSet<string> _entries = new(StringComparer.Ordinal);
    // One lease per watcher and filter: a session with two filters under this level is told about both.
    private readonly Leases<(GrainId Watcher, string Filter), (ITopicWatcher Watcher, IndexFilter Filter)> _watchers = new(options.Value.WatchLease, time);

    private bool _inRoot;

    private bool IsRoot => this.GetPrimaryKeyString() == ITopicIndexGrain.RootKey;

    /// <summary>The first level this index holds the topics of (not the root's).</summary>
    private string Level => TopicIndexKey.LevelOf(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var entries = IsRoot
            ? await catalog.ListFirstLevelsAsync(cancellationToken)
            : await catalog.ListTopicsAsync(Level, cancellationToken);
        _entries.UnionWith(entries);
    }

    public async Task AddAsync(string name)
    {
        // The entry may already be here: an index activated by this very call loads it from the catalog,
        // which is written first. Watchers are told either way (they ignore what they know), so a new
        // topic is never missed.
        _entries.Add(name);
        // The root learns of this level at this activation's first topic, not only when the level was empty: topics
        // created at once can all be in the catalog when this index activates, after the root loaded it without them.
        if (!IsRoot && !_inRoot)
        {
            await GrainFactory.GetGrain<ITopicIndexGrain>(ITopicIndexGrain.RootKey).AddAsync(Level);
            _inRoot = true;
        }
        var key = this.GetPrimaryKeyString();
        foreach (var (watcher, filter) in _watchers.Live())
            if (filter.Matches(name)) _ = watcher.OnIndexEntryAddedAsync(key, name);
    }

    public async Task RemoveAsync(string name)
    {
        // Watchers are not told from here: the deleted topic's partitions tell the sessions that read them.
        if (!_entries.Remove(name) || IsRoot || _entries.Count > 0) return;
        _inRoot = false;
        await GrainFactory.GetGrain<ITopicIndexGrain>(ITopicIndexGrain.RootKey).RemoveAsync(Level);
    }

    public Task<string[]> WatchAsync(ITopicWatcher watcher, string filter)
    {
        var parsed = new IndexFilter(TopicFilter.Parse(filter), IsRoot);
        _watchers.Renew((watcher.GetGrainId(), parsed.Filter.Value), (watcher, parsed));
        return Task.FromResult(_entries.Where(parsed.Matches).ToArray());
    }

    public Task<string[]> ListAsync(string filter)
    {
        var parsed = new IndexFilter(TopicFilter.Parse(filter), IsRoot);
        return Task.FromResult(_entries.Where(parsed.Matches).ToArray());
    }

    /// <summary>In the root index entries are first levels: a filter matches one when its topics could be under it.</summary>
    private readonly record struct IndexFilter(TopicFilter Filter, bool Root)
    {
        public bool Matches(string entry) =>
            Root ? Filter.LiteralFirstLevel is null && !(entry.StartsWith('$')) || Filter.LiteralFirstLevel == entry
                 : Filter.Matches(entry);
    }
}

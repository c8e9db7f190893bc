using Orleans.Concurrency;

namespace AkLight;

/// <summary>
/// The names of the topics under one first level (key: that level, "+" for the empty one), so that a filter resolves without
/// scanning every topic and no single index sees every subscription. The root index (key
/// <see cref="RootKey"/>) knows the first levels, for filters that start with a wildcard.
/// </summary>
public interface ITopicIndexGrain : IGrainWithStringKey
{
    /// <summary>The root index's key; "#" can never be a topic level.</summary>
    const string RootKey = "#";

    /// <summary>Records a new topic (first-level index) or a new first level (root index) and tells matching watchers.</summary>
    [BrokerInternal]
    Task AddAsync(string name);

    /// <summary>
    /// Returns the entries matching <paramref name="filter"/> and tells <paramref name="watcher"/> about later ones.
    /// Entries are topic names in a first-level index and first levels in the root index.
    /// Registrations expire unless renewed.
    /// </summary>
    [BrokerInternal]
    [AlwaysInterleave]
    Task<string[]> WatchAsync(ITopicWatcher watcher, string filter);

    /// <summary>The entries matching <paramref name="filter"/>, without watching.</summary>
    [AlwaysInterleave]
    Task<string[]> ListAsync(string filter);

    /// <summary>Forgets a deleted topic (first-level index) or an emptied first level (root index).</summary>
    [BrokerInternal]
    Task RemoveAsync(string name);
}

/// <summary>Receives new-topic notifications from topic indexes.</summary>
public interface ITopicWatcher : IGrainWithStringKey
{
    /// <summary>An entry matching a watched filter appeared in the index <paramref name="indexKey"/>.</summary>
    [BrokerInternal]
    [OneWay, AlwaysInterleave]
    Task OnIndexEntryAddedAsync(string indexKey, string entry);
}

namespace AkLight.Grains.Topics;

/// <summary>
/// How filters reach topics through the topic indexes: a filter with a literal first level asks that level's
/// index; one starting with a wildcard asks the root index for the first levels it can reach, then each of
/// those. The one walk behind listing topics (admin, HTTP) and resolving a subscription (sessions, groups),
/// which differ only in whether the indexes are asked to watch.
/// </summary>
public static class TopicIndexWalk
{
    /// <summary>An index question: the entries of <c>index</c> matching <c>filter</c> (and perhaps a watch on them).</summary>
    public delegate Task<string[]> Ask(ITopicIndexGrain index, string filter);

    /// <summary>Every topic matching any of <paramref name="filters"/>.</summary>
    public static async Task<HashSet<string>> TopicsAsync(IGrainFactory grains, IReadOnlyList<TopicFilter> filters, Ask ask)
    {
        var levels = new HashSet<string>(filters.Select(f => f.LiteralFirstLevel).OfType<string>(), StringComparer.Ordinal);
        if (filters.Any(f => f.LiteralFirstLevel is null))
        {
            var root = grains.GetGrain<ITopicIndexGrain>(ITopicIndexGrain.RootKey);
            foreach (var filter in filters.Where(f => f.LiteralFirstLevel is null))
                levels.UnionWith(await ask(root, filter.Value));
        }
        var perLevel = await Task.WhenAll(levels.Select(level => LevelAsync(grains, level, filters, ask)));
        return perLevel.SelectMany(t => t).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The topics under first level <paramref name="level"/> matching any of <paramref name="filters"/>.</summary>
    public static async Task<HashSet<string>> LevelAsync(IGrainFactory grains, string level, IReadOnlyList<TopicFilter> filters, Ask ask)
    {
        var index = grains.IndexOf(level);
        var topics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var filter in filters.Where(f => f.LiteralFirstLevel is null || f.LiteralFirstLevel == level))
            topics.UnionWith(await ask(index, filter.Value));
        return topics;
    }
}

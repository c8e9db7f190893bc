namespace AkLight.Grains.Topics;

/// <summary>
/// Checks a new topic against the topic limits. The total is counted from the catalog at most once a second
/// (a burst of first publishes must not count the catalog once per topic) and kept up locally in between. That
/// estimate runs high (a creation in flight at a count is counted again when it completes), so it only says when
/// to count exactly: a topic is refused on an exact count, never on the estimate. Silos creating topics at the
/// same moment may still pass the limit by a few; a principal's own topics are counted exactly.
/// </summary>
public sealed class TopicLimits(ITopicCatalog catalog, IOptions<LimitOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Recount = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _counting = new(1, 1);
    private long _total;
    private DateTimeOffset _countedAt = DateTimeOffset.MinValue;

    /// <summary>Throws <see cref="LimitExceededException"/> when a topic with <paramref name="settings"/> may not be created.</summary>
    public async Task CheckAsync(TopicSettings settings, string? creator)
    {
        var limits = options.Value;
        limits.CheckTopic(settings);
        if (await TotalAsync(exact: false) >= limits.MaxTopics && await TotalAsync(exact: true) >= limits.MaxTopics)
            throw new LimitExceededException("topics in the broker", limits.MaxTopics, $"{LimitOptions.Section}:MaxTopics");
        if (creator is not null && await catalog.CountTopicsAsync(creator) >= limits.MaxTopicsPerPrincipal)
            throw new LimitExceededException($"topics created by '{creator}'", limits.MaxTopicsPerPrincipal, $"{LimitOptions.Section}:MaxTopicsPerPrincipal");
    }

    /// <summary>Throws when a changed retention is shorter than allowed.</summary>
    public void CheckRetention(TopicSettings settings) => options.Value.CheckTopic(settings with { Partitions = 1 });

    /// <summary>Counts a topic just created, until the next recount.</summary>
    public void Created() => Interlocked.Increment(ref _total);

    private async Task<long> TotalAsync(bool exact)
    {
        if (!exact && time.GetUtcNow() - _countedAt < Recount) return Interlocked.Read(ref _total);
        var asked = time.GetUtcNow();
        await _counting.WaitAsync();
        try
        {
            // Whoever waited for a count that began after they asked has their answer.
            if (exact ? _countedAt <= asked : time.GetUtcNow() - _countedAt >= Recount)
            {
                var began = time.GetUtcNow();
                Interlocked.Exchange(ref _total, await catalog.CountTopicsAsync());
                _countedAt = began;
            }
            return Interlocked.Read(ref _total);
        }
        finally
        {
            _counting.Release();
        }
    }
}

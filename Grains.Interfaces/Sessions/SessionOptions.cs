namespace AkLight;

/// <summary>How a consumer session is opened.</summary>
/// <param name="Filters">One or more topic filters, with <c>+</c> and <c>#</c> wildcards.</param>
/// <param name="Persistent">Keep committed offsets across consumer and broker restarts.</param>
/// <param name="Start">Where to start in partitions without a committed offset.</param>
[GenerateSerializer, Immutable, Alias("AkLight.SessionOptions")]
public sealed record class SessionOptions(
    [property: Id(0)] IReadOnlyList<string> Filters,
    [property: Id(1)] bool Persistent,
    [property: Id(2)] StartPosition? Start = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad filter.</summary>
    public IReadOnlyList<TopicFilter> ParseFilters()
    {
        if (Filters is null || Filters.Count == 0)
            throw new ArgumentException("a session needs at least one topic filter", nameof(Filters));
        return Filters.Select(TopicFilter.Parse).ToArray();
    }
}

/// <summary>A subscribed partition as a session sees it.</summary>
/// <param name="Position">The next offset this session will fetch.</param>
/// <param name="Committed">The committed offset (next to read after a restart), if any.</param>
/// <param name="EndOffset">The log end offset last heard of.</param>
[GenerateSerializer, Immutable, Alias("AkLight.PartitionPosition")]
public sealed record class PartitionPosition(
    [property: Id(0)] string Topic,
    [property: Id(1)] int Partition,
    [property: Id(2)] long Position,
    [property: Id(3)] long? Committed,
    [property: Id(4)] long EndOffset)
{
    /// <summary>Messages not yet committed: log end offset minus committed offset (or position).</summary>
    public long Lag => Math.Max(0, EndOffset - (Committed ?? Position));
}

/// <summary>A session's description.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.SessionInfo")]
public sealed record class SessionInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] bool Persistent,
    [property: Id(2)] IReadOnlyList<string> Filters,
    [property: Id(3)] IReadOnlyList<PartitionPosition> Partitions);

namespace AkLight.Grains.Sessions;

/// <summary>
/// Where a numbered fetch began in each partition it moved. A fetch's answer can be lost after the session
/// moved its positions (the caller's response timeout fired first); when the caller retries the fetch
/// under the same number, the session goes back here, so those messages are delivered again, not skipped.
/// </summary>
internal sealed class FetchStart(long number)
{
    private readonly Dictionary<TopicPartition, long> _positions = [];

    /// <summary>No fetch to go back to: positions were set explicitly since (open, assign, seek).</summary>
    public static readonly FetchStart None = new(0);

    /// <summary>The caller's fetch number; 0 for an unnumbered fetch, which is never rewound.</summary>
    public long Number { get; } = number;

    /// <summary>Notes where the fetch began in a partition it is about to read (the first time only).</summary>
    public void Began(TopicPartition partition, long position)
    {
        if (Number != 0) _positions.TryAdd(partition, position);
    }

    /// <summary>Where the fetch began, in every partition it read.</summary>
    public IEnumerable<KeyValuePair<TopicPartition, long>> Positions => _positions;
}

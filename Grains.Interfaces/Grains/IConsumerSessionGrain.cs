namespace AkLight;

/// <summary>
/// A consumer session: its filters and its position in every matching partition. Keyed by session id.
/// A persistent session keeps committed offsets in grain state; a non-persistent one keeps nothing.
/// </summary>
public interface IConsumerSessionGrain : IPartitionWatcher, ITopicWatcher
{
    /// <summary>
    /// Opens the session. Opening a persistent session that exists resumes from its committed offsets
    /// (messages fetched but not committed are delivered again); a non-persistent one always starts afresh.
    /// </summary>
    Task<SessionInfo> OpenAsync(SessionOptions options);

    /// <summary>
    /// Makes this a non-persistent session reading exactly <paramref name="partitions"/> from the given offsets
    /// (clamped to each log), with no filters: how a consumer-group member reads what its group assigned it.
    /// </summary>
    Task<SessionInfo> AssignAsync(IReadOnlyList<TopicPartitionOffset> partitions);

    /// <summary>
    /// Up to <paramref name="maxMessages"/> messages, in offset order within each partition. Waits up to
    /// <paramref name="wait"/> for messages when none are ready; returns an empty list when none came.
    /// </summary>
    /// <param name="maxMessages">Most messages to return.</param>
    /// <param name="wait">How long to wait when nothing is ready.</param>
    /// <param name="fetchNumber">
    /// The caller's number for this fetch (1, 2, 3, ...), the same when it retries a fetch whose answer it
    /// never got (a response timeout): the session then goes back to where that fetch started, so what the
    /// lost answer held is fetched again rather than skipped. 0 turns this off: every fetch moves on.
    /// </param>
    Task<IReadOnlyList<ConsumedMessage>> FetchAsync(int maxMessages, TimeSpan wait, long fetchNumber = 0);

    /// <summary>
    /// Commits offsets (each the next offset to read). With none given, commits the position after
    /// everything fetched so far.
    /// </summary>
    Task CommitAsync(IReadOnlyList<TopicPartitionOffset> offsets);

    /// <summary>Moves a subscribed partition's position to <paramref name="offset"/>; the next fetch reads from there.</summary>
    Task SeekAsync(TopicPartitionOffset offset);

    /// <summary>
    /// Moves every subscribed partition (or only those of <paramref name="topic"/>) to the first message
    /// at or after <paramref name="time"/>.
    /// </summary>
    Task SeekToTimeAsync(DateTimeOffset time, string? topic = null);

    /// <summary>The session's filters and positions.</summary>
    Task<SessionInfo> DescribeAsync();

    /// <summary>Closes the session; a persistent session's committed offsets are deleted too.</summary>
    Task CloseAsync();
}

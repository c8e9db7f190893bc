namespace AkLight.Grains.Sessions;

/// <summary>
/// Where a numbered fetch began in each partition it moved. A fetch's answer can be lost after the session
/// moved its positions (the caller's response timeout fired first); when the caller retries the fetch
/// under the same number, the session goes back here, so those messages are delivered again, not skipped.
/// </summary>
internal sealed class FetchStart(long number, IReadOnlyDictionary<TopicPartition, long> positions)
{
    public static readonly FetchStart None = new(0, new Dictionary<TopicPartition, long>());

    /// <summary>The caller's fetch number; 0 for an unnumbered fetch, which is never rewound.</summary>
    public long Number { get; } = number;

    /// <summary>Puts every partition the fetch moved back where it began.</summary>
    public void Rewind(SubscriptionSet subscriptions)
    {
        foreach (var (partition, position) in positions)
        {
            if (!subscriptions.TryGet(partition, out var cursor) || position >= cursor.Position) continue;
            cursor.Position = position;
            subscriptions.Moved(partition, cursor);
        }
    }
}

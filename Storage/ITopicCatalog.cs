namespace AkLight.Storage;

/// <summary>A topic row: its store id (used as the message-log key) and its settings.</summary>
public sealed record class StoredTopic(long Id, TopicInfo Info);

/// <summary>Topics in the durable store: what exists, with which settings, and under which first level.</summary>
public interface ITopicCatalog
{
    Task<StoredTopic?> GetTopicAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates the topic unless it exists; returns the stored row either way.</summary>
    /// <param name="createdBy">The principal creating it, counted against its topic limit; null without principals.</param>
    Task<StoredTopic> CreateTopicAsync(TopicName name, TopicSettings settings, DateTimeOffset createdAt, string? createdBy = null, CancellationToken cancellationToken = default);

    /// <summary>How many topics exist, or were created by <paramref name="createdBy"/> when given (for the topic limits).</summary>
    Task<long> CountTopicsAsync(string? createdBy = null, CancellationToken cancellationToken = default);

    Task UpdateRetentionAsync(string name, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes <paramref name="topic"/>'s row and every partition bound and message kept under its id, in one
    /// transaction. Idempotent, so a second call removes what a write in flight during the first left behind;
    /// rows are kept when another topic already uses the id again (SQLite may reuse the largest id).
    /// </summary>
    Task DeleteTopicAsync(StoredTopic topic, CancellationToken cancellationToken = default);

    /// <summary>Names of every topic whose first level is <paramref name="firstLevel"/>.</summary>
    Task<IReadOnlyList<string>> ListTopicsAsync(string firstLevel, CancellationToken cancellationToken = default);

    /// <summary>Every distinct first level.</summary>
    Task<IReadOnlyList<string>> ListFirstLevelsAsync(CancellationToken cancellationToken = default);
}

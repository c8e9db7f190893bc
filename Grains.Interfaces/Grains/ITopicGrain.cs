namespace AkLight;

/// <summary>A topic: its partition count and retention. Keyed by the topic name.</summary>
public interface ITopicGrain : IGrainWithStringKey
{
    /// <summary>The topic, created with the configured defaults for its name if it does not exist yet.</summary>
    Task<TopicInfo> GetOrCreateAsync();

    /// <summary>
    /// Creates the topic with its own settings. Creating an existing topic with the same settings is a no-op;
    /// with different partition counts it fails, as a topic's partition count never changes.
    /// </summary>
    Task<TopicInfo> CreateAsync(TopicSettings settings);

    /// <summary>The topic, or null when it does not exist.</summary>
    Task<TopicInfo?> GetAsync();

    /// <summary>Changes how long the topic's messages are kept.</summary>
    Task<TopicInfo> SetRetentionAsync(TimeSpan retention);

    /// <summary>
    /// Deletes the topic: its settings, every partition's messages and its index entry. Sessions reading it
    /// drop its partitions; publishing to the name afterwards creates a new, empty topic.
    /// Throws <see cref="UnknownTopicException"/> when the topic does not exist.
    /// </summary>
    Task DeleteAsync();
}

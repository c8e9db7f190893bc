namespace AkLight;

/// <summary>A topic's settings: its partition count and how long its messages are kept.</summary>
/// <param name="Compact">
/// Beyond the retention period keep the latest message of every key instead of deleting everything;
/// a key whose latest message is a tombstone (null payload) goes entirely, and so do messages without a key.
/// </param>
[GenerateSerializer, Immutable, Alias("AkLight.TopicSettings")]
public sealed record class TopicSettings([property: Id(0)] int Partitions, [property: Id(1)] TimeSpan Retention, [property: Id(2)] bool Compact = false)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming what is wrong with these settings.</summary>
    public void Validate()
    {
        if (Partitions <= 0)
            throw new ArgumentException($"partition count must be at least 1, got {Partitions}", nameof(Partitions));
        if (Partitions > MaxPartitions)
            throw new ArgumentException($"partition count must be at most {MaxPartitions}, got {Partitions}", nameof(Partitions));
        if (Retention <= TimeSpan.Zero)
            throw new ArgumentException($"retention must be positive, got {Retention}", nameof(Retention));
    }

    /// <summary>The most partitions one topic may have.</summary>
    public const int MaxPartitions = 4096;
}

/// <summary>A topic as the broker knows it.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.TopicInfo")]
public sealed record class TopicInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] int Partitions,
    [property: Id(2)] TimeSpan Retention,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] bool Compact = false)
{
    public TopicSettings Settings => new(Partitions, Retention, Compact);
}

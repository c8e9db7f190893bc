using System.Text;

namespace AkLight.Silo.Broker;

/// <summary>
/// MQTT's retained messages, kept in the broker's compacted topic <see cref="Topic"/>: one partition, keyed by
/// topic name, the latest record per key is the topic's retained message and a record without payload (a
/// tombstone) clears it. So they are durable, shared by every silo (each reads the topic), and compaction keeps
/// the log at one record per retained topic.
/// </summary>
public sealed class RetainedMessages(IGrainFactory grains, Publisher publisher)
{
    /// <summary>The topic retained messages live in. A leading wildcard never matches it (a '$' topic).</summary>
    public const string Topic = "$aklight/retained";

    private static readonly TimeSpan Forever = TimeSpan.FromDays(365 * 100);
    private const int ReadBytes = 4 * 1024 * 1024;
    private volatile bool _created;

    /// <summary>
    /// Makes <paramref name="message"/> the retained message of <paramref name="topic"/>, or clears it when its
    /// payload is empty. Call it after the principal's publish to <paramref name="topic"/> succeeded (that checked its rights).
    /// </summary>
    public async Task SetAsync(string topic, ProduceRecord message)
    {
        await EnsureTopicAsync();
        var record = new ProduceRecord(Encoding.UTF8.GetBytes(topic), message.Payload is { Length: > 0 } payload ? payload : null, message.Headers);
        var outcome = (await publisher.PublishForBrokerAsync(Topic, [record]))[0];
        if (outcome.Error is { } error) throw error;
    }

    /// <summary>
    /// Up to <paramref name="maxCount"/> changes from <paramref name="offset"/> (an offset that retention or compaction
    /// passed continues at the first kept), each with its topic name as <see cref="ConsumedMessage.Key"/> and no
    /// payload for a clear; and the offset to read next.
    /// </summary>
    public async Task<(IReadOnlyList<ConsumedMessage> Changes, long Next)> ReadAsync(long offset, int maxCount)
    {
        await EnsureTopicAsync();
        var partition = grains.GetPartitionGrain(new TopicPartition(Topic, 0));
        var bounds = await partition.GetBoundsAsync();
        var from = Math.Clamp(offset, bounds.StartOffset, bounds.EndOffset);
        if (from == bounds.EndOffset) return ([], from);
        var read = await partition.ReadAsync(from, maxCount, ReadBytes);
        return (read.Messages, read.Messages.Count > 0 ? read.Messages[^1].Offset + 1 : from);
    }

    private async Task EnsureTopicAsync()
    {
        if (_created) return;
        var topic = grains.GetGrain<ITopicGrain>(Topic);
        if (await topic.GetAsync() is null) await topic.CreateAsync(new TopicSettings(1, Forever, Compact: true));
        _created = true;
    }
}

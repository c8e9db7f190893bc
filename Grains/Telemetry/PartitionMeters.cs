using System.Diagnostics;

namespace AkLight.Grains.Telemetry;

/// <summary>
/// What one partition grain records in <see cref="BrokerMeters"/>: once per produce batch, store write or
/// retention run, tagged with the topic's first level (cut once, when the topic is loaded).
/// </summary>
internal sealed class PartitionMeters
{
    private readonly ActiveMark _active = new(BrokerMeters.ActivePartitions);
    private KeyValuePair<string, object?> _level = BrokerMeters.TopicLevel("");

    /// <summary>The partition's topic is loaded: it counts as active, under its first level.</summary>
    public void Loaded(string topic)
    {
        _level = BrokerMeters.TopicLevel(BrokerMeters.FirstLevel(topic));
        _active.Set();
    }

    public void Deactivated() => _active.Clear();

    /// <summary>A batch was acknowledged; <paramref name="arrived"/> is its <see cref="Stopwatch.GetTimestamp"/> on arrival.</summary>
    public void Acknowledged(int messages, long bytes, long arrived)
    {
        BrokerMeters.ReceivedMessages.Add(messages, _level);
        BrokerMeters.ReceivedBytes.Add(bytes, _level);
        BrokerMeters.AppendDuration.Record(Stopwatch.GetElapsedTime(arrived).TotalSeconds, _level);
    }

    /// <summary>A store write committed; <paramref name="started"/> is its <see cref="Stopwatch.GetTimestamp"/> at the start.</summary>
    public void Committed(long started) => BrokerMeters.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _level);

    public void StoreFailed(string operation) => BrokerMeters.StoreErrors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void DuplicateDropped(int messages) => BrokerMeters.DuplicateMessages.Add(messages, _level);

    public void RetentionDeleted(long messages)
    {
        if (messages > 0) BrokerMeters.RetentionDeletedMessages.Add(messages, _level);
    }
}

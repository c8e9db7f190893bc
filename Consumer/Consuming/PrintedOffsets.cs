namespace AkLight.Consumer.Consuming;

/// <summary>Per partition, the offset after the last message printed: what to commit on the way out.</summary>
internal sealed class PrintedOffsets
{
    private readonly Dictionary<TopicPartition, long> _next = [];

    /// <summary>How many messages were printed.</summary>
    public int Count { get; private set; }

    public void Add(ConsumedMessage message)
    {
        var partition = new TopicPartition(message.Topic, message.Partition);
        _next[partition] = _next.TryGetValue(partition, out var next) ? Math.Max(next, message.Offset + 1) : message.Offset + 1;
        Count++;
    }

    /// <summary>The offsets to commit (each the next offset to read).</summary>
    public IReadOnlyList<TopicPartitionOffset> ToCommit() =>
        _next.Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value)).ToArray();
}

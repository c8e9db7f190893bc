namespace AkLight.Grains.Sessions;

/// <summary>
/// The partitions a session reads and which of them have unread data, so a fetch touches only
/// partitions known to have something: idle topics cost nothing per fetch.
/// </summary>
internal sealed class SubscriptionSet
{
    private readonly Dictionary<TopicPartition, PartitionCursor> _cursors = [];
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
    private readonly HashSet<TopicPartition> _ready = [];
    private int _rotation;

    public IReadOnlyDictionary<TopicPartition, PartitionCursor> Cursors => _cursors;

    public bool HasReady => _ready.Count > 0;

    public bool HasTopic(string topic) => _topics.Contains(topic);

    public void AddTopic(string topic) => _topics.Add(topic);

    public void Clear()
    {
        _cursors.Clear();
        _topics.Clear();
        _ready.Clear();
    }

    public void Add(TopicPartition partition, PartitionCursor cursor)
    {
        _cursors[partition] = cursor;
        _topics.Add(partition.Topic);
        Refresh(partition, cursor);
    }

    public bool TryGet(TopicPartition partition, out PartitionCursor cursor) => _cursors.TryGetValue(partition, out cursor!);

    /// <summary>Records a log end offset heard of; returns true when the partition now has unread data.</summary>
    public bool OnEnd(TopicPartition partition, long endOffset)
    {
        if (!_cursors.TryGetValue(partition, out var cursor)) return false;
        if (endOffset > cursor.KnownEnd) cursor.KnownEnd = endOffset;
        return Refresh(partition, cursor);
    }

    public void Moved(TopicPartition partition, PartitionCursor cursor) => Refresh(partition, cursor);

    /// <summary>The partitions with unread data, starting at a different one each call so none starves.</summary>
    public TopicPartition[] TakeReadyInTurn()
    {
        var ready = _ready.ToArray();
        if (ready.Length > 1)
        {
            Array.Sort(ready);
            var start = _rotation++ % ready.Length;
            ready = [.. ready[start..], .. ready[..start]];
        }
        return ready;
    }

    private bool Refresh(TopicPartition partition, PartitionCursor cursor)
    {
        if (cursor.HasData) return _ready.Add(partition) || true;
        _ready.Remove(partition);
        return false;
    }
}

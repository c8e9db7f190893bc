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
    // Ends heard for partitions of topics still being added: a notification can beat the cursor.
    private readonly Dictionary<TopicPartition, long> _earlyEnds = [];
    private int _rotation;

    public IReadOnlyDictionary<TopicPartition, PartitionCursor> Cursors => _cursors;

    public bool HasReady => _ready.Count > 0;

    public bool HasTopic(string topic) => _topics.Contains(topic);

    public void AddTopic(string topic) => _topics.Add(topic);

    public void Clear()
    {
        _earlyEnds.Clear();
        _cursors.Clear();
        _topics.Clear();
        _ready.Clear();
    }

    /// <summary>Forgets a topic and its partitions (the topic was deleted).</summary>
    public void RemoveTopic(string topic)
    {
        _topics.Remove(topic);
        foreach (var early in _earlyEnds.Keys.Where(p => p.Topic == topic).ToArray()) _earlyEnds.Remove(early);
        foreach (var partition in _cursors.Keys.Where(p => p.Topic == topic).ToArray())
        {
            _cursors.Remove(partition);
            _ready.Remove(partition);
        }
    }

    public void Add(TopicPartition partition, PartitionCursor cursor)
    {
        if (_earlyEnds.Remove(partition, out var early) && early > cursor.KnownEnd) cursor.KnownEnd = early;
        _cursors[partition] = cursor;
        _topics.Add(partition.Topic);
        Refresh(partition, cursor);
    }

    public bool TryGet(TopicPartition partition, out PartitionCursor cursor) => _cursors.TryGetValue(partition, out cursor!);

    /// <summary>Records a log end offset heard of; returns true when the partition now has unread data.</summary>
    public bool OnEnd(TopicPartition partition, long endOffset)
    {
        if (!_cursors.TryGetValue(partition, out var cursor))
        {
            // Kept only while the topic is being added; otherwise the session does not read this partition.
            if (_topics.Contains(partition.Topic) && (!_earlyEnds.TryGetValue(partition, out var known) || endOffset > known))
                _earlyEnds[partition] = endOffset;
            return false;
        }
        if (endOffset > cursor.KnownEnd) cursor.KnownEnd = endOffset;
        return Refresh(partition, cursor);
    }

    public void Moved(TopicPartition partition, PartitionCursor cursor)
    {
        // A partition dropped while it was being read (its topic deleted) stays dropped.
        if (_cursors.ContainsKey(partition)) Refresh(partition, cursor);
    }

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

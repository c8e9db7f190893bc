namespace AkLight.Grains.Sessions;

/// <summary>
/// The partitions a session reads and which of them have unread data, so a fetch touches only
/// partitions known to have something: idle topics cost nothing per fetch. Ready partitions are served
/// first in, first out, so none starves. Also holds the messages partitions push with their notifications,
/// within a bound for the whole session.
/// </summary>
internal sealed class SubscriptionSet
{
    /// <summary>Pushed messages a session holds at most; beyond it, notifications only say where the log ends.</summary>
    public const int MaxPushedMessages = 50_000;

    private readonly Dictionary<TopicPartition, PartitionCursor> _cursors = [];
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
    private readonly LinkedList<TopicPartition> _readyOrder = new();
    private readonly Dictionary<TopicPartition, LinkedListNode<TopicPartition>> _ready = [];
    // Ends heard for partitions of topics still being added: a notification can beat the cursor.
    private readonly Dictionary<TopicPartition, long> _earlyEnds = [];
    // Partitions whose committed offset was set, moved or dropped since the last TakeCommitChanges (persistent only).
    private readonly HashSet<TopicPartition> _commitChanges = [];
    private int _pushed;
    private FetchStart _lastFetch = FetchStart.None;

    public IReadOnlyDictionary<TopicPartition, PartitionCursor> Cursors => _cursors;

    /// <summary>
    /// True for a persistent session: every partition is committed where the session starts reading it, so going
    /// back to the commits never skips what was fetched and not acknowledged, even in a partition found later.
    /// </summary>
    public bool Persistent { get; set; }

    public bool HasReady => _ready.Count > 0;

    /// <summary>Pushed messages held across all partitions.</summary>
    public int PushedCount => _pushed;

    public bool HasTopic(string topic) => _topics.Contains(topic);

    public void AddTopic(string topic) => _topics.Add(topic);

    public void Clear()
    {
        _lastFetch = FetchStart.None; // positions set anew: a retried fetch must not undo them
        _earlyEnds.Clear();
        _commitChanges.Clear();
        _cursors.Clear();
        _topics.Clear();
        _ready.Clear();
        _readyOrder.Clear();
        _pushed = 0;
    }

    /// <summary>Forgets a topic and its partitions (the topic was deleted).</summary>
    public void RemoveTopic(string topic)
    {
        _topics.Remove(topic);
        foreach (var early in _earlyEnds.Keys.Where(p => p.Topic == topic).ToArray()) _earlyEnds.Remove(early);
        foreach (var partition in _cursors.Keys.Where(p => p.Topic == topic).ToArray())
        {
            _pushed -= _cursors[partition].PushedCount;
            if (Persistent) _commitChanges.Add(partition);
            _cursors.Remove(partition);
            Unready(partition);
        }
    }

    public void Add(TopicPartition partition, PartitionCursor cursor)
    {
        if (_earlyEnds.Remove(partition, out var early) && early > cursor.KnownEnd) cursor.KnownEnd = early;
        if (_cursors.Remove(partition, out var replaced)) _pushed -= replaced.PushedCount;
        if (Persistent && cursor.Committed is null)
        {
            // Committed where reading starts (a cursor that comes with a commit brings it from the store).
            cursor.Committed = cursor.Position;
            _commitChanges.Add(partition);
        }
        _cursors[partition] = cursor;
        _topics.Add(partition.Topic);
        Refresh(partition, cursor);
    }

    public bool TryGet(TopicPartition partition, out PartitionCursor cursor) => _cursors.TryGetValue(partition, out cursor!);

    /// <summary>Commits <paramref name="offset"/> for a partition of the set; one dropped meanwhile (its topic deleted) is left out.</summary>
    public void Commit(TopicPartition partition, long offset)
    {
        if (!_cursors.TryGetValue(partition, out var cursor) || cursor.Committed == offset) return;
        cursor.Committed = offset;
        if (Persistent) _commitChanges.Add(partition);
    }

    /// <summary>
    /// The partitions of a persistent session whose commit changed since the last call (committed, first read, or
    /// gone with their topic), so that only those are stored. Each is either still in the set or dropped.
    /// </summary>
    public TopicPartition[] TakeCommitChanges()
    {
        var changed = _commitChanges.ToArray();
        _commitChanges.Clear();
        return changed;
    }

    /// <summary>Records a log end offset heard of; returns true when the partition now has unread data.</summary>
    public bool OnEnd(TopicPartition partition, long endOffset) => OnData(partition, endOffset, []);

    /// <summary>
    /// Records a log end offset heard of, with the messages just appended below it (possibly none), which are
    /// kept for the next fetch when they continue from the session's position and there is room.
    /// Returns true when the partition now has unread data.
    /// </summary>
    public bool OnData(TopicPartition partition, long endOffset, IReadOnlyList<ConsumedMessage> appended)
    {
        if (!_cursors.TryGetValue(partition, out var cursor))
        {
            // Kept only while the topic is being added; otherwise the session does not read this partition.
            if (_topics.Contains(partition.Topic) && (!_earlyEnds.TryGetValue(partition, out var known) || endOffset > known))
                _earlyEnds[partition] = endOffset;
            return false;
        }
        if (endOffset > cursor.KnownEnd) cursor.KnownEnd = endOffset;
        _pushed += cursor.Offer(appended, MaxPushedMessages - _pushed);
        return Refresh(partition, cursor);
    }

    /// <summary>The committed offsets of the partitions that have one, as a persistent session stores them.</summary>
    public List<TopicPartitionOffset> Committed() =>
        _cursors.Where(c => c.Value.Committed is not null)
            .Select(c => new TopicPartitionOffset(c.Key.Topic, c.Key.Partition, c.Value.Committed!.Value))
            .ToList();

    /// <summary>Every partition's position, committed offset and known end, in topic and partition order.</summary>
    public PartitionPosition[] Positions() =>
        _cursors.OrderBy(c => c.Key.Topic, StringComparer.Ordinal).ThenBy(c => c.Key.Partition)
            .Select(c => new PartitionPosition(c.Key.Topic, c.Key.Partition, c.Value.Position, c.Value.Committed, c.Value.KnownEnd))
            .ToArray();

    /// <summary>
    /// Starts fetch <paramref name="fetchNumber"/> (0: unnumbered). When it retries the last numbered fetch, whose
    /// answer the caller lost, every partition that fetch moved goes back where it began, so nothing is skipped.
    /// </summary>
    public void BeginFetch(long fetchNumber)
    {
        if (fetchNumber != 0 && fetchNumber == _lastFetch.Number)
        {
            foreach (var (partition, position) in _lastFetch.Positions)
            {
                if (!_cursors.TryGetValue(partition, out var cursor) || position >= cursor.Position) continue;
                cursor.Position = position;
                Refresh(partition, cursor);
            }
        }
        _lastFetch = new FetchStart(fetchNumber);
    }

    /// <summary>Puts a partition at <paramref name="position"/> (a seek); a retried fetch must not undo it.</summary>
    public void Seek(TopicPartition partition, long position, long knownEnd)
    {
        var cursor = _cursors[partition];
        cursor.Position = position;
        cursor.KnownEnd = Math.Max(cursor.KnownEnd, knownEnd);
        _lastFetch = FetchStart.None;
        Refresh(partition, cursor);
    }

    /// <summary>
    /// Serves up to <paramref name="max"/> of the messages the partition pushed, when they start at its position;
    /// returns how many went into <paramref name="into"/> (none: the partition must be read).
    /// </summary>
    public int TakePushed(TopicPartition partition, PartitionCursor cursor, int max, List<ConsumedMessage> into)
    {
        var before = into.Count;
        _pushed -= cursor.TakePushed(max, into);
        var taken = into.Count - before;
        if (taken > 0) Moved(partition, cursor);
        return taken;
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> messages of a read of the partition into <paramref name="into"/> and moves
    /// its position past them. A read with nothing keeps the position within the log (retention may have moved
    /// the start past it).
    /// </summary>
    public void Delivered(TopicPartition partition, PartitionCursor cursor, PartitionReadResult read, int max, List<ConsumedMessage> into)
    {
        var take = Math.Min(read.Messages.Count, max);
        for (var i = 0; i < take; i++) into.Add(read.Messages[i]);
        if (take > 0) cursor.Position = read.Messages[take - 1].Offset + 1;
        else if (read.Messages.Count == 0) cursor.Position = Math.Clamp(cursor.Position, read.Bounds.StartOffset, read.Bounds.EndOffset);
        cursor.KnownEnd = Math.Max(cursor.KnownEnd, read.Bounds.EndOffset);
        Moved(partition, cursor);
    }

    /// <summary>A partition's position or known end changed: it is ready again (at the back) if it has unread data.</summary>
    public void Moved(TopicPartition partition, PartitionCursor cursor)
    {
        // A partition dropped while it was being read (its topic deleted) stays dropped.
        if (_cursors.ContainsKey(partition)) Refresh(partition, cursor);
    }

    /// <summary>
    /// Partitions with unread data, longest ready first, each with the messages it may give this fetch: its
    /// known backlog, until the backlogs add up to <paramref name="maxMessages"/>. Reads stay large when many
    /// partitions are behind, and the rest wait their turn. The partitions taken leave the ready list:
    /// <see cref="Moved"/> puts each back at the end if it still has data after the fetch.
    /// </summary>
    public List<(TopicPartition Partition, int Allotment)> TakeReady(int maxMessages)
    {
        var taken = new List<(TopicPartition, int)>();
        var budget = maxMessages;
        while (budget > 0 && _readyOrder.First is { } first)
        {
            var partition = first.Value;
            Unready(partition);
            var cursor = _cursors[partition];
            _lastFetch.Began(partition, cursor.Position);
            var allotment = (int)Math.Clamp(cursor.KnownEnd - cursor.Position, 1, budget);
            taken.Add((partition, allotment));
            budget -= allotment;
        }
        return taken;
    }

    private bool Refresh(TopicPartition partition, PartitionCursor cursor)
    {
        if (!cursor.HasData)
        {
            Unready(partition);
            return false;
        }
        if (!_ready.ContainsKey(partition)) _ready[partition] = _readyOrder.AddLast(partition);
        return true;
    }

    private void Unready(TopicPartition partition)
    {
        if (_ready.Remove(partition, out var node)) _readyOrder.Remove(node);
    }
}

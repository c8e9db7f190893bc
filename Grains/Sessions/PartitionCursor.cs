namespace AkLight.Grains.Sessions;

/// <summary>
/// A session's place in one partition, and the messages the partition pushed with its notifications that
/// continue exactly from that place: a fetch serves those without a read call to the partition.
/// </summary>
internal sealed class PartitionCursor(long position, long knownEnd, long? committed)
{
    private Queue<ConsumedMessage>? _pushed;
    private long _lastPushed;

    /// <summary>The next offset to fetch.</summary>
    public long Position { get; set; } = position;

    /// <summary>The highest log end offset heard of, from reads and notifications.</summary>
    public long KnownEnd { get; set; } = knownEnd;

    public long? Committed { get; set; } = committed;

    /// <summary>The partition's grain, once looked up (a lookup per read showed in profiles).</summary>
    public IPartitionGrain? Grain { get; set; }

    /// <summary>True when the partition has messages this session has not fetched.</summary>
    public bool HasData => KnownEnd > Position;

    /// <summary>Pushed messages held for the next fetch.</summary>
    public int PushedCount => _pushed?.Count ?? 0;

    /// <summary>
    /// Keeps pushed <paramref name="messages"/> if they continue from <see cref="Position"/> and what is already
    /// held, up to <paramref name="room"/>; anything else is left for a read. Returns how many were kept.
    /// </summary>
    public int Offer(IReadOnlyList<ConsumedMessage> messages, int room)
    {
        if (messages.Count == 0 || messages.Count > room) return 0;
        var next = _pushed is { Count: > 0 } ? _lastPushed + 1 : Position;
        if (messages[0].Offset != next) return 0;
        _pushed ??= new Queue<ConsumedMessage>();
        foreach (var message in messages) _pushed.Enqueue(message);
        _lastPushed = messages[^1].Offset;
        return messages.Count;
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> held messages that start at <see cref="Position"/> into
    /// <paramref name="into"/> and advances the position. Held messages a seek left behind are dropped.
    /// Returns how many held messages are gone (taken or dropped).
    /// </summary>
    public int TakePushed(int max, List<ConsumedMessage> into)
    {
        if (_pushed is not { Count: > 0 } held) return 0;
        var before = held.Count;
        while (held.Count > 0 && held.Peek().Offset < Position) held.Dequeue();
        if (held.Count > 0 && held.Peek().Offset != Position) held.Clear(); // a seek went back, or a gap: read instead
        for (var taken = 0; taken < max && held.Count > 0; taken++)
        {
            var message = held.Dequeue();
            into.Add(message);
            Position = message.Offset + 1;
        }
        if (held.Count == 0) _pushed = null; // a partition that goes quiet holds no buffer
        return before - (_pushed?.Count ?? 0);
    }
}

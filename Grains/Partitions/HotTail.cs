namespace AkLight.Grains.Partitions;

/// <summary>
/// The newest messages of a partition, in memory, bounded by count and bytes, so consumers that keep up
/// are served without touching the store. A ring of consecutive offsets: finding an offset is arithmetic.
/// </summary>
public sealed class HotTail
{
    private const int InitialCapacity = 16;

    private readonly int _maxMessages;
    private readonly long _maxBytes;
    private ConsumedMessage?[] _ring;
    private int _head; // index of the oldest message
    private long _bytes;

    public HotTail(int maxMessages, long maxBytes)
    {
        _maxMessages = Math.Max(1, maxMessages);
        // Grows on demand: thousands of quiet partitions must not each hold a full-size ring.
        _ring = new ConsumedMessage?[Math.Min(InitialCapacity, _maxMessages)];
        _maxBytes = maxBytes;
    }

    public int Count { get; private set; }

    /// <summary>The oldest offset held, or null when empty.</summary>
    public long? FirstOffset => Count == 0 ? null : _ring[_head]!.Offset;

    /// <summary>Adds messages (in offset order, continuing the tail) and evicts the oldest beyond the bounds.</summary>
    public void Add(IEnumerable<ConsumedMessage> messages)
    {
        foreach (var message in messages)
        {
            if (Count > 0 && message.Offset != At(Count - 1).Offset + 1) Clear();
            if (Count == _ring.Length)
            {
                if (_ring.Length < _maxMessages) Grow();
                else RemoveOldest();
            }
            _ring[(_head + Count) % _ring.Length] = message;
            Count++;
            _bytes += SizeOf(message);
        }
        while (Count > 1 && _bytes > _maxBytes) RemoveOldest();
    }

    /// <summary>Drops messages below <paramref name="offset"/> (retention moved the log start).</summary>
    public void TrimBefore(long offset)
    {
        while (Count > 0 && _ring[_head]!.Offset < offset) RemoveOldest();
    }

    public void Clear()
    {
        _ring = new ConsumedMessage?[Math.Min(InitialCapacity, _maxMessages)];
        _head = 0;
        Count = 0;
        _bytes = 0;
    }

    /// <summary>Reads from <paramref name="fromOffset"/> when the tail holds it; false when the store must be read.</summary>
    public bool TryRead(long fromOffset, int maxCount, int maxBytes, out List<ConsumedMessage> messages)
    {
        messages = [];
        if (Count == 0 || fromOffset < _ring[_head]!.Offset) return false;
        var bytes = 0;
        for (var i = (int)Math.Min(fromOffset - _ring[_head]!.Offset, Count); i < Count && messages.Count < maxCount; i++)
        {
            var message = At(i);
            var size = SizeOf(message);
            if (messages.Count > 0 && bytes + size > maxBytes) break;
            messages.Add(message);
            bytes += size;
        }
        return true;
    }

    private void Grow()
    {
        var larger = new ConsumedMessage?[Math.Min(_ring.Length * 2, _maxMessages)];
        for (var i = 0; i < Count; i++) larger[i] = At(i);
        _ring = larger;
        _head = 0;
    }

    private ConsumedMessage At(int index) => _ring[(_head + index) % _ring.Length]!;

    private void RemoveOldest()
    {
        _bytes -= SizeOf(_ring[_head]!);
        _ring[_head] = null;
        _head = (_head + 1) % _ring.Length;
        Count--;
    }

    private static int SizeOf(ConsumedMessage message) => 64 + (message.Key?.Length ?? 0) + (message.Payload?.Length ?? 0);
}

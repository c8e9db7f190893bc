namespace AkLight.Producer.Agent;

/// <summary>
/// A first-in first-out queue of at most <see cref="Capacity"/> items that never blocks the writer: when full,
/// adding drops the oldest item and counts it in <see cref="Dropped"/>. The reader takes items from the front and
/// puts back, in front and in order, what it could not deliver. Safe for writers (sampling, events) and one reader at once.
/// </summary>
internal sealed class BoundedBuffer<T>
{
    private readonly LinkedList<T> _items = new();
    private readonly object _gate = new();
    private TaskCompletionSource _added = NewSignal();
    private long _dropped;

    public BoundedBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Items waiting, not counting those taken and not yet put back.</summary>
    public int Count
    {
        get { lock (_gate) return _items.Count; }
    }

    /// <summary>How many items were dropped, oldest first, to make room since the buffer was created.</summary>
    public long Dropped
    {
        get { lock (_gate) return _dropped; }
    }

    /// <summary>Adds <paramref name="item"/> at the back, dropping the oldest when the buffer is full.</summary>
    public void Add(T item)
    {
        TaskCompletionSource added;
        lock (_gate)
        {
            _items.AddLast(item);
            TrimToCapacity();
            added = _added;
        }
        added.TrySetResult();
    }

    /// <summary>Removes and returns up to <paramref name="max"/> items from the front, oldest first.</summary>
    public IReadOnlyList<T> TakeOldest(int max)
    {
        lock (_gate)
        {
            var taken = new List<T>(Math.Min(max, _items.Count));
            while (taken.Count < max && _items.First is { } first)
            {
                taken.Add(first.Value);
                _items.RemoveFirst();
            }
            return taken;
        }
    }

    /// <summary>
    /// Puts items taken earlier back at the front, in their order, ahead of everything added since. They are the
    /// oldest, so if the buffer overflows it is they that are dropped first.
    /// </summary>
    public void ReturnToFront(IReadOnlyList<T> items)
    {
        lock (_gate)
        {
            for (var i = items.Count - 1; i >= 0; i--) _items.AddFirst(items[i]);
            TrimToCapacity();
        }
    }

    /// <summary>Completes when the buffer holds an item (at once if it does now).</summary>
    public Task WaitForItemsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_items.Count > 0) return Task.CompletedTask;
            if (_added.Task.IsCompleted) _added = NewSignal();
            return _added.Task.WaitAsync(cancellationToken);
        }
    }

    private void TrimToCapacity()
    {
        while (_items.Count > Capacity)
        {
            _items.RemoveFirst();
            _dropped++;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

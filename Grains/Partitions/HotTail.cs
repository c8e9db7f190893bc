using AkLight.Records;

namespace AkLight.Grains.Partitions;

/// <summary>
/// The newest batches of a partition, in memory, bounded by records and bytes, so consumers that keep up are served
/// without touching the store. Kept as the batches' bytes, with no object per message and no reference inside them:
/// a collection marks a few arrays per partition, whatever the rate. A ring of consecutive batches.
/// </summary>
public sealed class HotTail
{
    private const int InitialCapacity = 4;

    private readonly int _maxRecords;
    private readonly long _maxBytes;
    private RecordBatch[] _ring;
    private int _head; // index of the oldest batch
    private int _count;
    private long _records;
    private long _bytes;

    public HotTail(int maxRecords, long maxBytes)
    {
        _maxRecords = Math.Max(1, maxRecords);
        // Grows on demand: thousands of quiet partitions must not each hold a large ring.
        _ring = new RecordBatch[InitialCapacity];
        _maxBytes = maxBytes;
    }

    /// <summary>Records held.</summary>
    public long Count => _records;

    /// <summary>The oldest offset held, or null when empty.</summary>
    public long? FirstOffset => _count == 0 ? null : _ring[_head].BaseOffset;

    /// <summary>Adds batches (in offset order, continuing the tail) and evicts the oldest beyond the bounds, keeping the newest.</summary>
    public void Add(IEnumerable<RecordBatch> batches)
    {
        foreach (var batch in batches)
        {
            if (_count > 0 && batch.BaseOffset != At(_count - 1).NextOffset) Clear();
            if (_count == _ring.Length) Grow();
            _ring[(_head + _count) % _ring.Length] = batch;
            _count++;
            _records += batch.RecordCount;
            _bytes += batch.SizeInBytes;
        }
        while (_count > 1 && (_bytes > _maxBytes || _records > _maxRecords)) RemoveOldest();
    }

    /// <summary>Drops batches that end before <paramref name="offset"/> (retention moved the log start).</summary>
    public void TrimBefore(long offset)
    {
        while (_count > 0 && _ring[_head].NextOffset <= offset) RemoveOldest();
    }

    public void Clear()
    {
        _ring = new RecordBatch[InitialCapacity];
        _head = 0;
        _count = 0;
        _records = 0;
        _bytes = 0;
    }

    /// <summary>
    /// The batches holding <paramref name="fromOffset"/> and after, up to <paramref name="maxCount"/> offsets and about
    /// <paramref name="maxBytes"/> (<see cref="CappedBatches"/>), when the tail holds the offset; false when the store must be read.
    /// </summary>
    public bool TryRead(long fromOffset, int maxCount, int maxBytes, out IReadOnlyList<RecordBatch> batches)
    {
        batches = [];
        if (_count == 0 || fromOffset < _ring[_head].BaseOffset) return false;
        var read = new CappedBatches(fromOffset, maxCount, maxBytes);
        for (var i = 0; i < _count; i++)
        {
            var batch = At(i);
            if (batch.NextOffset > fromOffset && !read.TryTake(batch)) break;
        }
        batches = read.Batches;
        return true;
    }

    private void Grow()
    {
        var larger = new RecordBatch[_ring.Length * 2];
        for (var i = 0; i < _count; i++) larger[i] = At(i);
        _ring = larger;
        _head = 0;
    }

    private RecordBatch At(int index) => _ring[(_head + index) % _ring.Length];

    private void RemoveOldest()
    {
        var oldest = _ring[_head];
        _records -= oldest.RecordCount;
        _bytes -= oldest.SizeInBytes;
        _ring[_head] = default;
        _head = (_head + 1) % _ring.Length;
        _count--;
    }
}

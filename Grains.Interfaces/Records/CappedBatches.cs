namespace AkLight.Records;

/// <summary>
/// The batches of one read, up to a count of offsets and a byte budget: the stores and a partition's hot tail take
/// batches in offset order and stop here the same way.
/// </summary>
public sealed class CappedBatches(long fromOffset, int maxCount, int maxBytes)
{
    private readonly List<RecordBatch> _batches = [];
    private long _offsets;
    private long _bytes;

    /// <summary>The batches taken so far, in offset order.</summary>
    public IReadOnlyList<RecordBatch> Batches => _batches;

    /// <summary>
    /// Takes a batch unless the read already has enough offsets or it would pass the budget; the first batch is always
    /// taken, so a batch larger than the budget is still read (alone) rather than never.
    /// </summary>
    public bool TryTake(byte[] bytes) => TryTake(new RecordBatch(bytes));

    /// <inheritdoc cref="TryTake(byte[])"/>
    public bool TryTake(RecordBatch batch)
    {
        if (_offsets >= maxCount) return false;
        if (_batches.Count > 0 && _bytes + batch.SizeInBytes > maxBytes) return false;
        _batches.Add(batch);
        _offsets += batch.NextOffset - Math.Max(fromOffset, batch.BaseOffset);
        _bytes += batch.SizeInBytes;
        return true;
    }
}

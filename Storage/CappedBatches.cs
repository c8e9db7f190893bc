using AkLight.Records;

namespace AkLight.Storage;

/// <summary>
/// The batches of one read, up to a count of offsets and a byte budget: every store reads batch rows in offset order
/// and stops here the same way.
/// </summary>
internal sealed class CappedBatches(long fromOffset, int maxCount, int maxBytes)
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
    public bool TryTake(byte[] bytes)
    {
        if (_offsets >= maxCount) return false;
        if (_batches.Count > 0 && _bytes + bytes.Length > maxBytes) return false;
        var batch = new RecordBatch(bytes);
        _batches.Add(batch);
        _offsets += batch.NextOffset - Math.Max(fromOffset, batch.BaseOffset);
        _bytes += bytes.Length;
        return true;
    }
}

using AkLight.Records;

namespace AkLight.Storage;

/// <summary>
/// Log compaction over batches, the same for every store: before a cutoff offset, a record stays only when it has a
/// key, a value (a tombstone goes) and no newer record of the same key anywhere in the partition. A batch that loses
/// records is rewritten in place (<see cref="RecordBatchWriter.Rewrite"/>: its offsets do not move); one that loses
/// all of them is deleted.
/// </summary>
public static class BatchCompaction
{
    /// <summary>What compaction does to a partition's batches.</summary>
    /// <param name="Rewritten">Batches to store in place of the ones with the same last offset.</param>
    /// <param name="Deleted">Last offsets of the batches to delete.</param>
    /// <param name="FirstOffset">The first record's offset after compaction, or null when none is left.</param>
    public sealed record Result(IReadOnlyList<RecordBatch> Rewritten, IReadOnlyList<long> Deleted, long? FirstOffset);

    /// <summary>Compacts <paramref name="batches"/> (a whole partition, in offset order) before <paramref name="before"/>.</summary>
    public static Result Compact(IReadOnlyList<RecordBatch> batches, long before)
    {
        var newest = new Dictionary<KeyBytes, long>();
        foreach (var batch in batches)
            foreach (var record in batch)
                if (record.HasKey) newest[new KeyBytes(record.Key.ToArray())] = record.Offset;

        var rewritten = new List<RecordBatch>();
        var deleted = new List<long>();
        long? first = null;
        var kept = new List<BatchRecord>();
        foreach (var batch in batches)
        {
            kept.Clear();
            var count = 0;
            foreach (var record in batch)
            {
                count++;
                if (record.Offset >= before || Keeps(record, newest)) kept.Add(record);
            }
            if (kept.Count < count)
            {
                if (kept.Count == 0) deleted.Add(batch.LastOffset);
                else rewritten.Add(RecordBatchWriter.Rewrite(batch, kept));
            }
            if (first is null && kept.Count > 0) first = kept[0].Offset;
        }
        return new Result(rewritten, deleted, first);
    }

    private static bool Keeps(BatchRecord record, Dictionary<KeyBytes, long> newest) =>
        record.HasKey && !record.IsTombstone && newest[new KeyBytes(record.Key.ToArray())] == record.Offset;

    /// <summary>A key compared by its bytes.</summary>
    private readonly struct KeyBytes(byte[] bytes) : IEquatable<KeyBytes>
    {
        private readonly byte[] _bytes = bytes;

        public bool Equals(KeyBytes other) => _bytes.AsSpan().SequenceEqual(other._bytes);

        public override bool Equals(object? obj) => obj is KeyBytes other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.AddBytes(_bytes);
            return hash.ToHashCode();
        }
    }
}

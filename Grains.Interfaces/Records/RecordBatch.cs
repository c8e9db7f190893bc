using System.Buffers.Binary;
using L = AkLight.Records.RecordBatchLayout;

namespace AkLight.Records;

/// <summary>
/// One record batch (Kafka's v2 layout, <see cref="RecordBatchLayout"/>) as the bytes the broker keeps: no object per
/// record and no reference inside, so a partition's tail of batches costs a collection almost nothing to mark. The
/// fields are read from the header when asked; <see cref="GetEnumerator"/> walks the records without copying them.
/// Batches the broker keeps are uncompressed and carry log-append time: every record has the batch's
/// <see cref="TimestampMs"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("AkLight.RecordBatch")]
public readonly record struct RecordBatch([property: Id(0)] byte[] Bytes)
{
    /// <summary>The offset of the first record.</summary>
    public long BaseOffset => BinaryPrimitives.ReadInt64BigEndian(Bytes.AsSpan(L.BaseOffset));

    /// <summary>The offset of the last record (kept when compaction removed it).</summary>
    public long LastOffset => BaseOffset + BinaryPrimitives.ReadInt32BigEndian(Bytes.AsSpan(L.LastOffsetDelta));

    /// <summary>The offset after the batch: where the next batch starts.</summary>
    public long NextOffset => LastOffset + 1;

    /// <summary>Records in the batch (fewer than the offsets it spans after compaction).</summary>
    public int RecordCount => BinaryPrimitives.ReadInt32BigEndian(Bytes.AsSpan(L.RecordCount));

    /// <summary>The append time, Unix milliseconds (the newest record's).</summary>
    public long TimestampMs => BinaryPrimitives.ReadInt64BigEndian(Bytes.AsSpan(L.MaxTimestamp));

    /// <summary>The batch's attribute bits (<see cref="RecordBatchLayout.Attributes"/>).</summary>
    public short Attributes => BinaryPrimitives.ReadInt16BigEndian(Bytes.AsSpan(L.Attributes));

    /// <summary>Bytes the batch takes, header included.</summary>
    public int SizeInBytes => Bytes.Length;

    /// <summary>Whether the checksum matches what it covers.</summary>
    public bool HasValidChecksum => BinaryPrimitives.ReadUInt32BigEndian(Bytes.AsSpan(L.Crc)) == Crc32C.Compute(Bytes.AsSpan(L.Attributes));

    /// <summary>
    /// Gives the batch its offsets and its append time, as the partition does when it appends it: the base offset,
    /// log-append time in the attributes and both timestamps, then the checksum again (it covers the timestamps).
    /// Changes <see cref="Bytes"/> in place: whoever hands a batch to a partition hands the array over.
    /// </summary>
    public void Stamp(long baseOffset, long timestampMs)
    {
        var span = Bytes.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(span[L.BaseOffset..], baseOffset);
        BinaryPrimitives.WriteInt16BigEndian(span[L.Attributes..], (short)(Attributes | L.LogAppendTime));
        BinaryPrimitives.WriteInt64BigEndian(span[L.FirstTimestamp..], timestampMs);
        BinaryPrimitives.WriteInt64BigEndian(span[L.MaxTimestamp..], timestampMs);
        Seal(span);
    }

    /// <summary>Writes the length field and the checksum of a batch whose other fields are written.</summary>
    internal static void Seal(Span<byte> batch)
    {
        BinaryPrimitives.WriteInt32BigEndian(batch[L.Length..], batch.Length - L.LogOverhead);
        BinaryPrimitives.WriteUInt32BigEndian(batch[L.Crc..], Crc32C.Compute(batch[L.Attributes..]));
    }

    /// <summary>
    /// The batch in <paramref name="bytes"/> after checking what the broker relies on: the length, the format, an
    /// uncompressed body, the record count and the checksum. Throws <see cref="InvalidDataException"/> naming what is wrong.
    /// </summary>
    public static RecordBatch Check(byte[] bytes)
    {
        if (bytes.Length < L.HeaderSize) throw new InvalidDataException($"a record batch takes at least {L.HeaderSize} bytes, this one has {bytes.Length}");
        var batch = new RecordBatch(bytes);
        var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(L.Length));
        if (length != bytes.Length - L.LogOverhead) throw new InvalidDataException($"a record batch says it has {length} bytes after its length, it has {bytes.Length - L.LogOverhead}");
        if (bytes[L.Magic] != L.CurrentMagic) throw new InvalidDataException($"record batch format v{bytes[L.Magic]} is not v{L.CurrentMagic}");
        if ((batch.Attributes & L.CompressionMask) != 0) throw new InvalidDataException("a stored record batch must be uncompressed");
        if (batch.RecordCount < 0 || batch.RecordCount > bytes.Length - L.HeaderSize) throw new InvalidDataException($"a record batch claims {batch.RecordCount} records in {bytes.Length - L.HeaderSize} bytes");
        if (!batch.HasValidChecksum) throw new InvalidDataException("a record batch's CRC-32C does not match its contents");
        return batch;
    }

    /// <summary>The records, in offset order, as views into <see cref="Bytes"/>.</summary>
    public BatchRecordEnumerator GetEnumerator() => new(this);
}

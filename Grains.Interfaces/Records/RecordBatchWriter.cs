using System.Buffers.Binary;
using System.Text;
using L = AkLight.Records.RecordBatchLayout;

namespace AkLight.Records;

/// <summary>
/// Encodes records into one uncompressed <see cref="RecordBatch"/>, sized exactly before it is written (one array,
/// no growing buffer). A door encodes at its edge; the partition gives the batch its offsets
/// (<see cref="RecordBatch.Stamp"/>).
/// </summary>
public static class RecordBatchWriter
{
    /// <summary>A batch of <paramref name="records"/> at consecutive offsets from <paramref name="baseOffset"/>, all at <paramref name="timestampMs"/>.</summary>
    public static RecordBatch Write(IReadOnlyList<ProduceRecord> records, long baseOffset = 0, long timestampMs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfZero(records.Count, nameof(records));
        var fields = new RecordFields[records.Count];
        for (var i = 0; i < fields.Length; i++) fields[i] = new RecordFields(i, records[i].Key, records[i].Payload, records[i].Headers);
        return Write(fields, baseOffset, timestampMs);
    }

    /// <summary>
    /// A batch of <paramref name="records"/> whose offsets are given (ascending, gaps allowed, as compacted logs have
    /// them): the batch starts at the first and spans to the last.
    /// </summary>
    public static RecordBatch Write(IReadOnlyList<(long Offset, byte[]? Key, byte[]? Value, IReadOnlyList<MessageHeader>? Headers)> records, long timestampMs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(records.Count, nameof(records));
        var baseOffset = records[0].Offset;
        var fields = new RecordFields[records.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var r = records[i];
            if (i > 0 && r.Offset <= records[i - 1].Offset) throw new ArgumentException($"record offsets must ascend: {r.Offset} follows {records[i - 1].Offset}", nameof(records));
            fields[i] = new RecordFields(r.Offset - baseOffset, r.Key, r.Value, r.Headers);
        }
        return Write(fields, baseOffset, timestampMs);
    }

    /// <summary>
    /// <paramref name="batch"/> with only <paramref name="kept"/> of its records (compaction): the base offset, the last
    /// offset delta and the timestamps stay, so the offsets of what is kept and the batch's place in the log do not move.
    /// </summary>
    public static RecordBatch Rewrite(RecordBatch batch, IReadOnlyList<BatchRecord> kept)
    {
        var size = L.HeaderSize;
        foreach (var record in kept) size += record.End - record.Start;
        var bytes = new byte[size];
        batch.Bytes.AsSpan(0, L.HeaderSize).CopyTo(bytes);
        var at = L.HeaderSize;
        foreach (var record in kept)
        {
            batch.Bytes.AsSpan(record.Start, record.End - record.Start).CopyTo(bytes.AsSpan(at));
            at += record.End - record.Start;
        }
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(L.RecordCount), kept.Count);
        RecordBatch.Seal(bytes);
        return new RecordBatch(bytes);
    }

    private readonly record struct RecordFields(long OffsetDelta, byte[]? Key, byte[]? Value, IReadOnlyList<MessageHeader>? Headers)
    {
        /// <summary>The record's bytes after its length prefix.</summary>
        public int BodySize()
        {
            var size = 1 + Varints.SizeOf(0) + Varints.SizeOf(OffsetDelta) + FieldSize(Key?.Length) + FieldSize(Value?.Length);
            var headers = Headers ?? [];
            size += Varints.SizeOf(headers.Count);
            foreach (var header in headers)
                size += FieldSize(Encoding.UTF8.GetByteCount(header.Name)) + FieldSize(Encoding.UTF8.GetByteCount(header.Value));
            return size;
        }

        private static int FieldSize(int? length) => length is { } n ? Varints.SizeOf(n) + n : Varints.SizeOf(-1);
    }

    private static RecordBatch Write(RecordFields[] records, long baseOffset, long timestampMs)
    {
        var bodies = new int[records.Length];
        var size = L.HeaderSize;
        for (var i = 0; i < records.Length; i++)
        {
            bodies[i] = records[i].BodySize();
            size += Varints.SizeOf(bodies[i]) + bodies[i];
        }
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(span[L.BaseOffset..], baseOffset);
        span[L.Magic] = L.CurrentMagic;
        BinaryPrimitives.WriteInt16BigEndian(span[L.Attributes..], L.LogAppendTime);
        BinaryPrimitives.WriteInt32BigEndian(span[L.LastOffsetDelta..], checked((int)records[^1].OffsetDelta));
        BinaryPrimitives.WriteInt64BigEndian(span[L.FirstTimestamp..], timestampMs);
        BinaryPrimitives.WriteInt64BigEndian(span[L.MaxTimestamp..], timestampMs);
        BinaryPrimitives.WriteInt64BigEndian(span[L.ProducerId..], -1);
        BinaryPrimitives.WriteInt16BigEndian(span[L.ProducerEpoch..], -1);
        BinaryPrimitives.WriteInt32BigEndian(span[L.BaseSequence..], -1);
        BinaryPrimitives.WriteInt32BigEndian(span[L.RecordCount..], records.Length);
        var at = L.HeaderSize;
        for (var i = 0; i < records.Length; i++)
        {
            var r = records[i];
            at = Varints.Write(span, at, bodies[i]);
            span[at++] = 0; // record attributes
            at = Varints.Write(span, at, 0); // timestamp delta: log-append time, the batch's
            at = Varints.Write(span, at, r.OffsetDelta);
            at = WriteField(span, at, r.Key);
            at = WriteField(span, at, r.Value);
            var headers = r.Headers ?? [];
            at = Varints.Write(span, at, headers.Count);
            foreach (var header in headers)
            {
                at = WriteText(span, at, header.Name);
                at = WriteText(span, at, header.Value);
            }
        }
        RecordBatch.Seal(span);
        return new RecordBatch(bytes);
    }

    private static int WriteField(Span<byte> span, int at, byte[]? bytes)
    {
        if (bytes is null) return Varints.Write(span, at, -1);
        at = Varints.Write(span, at, bytes.Length);
        bytes.CopyTo(span[at..]);
        return at + bytes.Length;
    }

    private static int WriteText(Span<byte> span, int at, string text)
    {
        at = Varints.Write(span, at, Encoding.UTF8.GetByteCount(text));
        return at + Encoding.UTF8.GetBytes(text, span[at..]);
    }
}

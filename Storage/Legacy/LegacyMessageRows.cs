using System.Buffers.Binary;
using System.Text;
using AkLight.Records;

namespace AkLight.Storage.Legacy;

/// <summary>
/// The log as versions before record batches kept it, one row per message, turned into batches when a store opens a
/// database written by them. Consecutive rows of a partition with the same timestamp (one append round) become one
/// batch, so the rule "every record of a batch has its timestamp" holds for what is moved too.
/// </summary>
internal static class LegacyMessageRows
{
    /// <summary>Records per moved batch at most, and about the bytes: one batch stays a modest read.</summary>
    private const int MaxRecords = 1_000;
    private const int MaxBytes = 1 << 20;

    /// <summary>A message row: its partition, offset, append time and the three blobs (headers in the old layout).</summary>
    public readonly record struct Row(long TopicId, int Partition, long Offset, long TimestampMs, byte[]? Key, byte[]? Payload, byte[]? Headers);

    /// <summary>A batch made of rows, for the partition it belongs to.</summary>
    public readonly record struct MovedBatch(long TopicId, int Partition, RecordBatch Batch);

    /// <summary>Batches of <paramref name="rows"/>, which come in (topic, partition, offset) order.</summary>
    public static IEnumerable<MovedBatch> Batch(IEnumerable<Row> rows)
    {
        var run = new List<(long, byte[]?, byte[]?, IReadOnlyList<MessageHeader>?)>();
        Row first = default;
        var bytes = 0;
        foreach (var row in rows)
        {
            if (run.Count > 0 && (row.TopicId != first.TopicId || row.Partition != first.Partition || row.TimestampMs != first.TimestampMs
                || run.Count >= MaxRecords || bytes >= MaxBytes))
            {
                yield return new MovedBatch(first.TopicId, first.Partition, RecordBatchWriter.Write(run, first.TimestampMs));
                run = [];
                bytes = 0;
            }
            if (run.Count == 0) first = row;
            run.Add((row.Offset, row.Key, row.Payload, DecodeHeaders(row.Headers)));
            bytes += (row.Key?.Length ?? 0) + (row.Payload?.Length ?? 0) + (row.Headers?.Length ?? 0);
        }
        if (run.Count > 0) yield return new MovedBatch(first.TopicId, first.Partition, RecordBatchWriter.Write(run, first.TimestampMs));
    }

    /// <summary>Headers as the old layout kept them: a little-endian count, then length-prefixed UTF-8 names and values.</summary>
    public static IReadOnlyList<MessageHeader>? DecodeHeaders(byte[]? blob)
    {
        if (blob is null || blob.Length < 4) return null;
        var span = blob.AsSpan();
        var count = BinaryPrimitives.ReadInt32LittleEndian(span);
        var headers = new MessageHeader[count];
        var at = 4;
        for (var i = 0; i < count; i++) headers[i] = new MessageHeader(ReadText(span, ref at), ReadText(span, ref at));
        return headers;
    }

    private static string ReadText(ReadOnlySpan<byte> span, ref int at)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        var text = Encoding.UTF8.GetString(span.Slice(at + 4, length));
        at += 4 + length;
        return text;
    }
}

using AkLight.Records;
using System.Text;

namespace AkLight.Silo.Doors.Kafka.Records;

/// <summary>
/// Writes messages read from one partition as one uncompressed record batch (magic v2) with a CRC-32C. The
/// timestamps are AKLight's append times, so the batch says LogAppendTime.
/// </summary>
public static class RecordBatchEncoder
{
    private const short LogAppendTime = 0x08;

    /// <summary>Appends the batch of <paramref name="messages"/> (consecutive reads of one partition, in offset order) to <paramref name="writer"/>.</summary>
    public static void Write(KafkaWriter writer, IReadOnlyList<ConsumedMessage> messages)
    {
        if (messages.Count == 0) return;
        var baseOffset = messages[0].Offset;
        var baseTimestamp = messages.Min(m => m.Timestamp.ToUnixTimeMilliseconds());
        var maxTimestamp = messages.Max(m => m.Timestamp.ToUnixTimeMilliseconds());
        writer.Int64(baseOffset);
        var lengthAt = writer.ReserveInt32();
        writer.Int32(0); // partition leader epoch
        writer.Int8(2); // magic
        var crcAt = writer.ReserveInt32();
        var checkedFrom = writer.Length;
        writer.Int16(LogAppendTime);
        writer.Int32((int)(messages[^1].Offset - baseOffset));
        writer.Int64(baseTimestamp);
        writer.Int64(maxTimestamp);
        writer.Int64(-1); // producer id
        writer.Int16(-1); // producer epoch
        writer.Int32(-1); // base sequence
        writer.Int32(messages.Count);
        var record = new KafkaWriter();
        foreach (var message in messages)
        {
            WriteRecord(record, message, baseOffset, baseTimestamp);
            writer.Varint(record.Length);
            writer.Raw(record.Written.Span);
        }
        writer.PatchInt32(lengthAt, writer.Length - lengthAt - 4);
        writer.PatchInt32(crcAt, (int)Crc32C.Compute(writer.WrittenSpan(checkedFrom)));
    }

    private static void WriteRecord(KafkaWriter record, ConsumedMessage message, long baseOffset, long baseTimestamp)
    {
        record.Reset();
        record.Int8(0);
        record.Varint(message.Timestamp.ToUnixTimeMilliseconds() - baseTimestamp);
        record.Varint(message.Offset - baseOffset);
        VarBytes(record, message.Key);
        VarBytes(record, message.Payload);
        var headers = message.Headers ?? [];
        record.Varint(headers.Count);
        foreach (var header in headers)
        {
            VarBytes(record, Encoding.UTF8.GetBytes(header.Name));
            VarBytes(record, Encoding.UTF8.GetBytes(header.Value));
        }
    }

    private static void VarBytes(KafkaWriter writer, byte[]? bytes)
    {
        if (bytes is null)
        {
            writer.Varint(-1);
            return;
        }
        writer.Varint(bytes.Length);
        writer.Raw(bytes);
    }
}

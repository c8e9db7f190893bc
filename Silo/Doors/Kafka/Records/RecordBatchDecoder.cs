using AkLight.Records;
using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace AkLight.Silo.Doors.Kafka.Records;

/// <summary>
/// Reads the record batches (magic v2) of one partition in a Produce request and checks each one: its CRC-32C, then
/// every record. An uncompressed batch is passed on as the client wrote it (<see cref="RecordBatch"/>: the partition
/// stamps its offsets and time in place); a gzip batch is inflated and its records written again as one uncompressed
/// batch, the only kind the broker keeps. Record timestamps are not kept: AKLight stamps each batch when it is appended
/// (Kafka's LogAppendTime).
/// Every count and length is checked against the bytes that are there before anything is allocated for it, and
/// inflating stops at an <see cref="InflationBudget"/>. A malformed batch throws <see cref="CorruptRecordException"/>
/// (or <see cref="KafkaProtocolException"/> for a field cut short), one the broker cannot take
/// <see cref="InvalidRecordException"/>, a codec it does not inflate <see cref="UnsupportedCompressionException"/>.
/// </summary>
public static class RecordBatchDecoder
{
    /// <summary>Bytes before a batch's records: base offset to record count.</summary>
    private const int HeaderBytes = 61;

    /// <summary>
    /// What one record set may inflate to when the caller gives no budget: the default of
    /// <see cref="KafkaOptions.MaxRequestBytes"/>, the most a request may carry uncompressed.
    /// </summary>
    public const int DefaultMaxInflatedBytes = 100 * 1024 * 1024;

    /// <summary>The batches of <paramref name="recordSet"/>, inflating at most <see cref="DefaultMaxInflatedBytes"/>.</summary>
    public static List<ProducedBatch> Decode(ReadOnlyMemory<byte> recordSet) => Decode(recordSet, new InflationBudget(DefaultMaxInflatedBytes));

    /// <summary>The batches of <paramref name="recordSet"/>, their compressed ones inflated within <paramref name="budget"/>.</summary>
    public static List<ProducedBatch> Decode(ReadOnlyMemory<byte> recordSet, InflationBudget budget)
    {
        var batches = new List<ProducedBatch>();
        var reader = new KafkaReader(recordSet);
        while (reader.Remaining > 0)
        {
            if (reader.Remaining < HeaderBytes) throw new CorruptRecordException($"a record batch is cut short: {reader.Remaining} bytes left, a batch header takes {HeaderBytes}");
            var whole = reader.Rest;
            reader.Int64(); // base offset: the broker assigns offsets
            var length = reader.Int32();
            if (length < 0 || length > reader.Remaining) throw new CorruptRecordException($"a record batch claims {length} bytes, {reader.Remaining} are left");
            batches.Add(DecodeBatch(whole[..(RecordBatchLayout.LogOverhead + length)], new KafkaReader(reader.TakeMemory(length)), budget));
        }
        return batches;
    }

    private static ProducedBatch DecodeBatch(ReadOnlyMemory<byte> whole, KafkaReader batch, InflationBudget budget)
    {
        batch.Int32(); // partition leader epoch
        var magic = batch.Int8();
        if (magic != 2) throw new InvalidRecordException($"message format v{magic} is not supported: AKLight takes record batches v2 (Kafka 0.11 and later clients)");
        var crc = (uint)batch.Int32();
        var checkedPart = batch.TakeMemory(batch.Remaining);
        if (Crc32C.Compute(checkedPart.Span) != crc) throw new CorruptRecordException("a record batch's CRC-32C does not match its contents");
        batch = new KafkaReader(checkedPart);
        var attributes = batch.Int16();
        if ((attributes & 0x30) != 0) throw new InvalidRecordException("transactional and control batches are not supported: AKLight has no transactions");
        batch.Int32(); // last offset delta
        batch.Int64(); // base timestamp
        batch.Int64(); // max timestamp
        var producerId = batch.Int64();
        var producerEpoch = batch.Int16();
        var baseSequence = batch.Int32();
        var count = batch.Int32();
        if (count < 0) throw new CorruptRecordException($"a record batch claims {count} records");
        if (count == 0) throw new CorruptRecordException("a record batch has no records");
        // A record takes at least one byte, so a count beyond the bytes is a lie, refused before anything is made for it.
        if (count > batch.Remaining && (attributes & RecordBatchLayout.CompressionMask) == 0)
            throw new CorruptRecordException($"a record batch claims {count} records in {batch.Remaining} bytes");
        if ((attributes & RecordBatchLayout.CompressionMask) == 0) return new ProducedBatch(producerId, producerEpoch, baseSequence, PassedOn(whole));
        var body = Decompress(attributes & 0x07, batch.TakeMemory(batch.Remaining), budget);
        // A record takes at least one byte, so a count beyond the bytes is a lie, refused before the array is made.
        if (count > body.Length) throw new CorruptRecordException($"a record batch claims {count} records in {body.Length} bytes");
        var records = new ProduceRecord[count];
        var reader = new KafkaReader(body);
        for (var i = 0; i < count; i++) records[i] = DecodeRecord(reader);
        return new ProducedBatch(producerId, producerEpoch, baseSequence, RecordBatchWriter.Write(records));
    }

    /// <summary>
    /// An uncompressed batch as the client wrote it, in an array of its own (the partition stamps it in place). Its
    /// records are checked once, by the partition, as every batch it is sent (<see cref="ProducedBatches"/>); a batch
    /// refused there is answered CORRUPT_MESSAGE like one refused here.
    /// </summary>
    private static RecordBatch PassedOn(ReadOnlyMemory<byte> whole) => new(whole.ToArray());

    private static ProduceRecord DecodeRecord(KafkaReader batch)
    {
        var record = new KafkaReader(batch.TakeMemory(batch.Varint()));
        record.Int8(); // attributes (unused)
        record.Varlong(); // timestamp delta
        record.Varint(); // offset delta
        var key = VarBytes(record);
        var value = VarBytes(record);
        var headerCount = record.Varint();
        if (headerCount < 0 || headerCount > record.Remaining) throw new CorruptRecordException($"a record claims {headerCount} headers in {record.Remaining} bytes");
        List<MessageHeader>? headers = headerCount > 0 ? new(headerCount) : null;
        for (var i = 0; i < headerCount; i++)
        {
            var name = VarBytes(record) ?? throw new InvalidRecordException("a record header has no name");
            var text = VarBytes(record);
            headers!.Add(new MessageHeader(Encoding.UTF8.GetString(name), HeaderText(name, text)));
        }
        return new ProduceRecord(key, value, headers);
    }

    /// <summary>AKLight's header values are text; a binary value is refused rather than changed.</summary>
    private static string HeaderText(byte[] name, byte[]? value)
    {
        if (value is null) return "";
        try
        {
            return StrictUtf8.GetString(value);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidRecordException($"the value of header '{Encoding.UTF8.GetString(name)}' is not UTF-8 text: AKLight's header values are text");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private static byte[]? VarBytes(KafkaReader reader)
    {
        var length = reader.Varint();
        return length < 0 ? null : reader.TakeMemory(length).ToArray();
    }

    private static ReadOnlyMemory<byte> Decompress(int codec, ReadOnlyMemory<byte> body, InflationBudget budget) => codec switch
    {
        0 => body,
        1 => Gunzip(body, budget),
        _ => throw new UnsupportedCompressionException(codec switch { 2 => "snappy", 3 => "lz4", 4 => "zstd", _ => $"codec {codec}" }),
    };

    /// <summary>Inflates a gzip body a buffer at a time, each counted against <paramref name="budget"/> before it is kept.</summary>
    private static ReadOnlyMemory<byte> Gunzip(ReadOnlyMemory<byte> body, InflationBudget budget)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var gzip = new GZipStream(AsStream(body), CompressionMode.Decompress);
            using var inflated = new MemoryStream((int)Math.Min(Math.Min(budget.Left, body.Length * 4L), 1024 * 1024));
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                budget.Take(read);
                inflated.Write(buffer, 0, read);
            }
            return inflated.GetBuffer().AsMemory(0, (int)inflated.Length);
        }
        catch (InvalidDataException error)
        {
            throw new CorruptRecordException($"a gzip record batch does not inflate: {error.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> body) =>
        MemoryMarshal.TryGetArray(body, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray(), writable: false);
}

/// <summary>One producer batch: the idempotence fields and its records, as the batch the partition takes.</summary>
public sealed record class ProducedBatch(long ProducerId, short ProducerEpoch, int BaseSequence, RecordBatch Batch);

/// <summary>A batch whose checksum or framing is wrong.</summary>
public sealed class CorruptRecordException(string message) : Exception(message);

/// <summary>A batch compressed with a codec this broker does not inflate.</summary>
public sealed class UnsupportedCompressionException(string codec)
    : Exception($"compression '{codec}' is not supported: AKLight takes uncompressed and gzip batches (set compression.type=gzip or none)");

using AkLight.Records;
using System.IO.Compression;
using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>Record batches v2 as a Kafka producer writes them: records, optionally compressed, under a CRC-32C.</summary>
internal static class RecordBatches
{
    public const short Gzip = 1;

    /// <summary>Bytes of a batch before its records: base offset to record count.</summary>
    private const int HeaderBytes = 61;

    /// <summary>
    /// A batch of <paramref name="records"/>, compressed with <paramref name="codec"/> (0 none, 1 gzip; others sent
    /// as they are). The records are written by the broker's own writer, then framed as a producer frames them.
    /// </summary>
    public static byte[] Batch(IReadOnlyList<ProduceRecord> records, short codec = 0)
    {
        var body = RecordBatchWriter.Write(records, 0, 1_700_000_000_000).Bytes[HeaderBytes..];
        return Framed(records.Count, codec == Gzip ? Gzipped(body) : body, codec);
    }

    /// <summary>A batch around <paramref name="body"/> (records, compressed or not), with a correct CRC-32C.</summary>
    public static byte[] Framed(int count, ReadOnlySpan<byte> body, short codec)
    {
        var writer = new KafkaWriter();
        writer.Int64(0); // base offset
        var lengthAt = writer.ReserveInt32();
        writer.Int32(0); // partition leader epoch
        writer.Int8(2); // magic
        var crcAt = writer.ReserveInt32();
        var checkedFrom = writer.Length;
        writer.Int16(codec);
        writer.Int32(Math.Max(count - 1, 0)); // last offset delta
        writer.Int64(1_700_000_000_000); // base timestamp
        writer.Int64(1_700_000_000_000); // max timestamp
        writer.Int64(42); // producer id
        writer.Int16(0); // producer epoch
        writer.Int32(7); // base sequence
        writer.Int32(count);
        writer.Raw(body);
        writer.PatchInt32(lengthAt, writer.Length - lengthAt - 4);
        writer.PatchInt32(crcAt, (int)Crc32C.Compute(writer.WrittenSpan(checkedFrom)));
        return writer.Written.ToArray();
    }

    /// <summary>Puts a correct CRC-32C back into a batch whose checked part was changed, so the change reaches the records.</summary>
    public static byte[] WithCrcFixed(byte[] batch)
    {
        const int CrcAt = 8 + 4 + 4 + 1, CheckedFrom = CrcAt + 4;
        if (batch.Length < CheckedFrom) return batch;
        var fixedBatch = batch.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(fixedBatch.AsSpan(CrcAt), Crc32C.Compute(fixedBatch.AsSpan(CheckedFrom)));
        return fixedBatch;
    }

    public static byte[] Gzipped(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>
    /// The gzip of <paramref name="zeros"/> zero bytes, written a block at a time so that neither the test nor the
    /// machine ever holds them: a decompression bomb.
    /// </summary>
    public static byte[] GzippedZeros(long zeros)
    {
        var block = new byte[1024 * 1024];
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            for (var left = zeros; left > 0; left -= block.Length) gzip.Write(block, 0, (int)Math.Min(block.Length, left));
        return output.ToArray();
    }

    /// <summary>The records a typical producer batch holds: keys, a tombstone, headers, text and binary.</summary>
    public static ProduceRecord[] Sample() =>
    [
        new("web-1"u8.ToArray(), """{"cpu":0.5}"""u8.ToArray(), [new MessageHeader("unit", "ratio"), new MessageHeader("src", "kcat")]),
        new(null, [0, 1, 2, 255]),
        new("gone"u8.ToArray(), null),
        new([], [], []),
    ];
}

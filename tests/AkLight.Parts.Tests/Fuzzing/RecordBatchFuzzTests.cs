using AkLight.Silo.Doors.Kafka;
using AkLight.Silo.Doors.Kafka.Protocol;
using AkLight.Silo.Doors.Kafka.Records;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// Produce record sets, valid batches damaged, fed to <see cref="RecordBatchDecoder"/>: only the decoder's documented
/// errors come out, each answered with a Kafka error code, and no count or length is believed beyond the bytes.
/// Most mutants get their CRC put right again, so the damage reaches the records instead of stopping at the checksum.
/// </summary>
public sealed class RecordBatchFuzzTests
{
    private const int SeedBase = 20_261_300;

    /// <summary>Bytes before the CRC-checked part: base offset, length, leader epoch, magic, CRC.</summary>
    private const int CheckedFrom = 8 + 4 + 4 + 1 + 4;

    private static readonly IReadOnlyList<(string Name, byte[] Bytes)> Corpus =
    [
        ("uncompressed", RecordBatches.Batch(RecordBatches.Sample())),
        ("gzip", RecordBatches.Batch(RecordBatches.Sample(), RecordBatches.Gzip)),
        ("one empty record", RecordBatches.Batch([new ProduceRecord(null, [])])),
        ("two batches", [.. RecordBatches.Batch(RecordBatches.Sample()), .. RecordBatches.Batch([new ProduceRecord(null, "x"u8.ToArray())], RecordBatches.Gzip)]),
    ];

    [Fact]
    public void The_corpus_decodes_to_its_records()
    {
        var decoded = RecordBatchDecoder.Decode(Corpus[1].Bytes);
        var records = Assert.Single(decoded).Records;
        Assert.Equal(RecordBatches.Sample().Length, records.Length);
        Assert.Equal("ratio", records[0].Headers![0].Value);
        Assert.Null(records[2].Payload);
        Assert.Equal(2, RecordBatchDecoder.Decode(Corpus[3].Bytes).Count);
    }

    [Fact]
    public void Each_codec_is_answered_with_a_kafka_error_code()
    {
        for (short codec = 0; codec < 8; codec++)
        {
            var batch = RecordBatches.Framed(1, [0x01, 0x02, 0x03], codec);
            var error = Record.Exception(() => RecordBatchDecoder.Decode(batch));
            Assert.NotNull(error);
            Assert.True(IsRecordError(error), $"codec {codec}: {error}");
            Assert.NotEqual(KafkaErrorCode.UnknownServerError, KafkaErrors.From(error));
        }
    }

    [Fact]
    public void A_gzip_body_that_is_not_gzip_is_a_corrupt_batch()
    {
        var error = Assert.Throws<CorruptRecordException>(() => RecordBatchDecoder.Decode(RecordBatches.Framed(1, "not gzip at all"u8, RecordBatches.Gzip)));
        Assert.Contains("gzip", error.Message);
    }

    /// <summary>The decoder's documented errors, each of which <see cref="KafkaErrors"/> turns into a code for the partition.</summary>
    private static bool IsRecordError(Exception error) =>
        error is CorruptRecordException or InvalidRecordException or UnsupportedCompressionException or KafkaProtocolException
        && KafkaErrors.From(error) != KafkaErrorCode.UnknownServerError;

    private static void Decode(byte[] recordSet) => RecordBatchDecoder.Decode(recordSet);
}

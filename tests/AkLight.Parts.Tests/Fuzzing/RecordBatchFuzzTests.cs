using AkLight.Records;
using AkLight.Silo.Doors.Kafka;
using AkLight.Silo.Doors.Kafka.Protocol;
using AkLight.Silo.Doors.Kafka.Records;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// Produce record sets, valid batches damaged, fed to <see cref="RecordBatchDecoder"/> and then checked as the partition
/// checks every batch (<see cref="ProducedBatches"/>): only their documented errors come out, each answered with a Kafka
/// error code, and no count or length is believed beyond the bytes.
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
        foreach (var (name, bytes) in Corpus.Take(2))
        {
            var batch = Assert.Single(RecordBatchDecoder.Decode(bytes)).Batch;
            var records = RecordBatchMessages.Read([batch], new TopicPartition("logs/app", 0), 0, long.MaxValue, int.MaxValue, int.MaxValue);
            Assert.True(RecordBatches.Sample().Length == records.Count, name);
            Assert.Equal("ratio", records[0].Headers![0].Value);
            Assert.Null(records[2].Payload);
        }
        // An uncompressed batch goes on as the client wrote it; a gzip one is written again uncompressed.
        Assert.Equal(Corpus[0].Bytes, RecordBatchDecoder.Decode(Corpus[0].Bytes)[0].Batch.Bytes);
        Assert.Equal(0, RecordBatchDecoder.Decode(Corpus[1].Bytes)[0].Batch.Attributes & RecordBatchLayout.CompressionMask);
        Assert.Equal(2, RecordBatchDecoder.Decode(Corpus[3].Bytes).Count);
    }

    [Fact]
    public void Mutated_batches_get_only_record_errors_and_bounded_allocation()
    {
        var mutants = FuzzRun.Mutants(Corpus, iterations: 30_000, SeedBase, keep: CheckedFrom)
            .Select((m, i) => i % 4 == 0 ? m : (m.Case + " with its CRC fixed", RecordBatches.WithCrcFixed(m.Input)));
        var refused = FuzzRun.Check(mutants, Decode, IsRecordError);
        Assert.True(refused > 1_000, $"only {refused} mutants were refused");
    }

    [Fact]
    public void Every_count_and_length_that_lies_is_refused_before_it_is_allocated() =>
        FuzzRun.Check(FuzzRun.LyingLengths(Corpus).Select(m => (m.Case, RecordBatches.WithCrcFixed(m.Input))), Decode, IsRecordError, perInputByte: 32);

    [Fact]
    public void Varint_lengths_that_lie_are_refused()
    {
        // A record whose key claims int.MaxValue bytes, one whose header count is -1, one claiming 2^24 headers
        // (a 128 MB list for a 10-byte record before the fix), one whose length is negative.
        byte[][] bodies =
        [
            [0x10, 0x00, 0x00, 0x00, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F],
            [0x0C, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01],
            [0x12, 0x00, 0x00, 0x00, 0x01, 0x01, 0x80, 0x80, 0x80, 0x10],
            [0x01],
        ];
        var inputs = bodies.Select((body, i) => ($"body {i}", RecordBatches.Framed(1, body, codec: 0)));
        Assert.Equal(bodies.Length, FuzzRun.Check(inputs, Decode, IsRecordError));
    }

    [Fact]
    public void A_batch_claiming_more_records_than_bytes_is_refused_before_the_array_is_made()
    {
        var batch = RecordBatches.Framed(int.MaxValue, [0x00], codec: 0);
        var error = Assert.Throws<CorruptRecordException>(() => RecordBatchDecoder.Decode(batch));
        Assert.Contains("2147483647 records", error.Message);
        Assert.Throws<CorruptRecordException>(() => RecordBatchDecoder.Decode(RecordBatches.Framed(-1, [], codec: 0)));
    }

    [Fact]
    public void Each_codec_is_answered_with_a_kafka_error_code()
    {
        for (short codec = 0; codec < 8; codec++)
        {
            var batch = RecordBatches.Framed(1, [0x01, 0x02, 0x03], codec);
            var error = Record.Exception(() => Decode(batch));
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

    /// <summary>The documented errors of the decoder and of the partition's check, each of which <see cref="KafkaErrors"/> turns into a code for the partition.</summary>
    private static bool IsRecordError(Exception error) =>
        error is CorruptRecordException or InvalidRecordException or UnsupportedCompressionException or KafkaProtocolException or InvalidRecordBatchException
        && KafkaErrors.From(error) != KafkaErrorCode.UnknownServerError;

    /// <summary>The produce path up to the store: the door decodes, the partition checks what it is sent.</summary>
    private static void Decode(byte[] recordSet)
    {
        foreach (var produced in RecordBatchDecoder.Decode(recordSet)) ProducedBatches.Check(produced.Batch, int.MaxValue);
    }
}

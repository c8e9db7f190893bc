using System.Buffers.Binary;
using AkLight.Records;
using AkLight.Silo.Doors.Kafka.Records;

namespace AkLight.Parts.Tests.Records;

/// <summary>The broker's one record format: Kafka's record batch v2, written, stamped, checked and read back.</summary>
public sealed class RecordBatchTests
{
    private static readonly TopicPartition Partition = new("metrics/docker/host1/web-1/cpu", 3);

    [Fact]
    public void Crc32C_matches_the_published_check_value()
    {
        // RFC 3720's CRC-32C check value of "123456789"; the longer input covers the eight-byte steps.
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0x22620404u, Crc32C.Compute("The quick brown fox jumps over the lazy dog"u8));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void Random_records_read_back_field_for_field_from_the_bytes()
    {
        var random = new Random(20261207);
        for (var round = 0; round < 200; round++)
        {
            var records = Enumerable.Range(0, random.Next(1, 40)).Select(_ => RandomRecord(random)).ToArray();
            var batch = RecordBatch.Check(RecordBatchWriter.Write(records, baseOffset: 1_000_000, timestampMs: 1_700_000_000_123).Bytes);

            Assert.Equal((1_000_000L, 1_000_000L + records.Length - 1, records.Length), (batch.BaseOffset, batch.LastOffset, batch.RecordCount));
            var read = RecordBatchMessages.Read([batch], Partition, 0, long.MaxValue, int.MaxValue, int.MaxValue);
            Assert.Equal(records.Length, read.Count);
            for (var i = 0; i < records.Length; i++)
            {
                Assert.Equal(1_000_000L + i, read[i].Offset);
                Assert.Equal(1_700_000_000_123L, read[i].Timestamp.ToUnixTimeMilliseconds());
                Assert.Equal(records[i].Key, read[i].Key);
                Assert.Equal(records[i].Payload, read[i].Payload);
                Assert.Equal(records[i].Headers is { Count: > 0 } h ? h : null, read[i].Headers);
                Assert.Equal((read[i].Partition, read[i].Topic), (Partition.Partition, Partition.Topic));
            }
        }
    }

    [Fact]
    public void Stamping_writes_the_offset_and_the_append_time_and_keeps_the_batch_valid_for_a_Kafka_decoder()
    {
        ProduceRecord[] records = [new(Encoding.UTF8.GetBytes("web-1"), Encoding.UTF8.GetBytes("{\"value\":0.5}"), [new MessageHeader("unit", "ratio")]), new(null, null)];
        var batch = RecordBatchWriter.Write(records);

        batch.Stamp(42, 1_700_000_000_999);

        Assert.True(batch.HasValidChecksum);
        Assert.Equal((42L, 43L, 1_700_000_000_999L), (batch.BaseOffset, batch.LastOffset, batch.TimestampMs));
        Assert.NotEqual(0, batch.Attributes & RecordBatchLayout.LogAppendTime);
        // The Kafka door's own decoder (what a producer's batch goes through) reads the same records.
        var decoded = Assert.Single(RecordBatchDecoder.Decode(batch.Bytes)).Batch;
        var read = RecordBatchMessages.Read([decoded], Partition, 0, long.MaxValue, int.MaxValue, int.MaxValue);
        Assert.Equal(records.Select(r => (r.Key, r.Payload)), read.Select(r => (r.Key, r.Payload)));
        Assert.Equal("ratio", read[0].Headers![0].Value);
    }

    [Fact]
    public void Checking_names_what_is_wrong_with_a_batch()
    {
        var good = RecordBatchWriter.Write([new ProduceRecord(null, [1, 2, 3])]).Bytes;

        Assert.Contains("at least 61 bytes", Refused(good[..60]));
        Assert.Contains("after its length", Refused([.. good, 0]));
        Assert.Contains("format v1", Refused(Changed(good, b => b[RecordBatchLayout.Magic] = 1)));
        Assert.Contains("uncompressed", Refused(Changed(good, b => b[RecordBatchLayout.Attributes + 1] |= 1)));
        Assert.Contains("CRC-32C", Refused(Changed(good, b => b[^1] ^= 0xFF)));
        Assert.Contains("claims 1000 records", Refused(Changed(good, b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(RecordBatchLayout.RecordCount), 1000))));
        // The base offset is outside the checksum: a partition writes it without making the batch invalid.
        RecordBatch.Check(Changed(good, b => BinaryPrimitives.WriteInt64BigEndian(b, 99)));
    }

    [Fact]
    public void Records_with_given_offsets_keep_their_gaps_and_must_ascend()
    {
        var batch = RecordBatchWriter.Write([(10L, null, [1], null), (13L, [7], [2], null), (20L, [8], null, null)], timestampMs: 5);

        Assert.Equal((10L, 20L, 3), (batch.BaseOffset, batch.LastOffset, batch.RecordCount));
        Assert.Equal([10L, 13, 20], RecordBatchMessages.Read([batch], Partition, 0, long.MaxValue, 100, int.MaxValue).Select(m => m.Offset));
        Assert.Equal([13L, 20], RecordBatchMessages.Read([batch], Partition, 11, long.MaxValue, 100, int.MaxValue).Select(m => m.Offset));
        var unordered = Assert.Throws<ArgumentException>(() => RecordBatchWriter.Write([(3L, null, [1], null), (3L, null, [2], null)], 5));
        Assert.Contains("must ascend", unordered.Message);
    }

    [Fact]
    public void A_rewritten_batch_keeps_its_place_and_only_the_records_kept()
    {
        var batch = RecordBatchWriter.Write([.. Enumerable.Range(0, 5).Select(i => new ProduceRecord([(byte)i], [(byte)(i * 10)]))], 100, 7);
        var kept = new List<BatchRecord>();
        foreach (var record in batch)
            if (record.Offset % 2 == 1) kept.Add(record);

        var rewritten = RecordBatch.Check(RecordBatchWriter.Rewrite(batch, kept).Bytes);

        Assert.Equal((100L, 104L, 2, 7L), (rewritten.BaseOffset, rewritten.LastOffset, rewritten.RecordCount, rewritten.TimestampMs));
        var read = RecordBatchMessages.Read([rewritten], Partition, 0, long.MaxValue, 100, int.MaxValue);
        Assert.Equal([(101L, (byte)10), (103L, (byte)30)], read.Select(m => (m.Offset, m.Payload![0])));
    }

    private static string Refused(byte[] bytes) => Assert.Throws<InvalidDataException>(() => RecordBatch.Check(bytes)).Message;

    private static byte[] Changed(byte[] bytes, Action<byte[]> change)
    {
        var copy = bytes.ToArray();
        change(copy);
        return copy;
    }

    private static ProduceRecord RandomRecord(Random random)
    {
        byte[]? Bytes(int max) => random.Next(5) switch
        {
            0 => null,
            1 => [],
            _ => Enumerable.Range(0, random.Next(1, max)).Select(_ => (byte)random.Next(256)).ToArray(),
        };
        var headers = Enumerable.Range(0, random.Next(3)).Select(i => new MessageHeader($"h{i}-é", random.Next(2) == 0 ? "" : $"v{random.Next()}→")).ToArray();
        return new ProduceRecord(Bytes(40), Bytes(3000), headers);
    }
}

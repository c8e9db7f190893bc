using AkLight.Records;
using AkLight.Storage;
using Xunit;

namespace AkLight.TestSupport.Storage;

/// <summary>
/// What every message log must do, whatever keeps it: each store's test class derives from this one, so the
/// embedded and the PostgreSQL store are held to the same behaviour, and a third store gets it for free.
/// </summary>
public abstract class MessageLogContract
{
    /// <summary>The store under test, empty at the start of each test.</summary>
    protected abstract IMessageLog Log { get; }

    /// <summary>A record to append at its offset, stored with its timestamp (its batch's time).</summary>
    protected sealed record TestRecord(long Offset, long TimestampMs, byte[]? Key, byte[]? Payload, IReadOnlyList<MessageHeader>? Headers);

    protected static TestRecord Record(long offset, long timestampMs, string? key = "k", string? payload = "v", IReadOnlyList<MessageHeader>? headers = null) =>
        new(offset, timestampMs, key is null ? null : System.Text.Encoding.UTF8.GetBytes(key),
            payload is null ? null : System.Text.Encoding.UTF8.GetBytes(payload), headers);

    /// <summary>Records as batches, as the partition writes them: one batch per run of records with the same timestamp.</summary>
    protected static List<RecordBatch> Batches(params TestRecord[] records)
    {
        var batches = new List<RecordBatch>();
        for (var start = 0; start < records.Length;)
        {
            var end = start + 1;
            while (end < records.Length && records[end].TimestampMs == records[start].TimestampMs) end++;
            var run = records[start..end].Select(r => (r.Offset, r.Key, r.Payload, r.Headers)).ToList();
            batches.Add(RecordBatchWriter.Write(run, records[start].TimestampMs));
            start = end;
        }
        return batches;
    }

    /// <summary>Appends <paramref name="records"/> in one call, one batch per timestamp.</summary>
    protected Task AppendAsync(long topicId, int partition, TestRecord[] records, IReadOnlyList<ProducerState>? producers = null) =>
        Log.AppendAsync(topicId, partition, Batches(records), producers);

    /// <summary>The records of a read, from <paramref name="fromOffset"/> on (the first batch may start before it).</summary>
    protected async Task<List<ConsumedMessage>> RecordsAsync(long topicId, int partition, long fromOffset, int maxCount = 100, int maxBytes = 1 << 20) =>
        RecordBatchMessages.Read(await Log.ReadAsync(topicId, partition, fromOffset, maxCount, maxBytes), new TopicPartition("t", partition), fromOffset, long.MaxValue, int.MaxValue, int.MaxValue);

    private async Task<LogBounds> BoundsAsync(long topicId, int partition) => (await Log.LoadPartitionAsync(topicId, partition, 0)).Bounds;

    private async Task<IReadOnlyList<ProducerState>> ProducersAsync(long topicId, int partition, int max) =>
        (await Log.LoadPartitionAsync(topicId, partition, max)).Producers;

    [Fact]
    public async Task A_partition_never_written_has_bounds_0_0()
    {
        Assert.Equal(new LogBounds(0, 0), await BoundsAsync(1, 0));
        Assert.Empty(await Log.ReadAsync(1, 0, 0, 10, 1000));
        Assert.Null(await Log.GetOffsetForTimeAsync(1, 0, 0));
    }

    [Fact]
    public async Task Appended_batches_read_back_byte_for_byte_with_every_field_and_move_the_log_end()
    {
        MessageHeader[] headers = [new("container", "web-1")];
        var first = Batches(Record(0, 1000, "a", "one", headers), Record(1, 1000, null, null), Record(2, 1001, "c", "three"));
        await Log.AppendAsync(7, 2, first);
        await AppendAsync(7, 2, [Record(3, 1002, "d", "four")]);

        Assert.Equal(new LogBounds(0, 4), await BoundsAsync(7, 2));
        var batches = await Log.ReadAsync(7, 2, 0, 100, 1 << 20);
        Assert.Equal([0L, 2, 3], batches.Select(b => b.BaseOffset));
        Assert.Equal(first[0].Bytes, batches[0].Bytes);
        Assert.All(batches, b => Assert.True(b.HasValidChecksum));
        var read = await RecordsAsync(7, 2, 0);
        Assert.Equal([0L, 1, 2, 3], read.Select(r => r.Offset));
        Assert.Equal("one", System.Text.Encoding.UTF8.GetString(read[0].Payload!));
        Assert.Equal(headers, read[0].Headers);
        Assert.Null(read[1].Key);
        Assert.Null(read[1].Payload);
        Assert.Null(read[1].Headers);
        Assert.Equal(1001, read[2].Timestamp.ToUnixTimeMilliseconds());
        // Other partitions and topics are untouched.
        Assert.Equal(new LogBounds(0, 0), await BoundsAsync(7, 1));
        Assert.Equal(new LogBounds(0, 0), await BoundsAsync(8, 2));
    }

    [Fact]
    public async Task Reads_start_at_the_batch_holding_the_offset_and_stop_at_the_count_or_the_byte_cap_but_return_at_least_one_batch()
    {
        // Twenty batches of one record, then one batch of ten.
        await AppendAsync(3, 0, Enumerable.Range(0, 20).Select(i => Record(i, 5000 + i, "key", new string('x', 100))).ToArray());
        await AppendAsync(3, 0, Enumerable.Range(20, 10).Select(i => Record(i, 6000, "key", "y")).ToArray());
        var size = (await Log.ReadAsync(3, 0, 0, 1, 1 << 20))[0].SizeInBytes;

        Assert.Equal([5L, 6, 7], (await Log.ReadAsync(3, 0, 5, 3, 1 << 20)).Select(b => b.BaseOffset));
        Assert.Equal([10L, 11], (await Log.ReadAsync(3, 0, 10, 100, 2 * size + size / 2)).Select(b => b.BaseOffset));
        // A cap smaller than one batch still returns that batch.
        Assert.Equal([19L], (await Log.ReadAsync(3, 0, 19, 100, 1)).Select(b => b.BaseOffset));
        // An offset inside a batch reads the whole batch; the reader skips what comes before.
        var inside = await Log.ReadAsync(3, 0, 25, 2, 1 << 20);
        Assert.Equal((20L, 29L), (Assert.Single(inside).BaseOffset, inside[0].LastOffset));
        Assert.Equal([25L, 26, 27, 28, 29], (await RecordsAsync(3, 0, 25)).Select(r => r.Offset));
        Assert.Empty(await Log.ReadAsync(3, 0, 30, 100, 1 << 20));
    }

    [Fact]
    public async Task An_append_not_at_the_log_end_is_refused_as_a_stale_writer_naming_both_offsets_and_nothing_is_written()
    {
        await AppendAsync(4, 0, [Record(0, 1), Record(1, 1)]);

        // Another writer (a second activation of the partition) got there first: refused, never forked.
        var behind = await Assert.ThrowsAsync<StaleWriterException>(() => AppendAsync(4, 0, [Record(1, 2)]));
        Assert.Equal(("topic 4 partition 0", 1L, 2L, 2L), (behind.Partition, behind.BaseOffset, behind.NextOffset, behind.StoredEndOffset));
        Assert.Contains("at offsets 1 to 1 was refused because the stored log ends at 2", behind.Message);
        var ahead = await Assert.ThrowsAsync<StaleWriterException>(() => AppendAsync(4, 0, [Record(5, 2)]));
        Assert.Equal((5L, 2L), (ahead.BaseOffset, ahead.StoredEndOffset));
        var first = await Assert.ThrowsAsync<StaleWriterException>(() => AppendAsync(4, 9, [Record(3, 2)]));
        Assert.Equal(0, first.StoredEndOffset);
        // Batches of one append that do not follow one another are refused before the store is touched.
        var gap = await Assert.ThrowsAsync<ArgumentException>(() => AppendAsync(4, 0, [Record(2, 3), Record(4, 4)]));
        Assert.Contains("follow one another", gap.Message);

        Assert.Equal(new LogBounds(0, 2), await BoundsAsync(4, 0));
        Assert.Equal(2, (await RecordsAsync(4, 0, 0)).Count);
        await AppendAsync(4, 0, [Record(2, 3)]);
        Assert.Equal(new LogBounds(0, 3), await BoundsAsync(4, 0));
    }

    [Fact]
    public async Task Concurrent_appends_at_the_same_offset_let_exactly_one_win()
    {
        await AppendAsync(5, 0, [Record(0, 1)]);
        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(() => AppendAsync(5, 0, [Record(1, 2), Record(2, 2)]))).ToArray();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try { await t; return true; }
            catch (StaleWriterException) { return false; }
        }));

        Assert.Equal(1, outcomes.Count(ok => ok));
        Assert.Equal(new LogBounds(0, 3), await BoundsAsync(5, 0));
        Assert.Equal([0L, 1, 2], (await RecordsAsync(5, 0, 0)).Select(r => r.Offset));
    }

    [Fact]
    public async Task Offset_for_time_is_the_first_offset_at_or_after_the_timestamp()
    {
        await AppendAsync(6, 1, [Record(0, 100), Record(1, 200), Record(2, 200), Record(3, 300)]);

        Assert.Equal(0L, await Log.GetOffsetForTimeAsync(6, 1, 50));
        Assert.Equal(0L, await Log.GetOffsetForTimeAsync(6, 1, 100));
        Assert.Equal(1L, await Log.GetOffsetForTimeAsync(6, 1, 101));
        Assert.Equal(1L, await Log.GetOffsetForTimeAsync(6, 1, 200));
        Assert.Equal(3L, await Log.GetOffsetForTimeAsync(6, 1, 250));
        Assert.Null(await Log.GetOffsetForTimeAsync(6, 1, 301));
    }

    [Fact]
    public async Task Retention_deletes_older_batches_moves_the_log_start_and_keeps_the_end()
    {
        await AppendAsync(9, 0, [Record(0, 100), Record(1, 200), Record(2, 300), Record(3, 400)]);

        Assert.Equal(new LogBounds(0, 4), await Log.DeleteBeforeAsync(9, 0, 100));
        Assert.Equal(new LogBounds(2, 4), await Log.DeleteBeforeAsync(9, 0, 250));
        Assert.Equal(new LogBounds(2, 4), await BoundsAsync(9, 0));
        Assert.Equal([2L, 3], (await RecordsAsync(9, 0, 0)).Select(r => r.Offset));
        // Retention never moves the start back.
        Assert.Equal(new LogBounds(2, 4), await Log.DeleteBeforeAsync(9, 0, 150));

        // Everything expired: the log is empty but its end stays, so offsets never repeat.
        Assert.Equal(new LogBounds(4, 4), await Log.DeleteBeforeAsync(9, 0, 10_000));
        Assert.Empty(await Log.ReadAsync(9, 0, 0, 100, 1 << 20));
        await AppendAsync(9, 0, [Record(4, 20_000)]);
        Assert.Equal(new LogBounds(4, 5), await BoundsAsync(9, 0));
        // A partition never written stays (0, 0).
        Assert.Equal(new LogBounds(0, 0), await Log.DeleteBeforeAsync(9, 3, 10_000));
    }

    [Fact]
    public async Task Compaction_keeps_the_newest_record_per_key_and_drops_tombstones_and_keyless_records()
    {
        await AppendAsync(9, 0,
        [
            Record(0, 100, "alice", "v1"), Record(1, 100, "bob", "v1"), Record(2, 100, "alice", "v2"),
            Record(3, 100, "carol", "v1"), Record(4, 100, "bob", null), Record(5, 100, null, "no key"),
            Record(6, 900, "alice", "v3"),
        ]);

        var bounds = await Log.CompactBeforeAsync(9, 0, 500);

        Assert.Equal(new LogBounds(3, 7), bounds);
        var kept = await RecordsAsync(9, 0, 0);
        Assert.Equal([3L, 6L], kept.Select(r => r.Offset)); // carol v1, alice v3 (newer than the cutoff anyway)
        Assert.Equal(bounds, await BoundsAsync(9, 0));
        // The rewritten batch keeps its place in the log and a valid checksum.
        var batches = await Log.ReadAsync(9, 0, 0, 100, 1 << 20);
        Assert.Equal([(0L, 5L, 1), (6L, 6L, 1)], batches.Select(b => (b.BaseOffset, b.LastOffset, b.RecordCount)));
        Assert.All(batches, b => Assert.True(b.HasValidChecksum));
        // Appends go on after the end.
        await AppendAsync(9, 0, [Record(7, 1000, "bob", "v2")]);
        Assert.Equal([3L, 6, 7], (await RecordsAsync(9, 0, 0)).Select(r => r.Offset));
    }

    [Fact]
    public async Task A_large_batch_is_one_append()
    {
        var records = Enumerable.Range(0, 5000).Select(i => Record(i, 1000 + i / 100, $"key-{i % 20}", $"payload-{i}")).ToArray();
        await AppendAsync(10, 0, records);

        Assert.Equal(new LogBounds(0, 5000), await BoundsAsync(10, 0));
        var read = await RecordsAsync(10, 0, 4990);
        Assert.Equal(10, read.Count);
        Assert.Equal("payload-4999", System.Text.Encoding.UTF8.GetString(read[^1].Payload!));
    }

    [Fact]
    public async Task Appends_to_many_partitions_at_once_commit_together_each_log_gapless_and_a_refused_one_fails_alone()
    {
        // Ten rounds of 200 concurrent partition appends: the queue groups them into shared transactions.
        for (var round = 0; round < 10; round++)
        {
            var appends = Enumerable.Range(0, 200).Select(p => AppendAsync(20, p, [Record(round * 3, round), Record(round * 3 + 1, round), Record(round * 3 + 2, round)])).ToList();
            // One append in the crowd starts at the wrong offset: it alone is refused.
            var wrong = AppendAsync(21, 0, [Record(round + 5, round)]);
            await Task.WhenAll(appends);
            var refused = await Assert.ThrowsAsync<StaleWriterException>(() => wrong);
            Assert.Equal(round + 5, refused.BaseOffset);
        }
        foreach (var p in new[] { 0, 57, 199 })
        {
            Assert.Equal(new LogBounds(0, 30), await BoundsAsync(20, p));
            Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), (await RecordsAsync(20, p, 0)).Select(r => r.Offset));
        }
        Assert.Equal(new LogBounds(0, 0), await BoundsAsync(21, 0));
    }

    [Fact]
    public async Task Offset_for_time_and_retention_work_across_compaction_gaps()
    {
        await AppendAsync(22, 0,
        [
            Record(0, 100, "a", "1"), Record(1, 200, "b", "1"), Record(2, 200, "a", "2"), Record(3, 300, "b", "2"),
            Record(4, 300, "c", "1"), Record(5, 400, "a", "3"),
        ]);
        Assert.Equal(new LogBounds(3, 6), await Log.CompactBeforeAsync(22, 0, 350));
        Assert.Equal([3L, 4, 5], (await RecordsAsync(22, 0, 0)).Select(r => r.Offset));
        Assert.Equal(3L, await Log.GetOffsetForTimeAsync(22, 0, 0));
        Assert.Equal(5L, await Log.GetOffsetForTimeAsync(22, 0, 301));
        Assert.Null(await Log.GetOffsetForTimeAsync(22, 0, 401));
        Assert.Equal(new LogBounds(5, 6), await Log.DeleteBeforeAsync(22, 0, 301));
    }

    [Fact]
    public async Task Producers_last_batches_are_kept_with_the_appends_replaced_per_producer_and_trimmed_to_the_newest()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await AppendAsync(9, 0, [Record(0, 1000), Record(1, 1000)], [new ProducerState(a, 0, 0), new ProducerState(b, 0, 1)]);
        await AppendAsync(9, 0, [Record(2, 1000)], [new ProducerState(a, 1, 2)]);
        await AppendAsync(9, 0, [Record(3, 1000)], [new ProducerState(c, 5, 3)]);
        await AppendAsync(9, 1, [Record(0, 1000)], [new ProducerState(a, 9, 0)]); // another partition: its own rows

        Assert.Equal([new ProducerState(b, 0, 1), new ProducerState(a, 1, 2), new ProducerState(c, 5, 3)], await ProducersAsync(9, 0, 10));
        Assert.Equal([new ProducerState(a, 1, 2), new ProducerState(c, 5, 3)], await ProducersAsync(9, 0, 2));

        // A refused append stores nothing of its producers either.
        await Assert.ThrowsAsync<StaleWriterException>(() => AppendAsync(9, 0, [Record(9, 1000)], [new ProducerState(b, 1, 9)]));
        await Log.TrimProducersAsync(9, 0, keep: 1);
        Assert.Equal([new ProducerState(c, 5, 3)], await ProducersAsync(9, 0, 10));
        Assert.Equal([new ProducerState(a, 9, 0)], await ProducersAsync(9, 1, 10));
    }

    [Fact]
    public async Task An_empty_key_or_payload_reads_back_empty_and_a_missing_one_null()
    {
        await AppendAsync(32, 0, [new TestRecord(0, 1000, [], [], []), new TestRecord(1, 1000, null, null, null)]);

        var read = await RecordsAsync(32, 0, 0);
        Assert.All(new[] { read[0].Key, read[0].Payload }, value => Assert.Empty(Assert.IsType<byte[]>(value)));
        Assert.All(new[] { read[1].Key, read[1].Payload }, Assert.Null);
        // A batch has no "no headers" apart from zero of them: both read back as none.
        Assert.Null(read[0].Headers);
        Assert.Null(read[1].Headers);
    }

    [Fact]
    public async Task Loading_a_partition_reads_its_bounds_newest_producers_and_newest_timestamp_in_one_call()
    {
        var empty = await Log.LoadPartitionAsync(31, 0, 10);
        Assert.Equal(new LogBounds(0, 0), empty.Bounds);
        Assert.Empty(empty.Producers);
        Assert.Null(empty.LastTimestampMs);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await AppendAsync(31, 0, [Record(0, 1000), Record(1, 1500)], [new ProducerState(a, 0, 0)]);
        await AppendAsync(31, 0, [Record(2, 2500)], [new ProducerState(b, 3, 2)]);
        await AppendAsync(31, 1, [Record(0, 9000)]); // another partition: not read

        var start = await Log.LoadPartitionAsync(31, 0, 10);
        Assert.Equal(new LogBounds(0, 3), start.Bounds);
        Assert.Equal([new ProducerState(a, 0, 0), new ProducerState(b, 3, 2)], start.Producers);
        Assert.Equal(2500, start.LastTimestampMs);
        Assert.Equal([new ProducerState(b, 3, 2)], (await Log.LoadPartitionAsync(31, 0, 1)).Producers);

        // Retention leaves the bounds it moved and the newest timestamp; an emptied log has none.
        await Log.DeleteBeforeAsync(31, 0, 2000);
        Assert.Equal((new LogBounds(2, 3), 2500L), await BoundsAndNewestAsync(31, 0));
        await Log.DeleteBeforeAsync(31, 0, 3000);
        Assert.Equal((new LogBounds(3, 3), (long?)null), await BoundsAndNewestAsync(31, 0));
    }

    private async Task<(LogBounds, long?)> BoundsAndNewestAsync(long topicId, int partition)
    {
        var start = await Log.LoadPartitionAsync(topicId, partition, 10);
        return (start.Bounds, start.LastTimestampMs);
    }
}

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

    protected static LogRecord Record(long offset, long timestampMs, string? key = "k", string? payload = "v", byte[]? headers = null) =>
        new(offset, timestampMs, key is null ? null : System.Text.Encoding.UTF8.GetBytes(key),
            payload is null ? null : System.Text.Encoding.UTF8.GetBytes(payload), headers);

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
    public async Task Appended_records_read_back_with_every_field_and_move_the_log_end()
    {
        var headers = HeaderCodec.Encode([new MessageHeader("container", "web-1")]);
        await Log.AppendAsync(7, 2, [Record(0, 1000, "a", "one", headers), Record(1, 1000, null, null), Record(2, 1001, "c", "three")]);
        await Log.AppendAsync(7, 2, [Record(3, 1002, "d", "four")]);

        Assert.Equal(new LogBounds(0, 4), await BoundsAsync(7, 2));
        var read = await Log.ReadAsync(7, 2, 0, 100, 1 << 20);
        Assert.Equal([0L, 1, 2, 3], read.Select(r => r.Offset));
        Assert.Equal("one", System.Text.Encoding.UTF8.GetString(read[0].Payload!));
        Assert.Equal(headers, read[0].Headers);
        Assert.Null(read[1].Key);
        Assert.Null(read[1].Payload);
        Assert.Null(read[1].Headers);
        Assert.Equal(1001, read[2].TimestampMs);
        // Other partitions and topics are untouched.
        Assert.Equal(new LogBounds(0, 0), await BoundsAsync(7, 1));
        Assert.Equal(new LogBounds(0, 0), await BoundsAsync(8, 2));
    }

    [Fact]
    public async Task Reads_start_at_the_offset_and_stop_at_the_count_or_the_byte_cap_but_return_at_least_one()
    {
        var records = Enumerable.Range(0, 20).Select(i => Record(i, 5000 + i, "key", new string('x', 100))).ToArray();
        await Log.AppendAsync(3, 0, records);

        Assert.Equal([5L, 6, 7], (await Log.ReadAsync(3, 0, 5, 3, 1 << 20)).Select(r => r.Offset));
        // Each record counts 3 (key) + 100 (payload) = 103 bytes: 250 bytes hold two of them.
        Assert.Equal([10L, 11], (await Log.ReadAsync(3, 0, 10, 100, 250)).Select(r => r.Offset));
        // A cap smaller than one record still returns that record.
        Assert.Equal([19L], (await Log.ReadAsync(3, 0, 19, 100, 1)).Select(r => r.Offset));
        Assert.Empty(await Log.ReadAsync(3, 0, 20, 100, 1 << 20));
    }

    [Fact]
    public async Task An_append_not_at_the_log_end_is_refused_naming_both_offsets_and_nothing_is_written()
    {
        await Log.AppendAsync(4, 0, [Record(0, 1), Record(1, 1)]);

        var behind = await Assert.ThrowsAsync<StoreUnavailableException>(() => Log.AppendAsync(4, 0, [Record(1, 2)]));
        Assert.Contains("at offset 1 refused", behind.Message);
        Assert.Contains("the stored log ends at 2", behind.Message);
        var ahead = await Assert.ThrowsAsync<StoreUnavailableException>(() => Log.AppendAsync(4, 0, [Record(5, 2)]));
        Assert.Contains("at offset 5 refused", ahead.Message);
        var first = await Assert.ThrowsAsync<StoreUnavailableException>(() => Log.AppendAsync(4, 9, [Record(3, 2)]));
        Assert.Contains("the stored log ends at 0", first.Message);

        Assert.Equal(new LogBounds(0, 2), await BoundsAsync(4, 0));
        Assert.Equal(2, (await Log.ReadAsync(4, 0, 0, 100, 1 << 20)).Count);
        await Log.AppendAsync(4, 0, [Record(2, 3)]);
        Assert.Equal(new LogBounds(0, 3), await BoundsAsync(4, 0));
    }

    [Fact]
    public async Task Concurrent_appends_at_the_same_offset_let_exactly_one_win()
    {
        await Log.AppendAsync(5, 0, [Record(0, 1)]);
        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Log.AppendAsync(5, 0, [Record(1, 2), Record(2, 2)]))).ToArray();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try { await t; return true; }
            catch (StoreUnavailableException) { return false; }
        }));

        Assert.Equal(1, outcomes.Count(ok => ok));
        Assert.Equal(new LogBounds(0, 3), await BoundsAsync(5, 0));
        Assert.Equal([0L, 1, 2], (await Log.ReadAsync(5, 0, 0, 100, 1 << 20)).Select(r => r.Offset));
    }

    [Fact]
    public async Task Offset_for_time_is_the_first_offset_at_or_after_the_timestamp()
    {
        await Log.AppendAsync(6, 1, [Record(0, 100), Record(1, 200), Record(2, 200), Record(3, 300)]);

        Assert.Equal(0L, await Log.GetOffsetForTimeAsync(6, 1, 50));
        Assert.Equal(0L, await Log.GetOffsetForTimeAsync(6, 1, 100));
        Assert.Equal(1L, await Log.GetOffsetForTimeAsync(6, 1, 101));
        Assert.Equal(1L, await Log.GetOffsetForTimeAsync(6, 1, 200));
        Assert.Equal(3L, await Log.GetOffsetForTimeAsync(6, 1, 250));
        Assert.Null(await Log.GetOffsetForTimeAsync(6, 1, 301));
    }

    [Fact]
    public async Task Retention_deletes_older_records_moves_the_log_start_and_keeps_the_end()
    {
        await Log.AppendAsync(9, 0, [Record(0, 100), Record(1, 200), Record(2, 300), Record(3, 400)]);

        Assert.Equal(new LogBounds(0, 4), await Log.DeleteBeforeAsync(9, 0, 100));
        Assert.Equal(new LogBounds(2, 4), await Log.DeleteBeforeAsync(9, 0, 250));
        Assert.Equal(new LogBounds(2, 4), await BoundsAsync(9, 0));
        Assert.Equal([2L, 3], (await Log.ReadAsync(9, 0, 0, 100, 1 << 20)).Select(r => r.Offset));
        // Retention never moves the start back.
        Assert.Equal(new LogBounds(2, 4), await Log.DeleteBeforeAsync(9, 0, 150));

        // Everything expired: the log is empty but its end stays, so offsets never repeat.
        Assert.Equal(new LogBounds(4, 4), await Log.DeleteBeforeAsync(9, 0, 10_000));
        Assert.Empty(await Log.ReadAsync(9, 0, 0, 100, 1 << 20));
        await Log.AppendAsync(9, 0, [Record(4, 20_000)]);
        Assert.Equal(new LogBounds(4, 5), await BoundsAsync(9, 0));
        // A partition never written stays (0, 0).
        Assert.Equal(new LogBounds(0, 0), await Log.DeleteBeforeAsync(9, 3, 10_000));
    }

    [Fact]
    public async Task Compaction_keeps_the_newest_record_per_key_and_drops_tombstones_and_keyless_records()
    {
        await Log.AppendAsync(9, 0,
        [
            Record(0, 100, "alice", "v1"), Record(1, 100, "bob", "v1"), Record(2, 100, "alice", "v2"),
            Record(3, 100, "carol", "v1"), Record(4, 100, "bob", null), Record(5, 100, null, "no key"),
            Record(6, 900, "alice", "v3"),
        ]);

        var bounds = await Log.CompactBeforeAsync(9, 0, 500);

        Assert.Equal(new LogBounds(3, 7), bounds);
        var kept = await Log.ReadAsync(9, 0, 0, 100, 1 << 20);
        Assert.Equal([3L, 6L], kept.Select(r => r.Offset)); // carol v1, alice v3 (newer than the cutoff anyway)
        Assert.Equal(bounds, await BoundsAsync(9, 0));
    }

    [Fact]
    public async Task A_large_batch_is_one_append()
    {
        var records = Enumerable.Range(0, 5000).Select(i => Record(i, 1000 + i / 100, $"key-{i % 20}", $"payload-{i}")).ToArray();
        await Log.AppendAsync(10, 0, records);

        Assert.Equal(new LogBounds(0, 5000), await BoundsAsync(10, 0));
        var read = await Log.ReadAsync(10, 0, 4990, 100, 1 << 20);
        Assert.Equal(10, read.Count);
        Assert.Equal("payload-4999", System.Text.Encoding.UTF8.GetString(read[^1].Payload!));
    }

    [Fact]
    public async Task Appends_to_many_partitions_at_once_commit_together_each_log_gapless_and_a_refused_one_fails_alone()
    {
        // Ten rounds of 200 concurrent partition appends: the queue groups them into shared transactions.
        for (var round = 0; round < 10; round++)
        {
            var appends = Enumerable.Range(0, 200).Select(p => Log.AppendAsync(20, p, [Record(round * 3, round), Record(round * 3 + 1, round), Record(round * 3 + 2, round)])).ToList();
            // One append in the crowd starts at the wrong offset: it alone is refused.
            var wrong = Log.AppendAsync(21, 0, [Record(round + 5, round)]);
            await Task.WhenAll(appends);
            var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => wrong);
            Assert.Contains("refused", refused.Message);
        }
        foreach (var p in new[] { 0, 57, 199 })
        {
            Assert.Equal(new LogBounds(0, 30), await BoundsAsync(20, p));
            Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), (await Log.ReadAsync(20, p, 0, 100, 1 << 20)).Select(r => r.Offset));
        }
        Assert.Equal(new LogBounds(0, 0), await BoundsAsync(21, 0));
    }

    [Fact]
    public async Task Offset_for_time_and_retention_work_across_compaction_gaps()
    {
        await Log.AppendAsync(22, 0,
        [
            Record(0, 100, "a", "1"), Record(1, 200, "b", "1"), Record(2, 200, "a", "2"), Record(3, 300, "b", "2"),
            Record(4, 300, "c", "1"), Record(5, 400, "a", "3"),
        ]);
        Assert.Equal(new LogBounds(3, 6), await Log.CompactBeforeAsync(22, 0, 350));
        Assert.Equal([3L, 4, 5], (await Log.ReadAsync(22, 0, 0, 100, 1 << 20)).Select(r => r.Offset));
        Assert.Equal(3L, await Log.GetOffsetForTimeAsync(22, 0, 0));
        Assert.Equal(5L, await Log.GetOffsetForTimeAsync(22, 0, 301));
        Assert.Null(await Log.GetOffsetForTimeAsync(22, 0, 401));
        Assert.Equal(new LogBounds(5, 6), await Log.DeleteBeforeAsync(22, 0, 301));
    }

    [Fact]
    public async Task Producers_last_batches_are_kept_with_the_appends_replaced_per_producer_and_trimmed_to_the_newest()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Log.AppendAsync(9, 0, [Record(0, 1000), Record(1, 1000)], [new ProducerState(a, 0, 0), new ProducerState(b, 0, 1)]);
        await Log.AppendAsync(9, 0, [Record(2, 1000)], [new ProducerState(a, 1, 2)]);
        await Log.AppendAsync(9, 0, [Record(3, 1000)], [new ProducerState(c, 5, 3)]);
        await Log.AppendAsync(9, 1, [Record(0, 1000)], [new ProducerState(a, 9, 0)]); // another partition: its own rows

        Assert.Equal([new ProducerState(b, 0, 1), new ProducerState(a, 1, 2), new ProducerState(c, 5, 3)], await ProducersAsync(9, 0, 10));
        Assert.Equal([new ProducerState(a, 1, 2), new ProducerState(c, 5, 3)], await ProducersAsync(9, 0, 2));

        // A refused append stores nothing of its producers either.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => Log.AppendAsync(9, 0, [Record(9, 1000)], [new ProducerState(b, 1, 9)]));
        await Log.TrimProducersAsync(9, 0, keep: 1);
        Assert.Equal([new ProducerState(c, 5, 3)], await ProducersAsync(9, 0, 10));
        Assert.Equal([new ProducerState(a, 9, 0)], await ProducersAsync(9, 1, 10));
    }

    [Fact]
    public async Task An_empty_key_payload_or_headers_reads_back_empty_and_a_missing_one_null()
    {
        await Log.AppendAsync(32, 0, [new LogRecord(0, 1000, [], [], []), new LogRecord(1, 1000, null, null, null)]);

        var read = await Log.ReadAsync(32, 0, 0, 10, 1 << 20);
        Assert.All(new[] { read[0].Key, read[0].Payload, read[0].Headers }, value => Assert.Empty(Assert.IsType<byte[]>(value)));
        Assert.All(new[] { read[1].Key, read[1].Payload, read[1].Headers }, Assert.Null);
    }

    [Fact]
    public async Task Loading_a_partition_reads_its_bounds_newest_producers_and_newest_timestamp_in_one_call()
    {
        var empty = await Log.LoadPartitionAsync(31, 0, 10);
        Assert.Equal(new LogBounds(0, 0), empty.Bounds);
        Assert.Empty(empty.Producers);
        Assert.Null(empty.LastTimestampMs);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await Log.AppendAsync(31, 0, [Record(0, 1000), Record(1, 1500)], [new ProducerState(a, 0, 0)]);
        await Log.AppendAsync(31, 0, [Record(2, 2500)], [new ProducerState(b, 3, 2)]);
        await Log.AppendAsync(31, 1, [Record(0, 9000)]); // another partition: not read

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

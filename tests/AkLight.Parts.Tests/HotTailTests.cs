using AkLight.Records;

namespace AkLight.Parts.Tests;

public sealed class HotTailTests
{
    private static readonly TopicPartition Partition = new("t", 0);

    /// <summary>A batch of <paramref name="count"/> records from <paramref name="from"/>, each with a payload of <paramref name="payloadBytes"/>.</summary>
    private static RecordBatch Batch(long from, int count = 1, int payloadBytes = 10) =>
        RecordBatchWriter.Write(Enumerable.Range(0, count).Select(_ => new ProduceRecord(null, new byte[payloadBytes])).ToArray(), from, 1000);

    private static IEnumerable<RecordBatch> Singles(long from, int count, int payloadBytes = 10) =>
        Enumerable.Range(0, count).Select(i => Batch(from + i, 1, payloadBytes));

    /// <summary>The offsets a read from the tail gives a reader, which skips what comes before <paramref name="from"/>.</summary>
    private static List<long> Read(HotTail tail, long from, int maxCount = int.MaxValue, int maxBytes = int.MaxValue)
    {
        Assert.True(tail.TryRead(from, maxCount, maxBytes, out var read));
        return RecordBatchMessages.Read(read, Partition, from, long.MaxValue, maxCount, int.MaxValue).Select(m => m.Offset).ToList();
    }

    [Fact]
    public void Keeps_at_most_the_configured_number_of_newest_records_in_whole_batches()
    {
        var tail = new HotTail(maxRecords: 100, maxBytes: long.MaxValue);
        tail.Add(Singles(0, 250));
        Assert.Equal(100, tail.Count);
        Assert.Equal(150, tail.FirstOffset);
        Assert.Equal(Enumerable.Range(200, 10).Select(i => (long)i), Read(tail, 200, 10));
        // A batch larger than the bound is kept alone: the newest data is always there.
        tail.Add([Batch(250, 300)]);
        Assert.Equal((300L, 250L), (tail.Count, tail.FirstOffset!.Value));
    }

    [Fact]
    public void Keeps_at_most_the_configured_bytes()
    {
        var size = Batch(0, 1, 100).SizeInBytes;
        var tail = new HotTail(maxRecords: 1000, maxBytes: 10 * size);
        tail.Add(Singles(0, 50, payloadBytes: 100));
        Assert.Equal(10, tail.Count);
        Assert.Equal(40, tail.FirstOffset);
    }

    [Fact]
    public void A_read_below_the_tail_must_go_to_the_store()
    {
        var tail = new HotTail(10, long.MaxValue);
        Assert.False(tail.TryRead(0, 1, 100, out _));
        tail.Add(Singles(20, 10));
        Assert.False(tail.TryRead(19, 1, 100, out _));
        Assert.Empty(Read(tail, 30));
    }

    [Fact]
    public void A_read_starts_at_the_batch_holding_the_offset_and_stops_at_the_count_or_the_byte_limit_but_returns_at_least_one_batch()
    {
        var tail = new HotTail(1000, long.MaxValue);
        tail.Add([Batch(0, 20, payloadBytes: 100)]);
        tail.Add(Singles(20, 10, payloadBytes: 100));
        Assert.True(tail.TryRead(5, 3, int.MaxValue, out var inside));
        Assert.Equal([0L], inside.Select(b => b.BaseOffset)); // holds 5 to 19: more than the 3 asked
        Assert.Equal([5L, 6L, 7L], Read(tail, 5, maxCount: 3));
        Assert.True(tail.TryRead(20, 100, 1, out var bySize));
        Assert.Single(bySize);
        var size = Batch(0, 1, 100).SizeInBytes;
        Assert.True(tail.TryRead(22, 100, 2 * size + size / 2, out var twoFit));
        Assert.Equal([22L, 23L], twoFit.Select(b => b.BaseOffset));
    }

    [Fact]
    public void Trimming_follows_the_log_start_and_a_gap_resets_the_tail()
    {
        var tail = new HotTail(100, long.MaxValue);
        tail.Add(Singles(0, 10));
        tail.TrimBefore(4);
        Assert.Equal(4, tail.FirstOffset);
        tail.Add(Singles(50, 3)); // not contiguous: the old entries can no longer be trusted as "everything from 4"
        Assert.Equal(50, tail.FirstOffset);
        Assert.Equal(3, tail.Count);
    }

    [Fact]
    public void Wraps_around_the_ring_many_times_without_losing_order()
    {
        var tail = new HotTail(7, long.MaxValue);
        for (var i = 0; i < 100; i++) tail.Add([Batch(i)]);
        Assert.Equal(Enumerable.Range(93, 7).Select(i => (long)i), Read(tail, 93));
    }
}

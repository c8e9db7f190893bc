namespace AkLight.Parts.Tests;

public sealed class HotTailTests
{
    private static ConsumedMessage Message(long offset, int payloadBytes = 10) =>
        new("t", 0, offset, DateTimeOffset.UnixEpoch, null, new byte[payloadBytes], null);

    private static IEnumerable<ConsumedMessage> Range(long from, int count, int payloadBytes = 10) =>
        Enumerable.Range(0, count).Select(i => Message(from + i, payloadBytes));

    [Fact]
    public void Keeps_at_most_the_configured_number_of_newest_messages()
    {
        var tail = new HotTail(maxMessages: 100, maxBytes: long.MaxValue);
        tail.Add(Range(0, 250));
        Assert.Equal(100, tail.Count);
        Assert.Equal(150, tail.FirstOffset);
        Assert.True(tail.TryRead(200, 10, int.MaxValue, out var read));
        Assert.Equal(Enumerable.Range(200, 10).Select(i => (long)i), read.Select(m => m.Offset));
    }

    [Fact]
    public void Keeps_at_most_the_configured_bytes()
    {
        var tail = new HotTail(maxMessages: 1000, maxBytes: 10 * (64 + 100));
        tail.Add(Range(0, 50, payloadBytes: 100));
        Assert.Equal(10, tail.Count);
        Assert.Equal(40, tail.FirstOffset);
    }

    [Fact]
    public void A_read_below_the_tail_must_go_to_the_store()
    {
        var tail = new HotTail(10, long.MaxValue);
        Assert.False(tail.TryRead(0, 1, 100, out _));
        tail.Add(Range(20, 10));
        Assert.False(tail.TryRead(19, 1, 100, out _));
        Assert.True(tail.TryRead(30, 1, 100, out var atEnd));
        Assert.Empty(atEnd);
    }

    [Fact]
    public void A_read_stops_at_the_count_or_byte_limit_but_returns_at_least_one()
    {
        var tail = new HotTail(100, long.MaxValue);
        tail.Add(Range(0, 20, payloadBytes: 100));
        Assert.True(tail.TryRead(5, 3, int.MaxValue, out var byCount));
        Assert.Equal([5L, 6L, 7L], byCount.Select(m => m.Offset));
        Assert.True(tail.TryRead(5, 100, 1, out var bySize));
        Assert.Single(bySize);
    }

    [Fact]
    public void Trimming_follows_the_log_start_and_a_gap_resets_the_tail()
    {
        var tail = new HotTail(100, long.MaxValue);
        tail.Add(Range(0, 10));
        tail.TrimBefore(4);
        Assert.Equal(4, tail.FirstOffset);
        tail.Add(Range(50, 3)); // not contiguous: the old entries can no longer be trusted as "everything from 4"
        Assert.Equal(50, tail.FirstOffset);
        Assert.Equal(3, tail.Count);
    }

    [Fact]
    public void Wraps_around_the_ring_many_times_without_losing_order()
    {
        var tail = new HotTail(7, long.MaxValue);
        for (var i = 0; i < 100; i++) tail.Add([Message(i)]);
        Assert.True(tail.TryRead(93, 100, int.MaxValue, out var read));
        Assert.Equal(Enumerable.Range(93, 7).Select(i => (long)i), read.Select(m => m.Offset));
    }
}

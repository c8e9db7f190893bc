namespace AkLight.Parts.Tests.Metrics;

public sealed class BoundedBufferTests
{
    [Fact]
    public void Items_come_out_in_the_order_they_went_in()
    {
        var buffer = new BoundedBuffer<int>(10);
        foreach (var i in Enumerable.Range(1, 5)) buffer.Add(i);

        Assert.Equal([1, 2, 3], buffer.TakeOldest(3));
        Assert.Equal([4, 5], buffer.TakeOldest(10));
        Assert.Empty(buffer.TakeOldest(10));
        Assert.Equal(0, buffer.Dropped);
    }

    [Fact]
    public void A_full_buffer_drops_the_oldest_and_counts_each_drop()
    {
        var buffer = new BoundedBuffer<int>(3);
        foreach (var i in Enumerable.Range(1, 7)) buffer.Add(i);

        Assert.Equal(3, buffer.Count);
        Assert.Equal(4, buffer.Dropped);
        Assert.Equal([5, 6, 7], buffer.TakeOldest(10));
    }

    [Fact]
    public void Items_put_back_go_in_front_of_newer_ones_in_their_order()
    {
        var buffer = new BoundedBuffer<int>(10);
        foreach (var i in Enumerable.Range(1, 4)) buffer.Add(i);
        var taken = buffer.TakeOldest(3); // 1 2 3 in flight
        buffer.Add(5);

        buffer.ReturnToFront(taken); // the broker did not take them

        Assert.Equal([1, 2, 3, 4, 5], buffer.TakeOldest(10));
    }

    [Fact]
    public void Putting_back_into_a_buffer_that_filled_meanwhile_drops_the_oldest_put_back()
    {
        var buffer = new BoundedBuffer<int>(4);
        foreach (var i in Enumerable.Range(1, 4)) buffer.Add(i);
        var taken = buffer.TakeOldest(3); // 1 2 3 in flight, 4 waiting
        foreach (var i in Enumerable.Range(5, 2)) buffer.Add(i); // 4 5 6: room, nothing dropped yet

        buffer.ReturnToFront(taken); // 1 2 3 4 5 6 is two too many: 1 and 2 are the oldest

        Assert.Equal(2, buffer.Dropped);
        Assert.Equal([3, 4, 5, 6], buffer.TakeOldest(10));
    }

    [Fact]
    public async Task Waiting_for_items_completes_when_one_is_added()
    {
        var buffer = new BoundedBuffer<int>(2);
        var waiting = buffer.WaitForItemsAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        buffer.Add(1);

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(buffer.WaitForItemsAsync(CancellationToken.None).IsCompletedSuccessfully); // at once while not empty
    }

    [Fact]
    public async Task Waiting_for_items_stops_when_cancelled()
    {
        var buffer = new BoundedBuffer<int>(2);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => buffer.WaitForItemsAsync(cancel.Token));
    }

    [Fact]
    public void A_buffer_needs_room_for_one_item()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedBuffer<int>(0));
    }

    [Fact]
    public void Backoff_doubles_to_its_ceiling_and_starts_over_after_a_success()
    {
        var backoff = Backoff.ForDelivery();

        var delays = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalSeconds).ToArray();
        backoff.Reset();

        Assert.Equal([0.5, 1, 2, 4, 8, 10, 10], delays);
        Assert.Equal(0.5, backoff.Next().TotalSeconds);
    }
}

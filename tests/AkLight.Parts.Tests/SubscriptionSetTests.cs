namespace AkLight.Parts.Tests;

public sealed class SubscriptionSetTests
{
    private static readonly TopicPartition Partition = new("t", 0);

    [Fact]
    public void A_notification_that_beats_the_cursor_of_a_topic_being_added_is_kept()
    {
        var set = new SubscriptionSet();
        set.AddTopic("t");                       // the topic is being added: its partitions are being watched
        Assert.False(set.OnEnd(Partition, 5));   // data arrives before the cursor exists

        set.Add(Partition, new PartitionCursor(0, 0, null));

        Assert.True(set.HasReady);
        Assert.True(set.TryGet(Partition, out var cursor));
        Assert.Equal(5, cursor.KnownEnd);
    }

    [Fact]
    public void Notifications_for_topics_not_subscribed_are_ignored()
    {
        var set = new SubscriptionSet();
        Assert.False(set.OnEnd(Partition, 5));
        set.AddTopic("t");
        set.Add(Partition, new PartitionCursor(0, 0, null));
        Assert.False(set.HasReady);
    }

    [Fact]
    public void Ready_partitions_are_served_first_in_first_out_so_none_starves()
    {
        var set = new SubscriptionSet();
        for (var p = 0; p < 3; p++) set.Add(new TopicPartition("t", p), new PartitionCursor(0, 1, null));

        var first = set.TakeReady(2);
        Assert.Equal([0, 1], first.Select(p => p.Partition.Partition));
        // Still unread after the fetch: back in line, behind partition 2.
        foreach (var (p, _) in first) { set.TryGet(p, out var cursor); set.Moved(p, cursor); }
        Assert.Equal([2, 0, 1], set.TakeReady(10).Select(p => p.Partition.Partition));
        Assert.False(set.HasReady);
    }

    [Fact]
    public void A_fetch_takes_partitions_until_their_backlogs_fill_it()
    {
        var set = new SubscriptionSet();
        set.Add(new TopicPartition("t", 0), new PartitionCursor(0, 300, null));
        set.Add(new TopicPartition("t", 1), new PartitionCursor(10, 20, null));
        set.Add(new TopicPartition("t", 2), new PartitionCursor(0, 5_000, null));
        set.Add(new TopicPartition("t", 3), new PartitionCursor(0, 7, null));

        // 300 + 10 + the remaining 190 of partition 2's 5,000: each read stays as large as its backlog.
        Assert.Equal([(0, 300), (1, 10), (2, 190)], set.TakeReady(500).Select(t => (t.Partition.Partition, t.Allotment)));
        Assert.True(set.HasReady); // partition 3 waits for the next fetch
    }

    private static ConsumedMessage[] Messages(long from, int count) =>
        Enumerable.Range(0, count).Select(i => new ConsumedMessage("t", 0, from + i, DateTimeOffset.UnixEpoch, null, [1], null)).ToArray();

    [Fact]
    public void Pushed_messages_that_continue_from_the_position_are_delivered_without_a_read()
    {
        var set = new SubscriptionSet();
        var cursor = new PartitionCursor(10, 10, null);
        set.Add(Partition, cursor);

        Assert.True(set.OnData(Partition, 13, Messages(10, 3)));
        Assert.True(set.OnData(Partition, 15, Messages(13, 2)));
        Assert.Equal(5, set.PushedCount);

        var delivered = new List<ConsumedMessage>();
        Assert.Equal(4, set.TakePushed(Partition, cursor, 4, delivered));
        Assert.Equal([10L, 11, 12, 13], delivered.Select(m => m.Offset));
        Assert.Equal(14, cursor.Position);
        Assert.Equal(1, set.PushedCount);
    }

    [Fact]
    public void Pushed_messages_with_a_gap_before_them_are_left_to_a_read()
    {
        var set = new SubscriptionSet();
        var cursor = new PartitionCursor(0, 10, null); // 10 unread messages the session never saw pushed
        set.Add(Partition, cursor);

        Assert.True(set.OnData(Partition, 12, Messages(10, 2)));

        Assert.Equal(0, set.PushedCount);
        Assert.Equal(12, cursor.KnownEnd);
        Assert.Equal(0, set.TakePushed(Partition, cursor, 100, []));
    }

    [Fact]
    public void A_seek_back_drops_what_was_pushed_and_the_session_bound_is_kept()
    {
        var set = new SubscriptionSet();
        var cursor = new PartitionCursor(0, 0, null);
        set.Add(Partition, cursor);
        set.OnData(Partition, 3, Messages(0, 3));

        set.Seek(Partition, 2, 3);               // a seek forward skips what was pushed before it
        var delivered = new List<ConsumedMessage>();
        set.TakePushed(Partition, cursor, 10, delivered);
        Assert.Equal([2L], delivered.Select(m => m.Offset));

        set.OnData(Partition, 6, Messages(3, 3));
        set.Seek(Partition, 1, 6);               // a seek back: the pushed messages no longer start at the position
        Assert.Equal(0, set.TakePushed(Partition, cursor, 10, delivered));
        Assert.Equal(0, set.PushedCount);

        // More than the session may hold: only the end is recorded.
        var other = new TopicPartition("t", 1);
        set.Add(other, new PartitionCursor(0, 0, null));
        set.OnData(other, SubscriptionSet.MaxPushedMessages + 1, Messages(0, SubscriptionSet.MaxPushedMessages + 1));
        Assert.Equal(0, set.PushedCount);
    }

    [Fact]
    public void A_retried_fetch_goes_back_to_where_it_began_but_not_past_a_seek()
    {
        var set = new SubscriptionSet();
        var cursor = new PartitionCursor(0, 10, null);
        set.Add(Partition, cursor);

        set.BeginFetch(7);
        var taken = set.TakeReady(100);
        set.Delivered(Partition, cursor, new PartitionReadResult(Messages(0, 4), new LogBounds(0, 10)), 100, []);
        Assert.Equal(4, cursor.Position);

        // The answer was lost: the caller retries fetch 7, which starts where fetch 7 began.
        set.BeginFetch(7);
        Assert.Equal(0, cursor.Position);
        Assert.True(set.HasReady);

        // A seek in between sets the position explicitly: the retry must not undo it.
        set.TakeReady(100);
        set.Delivered(Partition, cursor, new PartitionReadResult(Messages(0, 4), new LogBounds(0, 10)), 100, []);
        set.Seek(Partition, 8, 10);
        set.BeginFetch(7);
        Assert.Equal(8, cursor.Position);
        Assert.Single(taken);
    }

    [Fact]
    public void A_read_moves_the_position_past_what_was_taken_and_an_empty_read_keeps_it_inside_the_log()
    {
        var set = new SubscriptionSet();
        var cursor = new PartitionCursor(0, 10, null);
        set.Add(Partition, cursor);
        var delivered = new List<ConsumedMessage>();

        set.Delivered(Partition, cursor, new PartitionReadResult(Messages(0, 5), new LogBounds(0, 12)), 3, delivered);
        Assert.Equal([0L, 1, 2], delivered.Select(m => m.Offset));
        Assert.Equal(3, cursor.Position);
        Assert.Equal(12, cursor.KnownEnd);
        Assert.True(set.HasReady); // still unread: back in line

        // Retention removed offsets 3 to 6: the empty read at those bounds continues at the earliest kept.
        set.Delivered(Partition, cursor, new PartitionReadResult([], new LogBounds(7, 12)), 100, delivered);
        Assert.Equal(7, cursor.Position);
    }

    [Fact]
    public void A_persistent_set_reports_only_the_partitions_whose_commit_changed()
    {
        var set = new SubscriptionSet { Persistent = true };
        for (var p = 0; p < 3; p++) set.Add(new TopicPartition("t", p), new PartitionCursor(p, 10, null));
        set.Add(new TopicPartition("u", 0), new PartitionCursor(0, 10, 4)); // brings its stored commit
        Assert.Equal([0, 1, 2], set.TakeCommitChanges().Select(p => p.Partition).Order()); // committed where reading starts

        set.Commit(new TopicPartition("t", 0), 0); // where it is already
        set.Commit(new TopicPartition("t", 1), 8);
        Assert.Equal([new TopicPartition("t", 1)], set.TakeCommitChanges());

        set.RemoveTopic("u");
        Assert.Equal([new TopicPartition("u", 0)], set.TakeCommitChanges());
        Assert.Empty(set.TakeCommitChanges());
    }

    [Fact]
    public void A_non_persistent_set_commits_in_memory_and_reports_nothing_to_store()
    {
        var set = new SubscriptionSet();
        set.Add(Partition, new PartitionCursor(0, 10, null));
        set.Commit(Partition, 3);

        Assert.True(set.TryGet(Partition, out var cursor));
        Assert.Equal(3, cursor.Committed);
        Assert.Empty(set.TakeCommitChanges());
    }
}

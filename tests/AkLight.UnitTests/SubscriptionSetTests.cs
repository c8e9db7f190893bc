using AkLight.Grains.Sessions;

namespace AkLight.UnitTests;

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
    public void Ready_partitions_rotate_so_none_starves()
    {
        var set = new SubscriptionSet();
        for (var p = 0; p < 3; p++) set.Add(new TopicPartition("t", p), new PartitionCursor(0, 1, null));
        var firsts = Enumerable.Range(0, 3).Select(_ => set.TakeReadyInTurn()[0].Partition).ToArray();
        Assert.Equal([0, 1, 2], firsts);
    }
}

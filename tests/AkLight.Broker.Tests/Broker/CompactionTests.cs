namespace AkLight.Broker.Tests.Broker;

public sealed class CompactionTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    [Fact]
    public async Task Compaction_keeps_the_newest_value_per_key_and_drops_tombstoned_keys()
    {
        var topic = TestTopics.Unique("compact/users");
        var grain = Client.GetGrain<ITopicGrain>(topic);
        await grain.CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1), Compact: true));
        await using (var producer = new Producer(Client))
        {
            foreach (var (key, value) in new (string, string?)[] { ("alice", "v1"), ("bob", "v1"), ("alice", "v2"), ("carol", "v1"), ("bob", null), ("alice", "v3") })
                await producer.ProduceAsync(topic, TestTopics.Utf8(key), value is null ? null : TestTopics.Utf8(value));
            await producer.ProduceAsync(topic, null, TestTopics.Utf8("no key"));
        }
        Fixture.Clock.Advance(TimeSpan.FromHours(2));
        await grain.SetRetentionAsync(TimeSpan.FromHours(1));
        var partition = Client.GetPartitionGrain(new TopicPartition(topic, 0));

        var bounds = await partition.EnforceRetentionAsync();
        var kept = (await partition.ReadAsync(bounds.StartOffset, 100, int.MaxValue)).Messages;

        Assert.Equal([("carol", "v1", 3L), ("alice", "v3", 5L)], kept.Select(m => (TestTopics.Text(m.Key), TestTopics.Text(m.Payload), m.Offset)));
        Assert.Equal(new LogBounds(3, 7), bounds); // offsets keep their numbers; the log end does not move
    }

    [Fact]
    public async Task A_topic_created_without_compaction_cannot_be_recreated_with_it()
    {
        var grain = Client.GetGrain<ITopicGrain>(TestTopics.Unique("compact/fixed"));
        await grain.CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1)));
        var error = await Assert.ThrowsAsync<AkLightException>(() => grain.CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1), Compact: true)));
        Assert.Contains("compaction", error.Message);
    }
}

namespace AkLight.Broker.Tests.Broker;

public sealed class RetentionTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    [Fact]
    public async Task The_retention_reminder_deletes_old_messages_and_moves_the_log_start()
    {
        var topic = await CreateTopicAsync("retention/short", 1, TimeSpan.FromSeconds(2));
        await using (var producer = new Producer(Client))
            await Task.WhenAll(Enumerable.Range(0, 5).Select(i => producer.ProduceAsync(topic, null, TestTopics.Utf8($"old{i}"))));
        var partition = Client.GetPartitionGrain(new TopicPartition(topic, 0));

        // The messages are a minute old at once; nobody calls the partition, so only its reminder (every 1 s,
        // a quarter of 2 s clamped to the 1 s floor) can delete them.
        Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var bounds = await partition.GetBoundsAsync();
        while (bounds.StartOffset < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            bounds = await partition.GetBoundsAsync();
        }
        Assert.Equal(new LogBounds(5, 5), bounds);

        var error = await Assert.ThrowsAsync<OffsetOutOfRangeException>(() => partition.ReadAsync(0, 10, 1024));
        Assert.Equal(5, error.Bounds.StartOffset);
        Assert.Contains("earliest available", error.Message);

        // Offsets continue after retention emptied the log; they are never reused.
        await using var again = new Producer(Client);
        Assert.Equal(5, (await again.ProduceAsync(topic, null, TestTopics.Utf8("new"))).Offset);
    }

    [Fact]
    public async Task Retention_keeps_messages_younger_than_the_retention_period()
    {
        await using var producer = new Producer(Client);
        var (topic, grain) = await TopicWithThreeOldMessagesAsync("retention/mixed", producer);
        Fixture.Clock.Advance(TimeSpan.FromHours(2));
        for (var i = 0; i < 2; i++) await producer.ProduceAsync(topic, null, TestTopics.Utf8($"young{i}"));

        // An hour later the old messages are two hours old and the young ones one: only the old go.
        Fixture.Clock.Advance(TimeSpan.FromHours(1));
        await grain.SetRetentionAsync(TimeSpan.FromHours(1.5));
        var bounds = await Client.GetPartitionGrain(new TopicPartition(topic, 0)).EnforceRetentionAsync();
        Assert.Equal(new LogBounds(3, 5), bounds);
    }

    [Fact]
    public async Task A_session_behind_the_log_start_continues_at_the_earliest_message_kept()
    {
        await using var producer = new Producer(Client);
        var (topic, grain) = await TopicWithThreeOldMessagesAsync("retention/behind", producer);
        var session = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("behind"), new SessionOptions([topic], false, StartPosition.Earliest));
        Fixture.Clock.Advance(TimeSpan.FromHours(2));
        await producer.ProduceAsync(topic, null, TestTopics.Utf8("young"));
        await grain.SetRetentionAsync(TimeSpan.FromHours(1));
        await Client.GetPartitionGrain(new TopicPartition(topic, 0)).EnforceRetentionAsync();

        var received = await session.FetchAtLeastAsync(1);
        Assert.Equal(["young"], received.Select(m => TestTopics.Text(m.Payload)));
    }

    /// <summary>A one-partition topic holding <c>old0</c>..<c>old2</c>, sent through <paramref name="producer"/>.</summary>
    private async Task<(string Topic, ITopicGrain Grain)> TopicWithThreeOldMessagesAsync(string prefix, Producer producer)
    {
        var topic = await CreateTopicAsync(prefix, 1);
        for (var i = 0; i < 3; i++) await producer.ProduceAsync(topic, null, TestTopics.Utf8($"old{i}"));
        return (topic, Client.GetGrain<ITopicGrain>(topic));
    }
}

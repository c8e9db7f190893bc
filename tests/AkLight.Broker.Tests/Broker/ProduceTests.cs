namespace AkLight.Broker.Tests.Broker;

public sealed class ProduceTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    [Fact]
    public async Task Messages_with_one_key_land_on_one_partition_in_send_order_for_many_keys()
    {
        var topic = TestTopics.Unique("order/keys");
        await using var producer = new Producer(Client, new ProducerOptions { Linger = TimeSpan.FromMilliseconds(2), BatchSize = 100 });
        var sends = new List<(string Key, int Sequence, Task<DeliveryResult> Ack)>();
        for (var sequence = 0; sequence < 40; sequence++)
            for (var k = 0; k < 50; k++)
                sends.Add(($"key-{k}", sequence, producer.ProduceAsync(topic, $"key-{k}", $"{sequence}")));
        await Task.WhenAll(sends.Select(s => s.Ack));

        foreach (var perKey in sends.GroupBy(s => s.Key))
        {
            var acks = perKey.Select(s => s.Ack.Result).ToList();
            var expectedPartition = KeyPartitioner.PartitionFor(TestTopics.Utf8(perKey.Key), 4);
            Assert.All(acks, a => Assert.Equal(expectedPartition, a.Partition));
            Assert.Equal(acks.Select(a => a.Offset).Order(), acks.Select(a => a.Offset)); // offsets grow in send order
        }

        // What the log holds matches the acknowledgements, offsets gapless from 0.
        for (var partition = 0; partition < 4; partition++)
        {
            var grain = Client.GetPartitionGrain(new TopicPartition(topic, partition));
            var bounds = await grain.GetBoundsAsync();
            var read = await grain.ReadAsync(0, 10_000, int.MaxValue);
            Assert.Equal(bounds.EndOffset, read.Messages.Count);
            Assert.Equal(Enumerable.Range(0, read.Messages.Count).Select(i => (long)i), read.Messages.Select(m => m.Offset));
            foreach (var perKey in read.Messages.GroupBy(m => TestTopics.Text(m.Key)))
                Assert.Equal(Enumerable.Range(0, 40).Select(i => i.ToString()), perKey.Select(m => TestTopics.Text(m.Payload)));
        }
    }

    [Fact]
    public async Task Messages_without_a_key_go_round_robin_each_partition_in_turn()
    {
        var topic = TestTopics.Unique("order/robin");
        await using var producer = new Producer(Client);
        var acks = new List<DeliveryResult>();
        for (var i = 0; i < 12; i++) acks.Add(await producer.ProduceAsync(topic, null, TestTopics.Utf8($"m{i}")));

        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3], acks.Select(a => a.Partition));
        Assert.All(acks.GroupBy(a => a.Partition), g => Assert.Equal([0L, 1L, 2L], g.Select(a => a.Offset)));
    }

    [Fact]
    public async Task A_topic_created_on_first_publish_takes_the_defaults_of_the_first_matching_filter()
    {
        await using var producer = new Producer(Client);
        var ruled = TestTopics.Unique("defaults/eight/x");
        var plain = TestTopics.Unique("defaults/other");
        await producer.ProduceAsync(ruled, null, TestTopics.Utf8("a"));
        await producer.ProduceAsync(plain, null, TestTopics.Utf8("a"));

        var ruledInfo = await Client.GetGrain<ITopicGrain>(ruled).GetAsync();
        var plainInfo = await Client.GetGrain<ITopicGrain>(plain).GetAsync();
        Assert.Equal(new TopicSettings(8, TimeSpan.FromHours(1)), ruledInfo!.Settings);
        Assert.Equal(4, plainInfo!.Partitions);
    }

    [Fact]
    public async Task An_explicitly_created_topic_keeps_its_partition_count_and_retention()
    {
        var topic = TestTopics.Unique("explicit/topic");
        var grain = Client.GetGrain<ITopicGrain>(topic);
        var created = await grain.CreateAsync(new TopicSettings(3, TimeSpan.FromMinutes(10)));
        Assert.Equal(3, created.Partitions);
        Assert.Equal(created, await grain.CreateAsync(new TopicSettings(3, TimeSpan.FromMinutes(10))));
        var error = await Assert.ThrowsAsync<AkLightException>(() => grain.CreateAsync(new TopicSettings(5, TimeSpan.FromMinutes(10))));
        Assert.Contains("3 partitions", error.Message);

        await using var producer = new Producer(Client);
        Assert.Equal(3, await producer.GetPartitionCountAsync(topic));
    }

    [Fact]
    public async Task Headers_and_null_keys_and_payloads_round_trip()
    {
        var topic = TestTopics.Unique("roundtrip/headers");
        await using var producer = new Producer(Client);
        var ack = await producer.ProduceAsync(topic, TestTopics.Utf8("k"), null, [new MessageHeader("source", "test"), new MessageHeader("n", "1")]);
        var read = await Client.GetPartitionGrain(new TopicPartition(topic, ack.Partition)).ReadAsync(ack.Offset, 1, 1024);
        var message = Assert.Single(read.Messages);
        Assert.Null(message.Payload);
        Assert.Equal("k", TestTopics.Text(message.Key));
        Assert.Equal([new MessageHeader("source", "test"), new MessageHeader("n", "1")], message.Headers!);
        Assert.True(message.Timestamp > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task A_retried_batch_is_stored_once_and_both_attempts_get_its_offsets()
    {
        var topic = await CreateTopicAsync("idempotent/retry", 1);
        var grain = Client.GetPartitionGrain(new TopicPartition(topic, 0));
        var producer = Guid.NewGuid();
        ProduceRecord[] Records(string text) => [new ProduceRecord(null, TestTopics.Utf8(text + "-a"), null), new ProduceRecord(null, TestTopics.Utf8(text + "-b"), null)];

        // Two attempts of batch 0 at once (the second as a retry while the first is still being written), then again later.
        var attempts = await Task.WhenAll(
            grain.AppendAsync(new ProduceBatch(Records("first"), producer, 0)),
            grain.AppendAsync(new ProduceBatch(Records("first"), producer, 0)));
        Assert.Equal([0L, 0L], attempts);
        Assert.Equal(0, await grain.AppendAsync(new ProduceBatch(Records("first"), producer, 0)));
        // The next batch of the producer, and another producer's batch with the same number, are new.
        Assert.Equal(2, await grain.AppendAsync(new ProduceBatch(Records("second"), producer, 1)));
        Assert.Equal(4, await grain.AppendAsync(new ProduceBatch(Records("other"), Guid.NewGuid(), 1)));
        // Without a producer id there is no idempotence: a repeat is stored again.
        Assert.Equal(6, await grain.AppendAsync(new ProduceBatch(Records("plain"))));
        Assert.Equal(8, await grain.AppendAsync(new ProduceBatch(Records("plain"))));

        var stored = (await grain.ReadAsync(0, 100, int.MaxValue)).Messages.Select(m => TestTopics.Text(m.Payload));
        Assert.Equal(["first-a", "first-b", "second-a", "second-b", "other-a", "other-b", "plain-a", "plain-b", "plain-a", "plain-b"], stored);
    }
}

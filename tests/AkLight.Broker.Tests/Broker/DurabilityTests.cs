namespace AkLight.Broker.Tests.Broker;

public sealed class DurabilityTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    [Fact]
    public async Task Messages_and_topic_settings_survive_a_silo_restart_and_offsets_continue()
    {
        var topic = await CreateTopicAsync("durable/t", 2, TimeSpan.FromMinutes(42));
        var acks = new List<DeliveryResult>();
        await using (var producer = new Producer(Client))
            acks.AddRange(await Task.WhenAll(Enumerable.Range(0, 20).Select(i => producer.ProduceAsync(topic, $"k{i % 4}", $"v{i}"))));

        await Fixture.RestartSiloAsync();

        var info = await Client.GetGrain<ITopicGrain>(topic).GetAsync();
        Assert.Equal(new TopicSettings(2, TimeSpan.FromMinutes(42)), info!.Settings);
        foreach (var partition in acks.GroupBy(a => a.Partition))
        {
            var grain = Client.GetPartitionGrain(new TopicPartition(topic, partition.Key));
            var read = await grain.ReadAsync(0, 100, int.MaxValue);
            Assert.Equal(partition.Select(a => a.Offset).Order(), read.Messages.Select(m => m.Offset));
        }

        await using var after = new Producer(Client);
        var next = await after.ProduceAsync(topic, "k0", "after-restart");
        Assert.Equal(acks.Count(a => a.Partition == next.Partition), next.Offset);
    }

    [Fact]
    public async Task A_batch_retried_after_a_restart_is_answered_with_the_first_attempts_offset_and_stored_once()
    {
        var topic = await CreateTopicAsync("durable/idempotent", 1);
        var producer = Guid.NewGuid();
        ProduceRecord[] Records(string text) => [new ProduceRecord(null, TestTopics.Utf8(text), null)];
        var first = Client.GetPartitionGrain(new TopicPartition(topic, 0));
        Assert.Equal(0, await first.AppendAsync(new ProduceBatch(Records("zero"), producer, 0)));
        Assert.Equal(1, await first.AppendAsync(new ProduceBatch(Records("one"), producer, 1)));

        // The producer never got the answer to batch 1 and retries it against the partition's next activation.
        await Fixture.RestartSiloAsync();
        var again = Client.GetPartitionGrain(new TopicPartition(topic, 0));
        Assert.Equal(1, await again.AppendAsync(new ProduceBatch(Records("one"), producer, 1)));
        Assert.Equal(2, await again.AppendAsync(new ProduceBatch(Records("two"), producer, 2)));

        var stored = (await again.ReadAsync(0, 100, int.MaxValue)).Messages.Select(m => TestTopics.Text(m.Payload));
        Assert.Equal(["zero", "one", "two"], stored);
    }
}

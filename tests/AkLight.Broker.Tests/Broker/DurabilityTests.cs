using AkLight.Client.Producing;
using AkLight.Broker.Tests.Infrastructure;

namespace AkLight.Broker.Tests.Broker;

[Collection(BrokerCollection.Name)]
public sealed class DurabilityTests(BrokerClusterFixture fixture)
{
    [Fact]
    public async Task Messages_and_topic_settings_survive_a_silo_restart_and_offsets_continue()
    {
        var topic = TestTopics.Unique("durable/t");
        await fixture.Client.GetGrain<ITopicGrain>(topic).CreateAsync(new TopicSettings(2, TimeSpan.FromMinutes(42)));
        var acks = new List<DeliveryResult>();
        await using (var producer = new Producer(fixture.Client))
            acks.AddRange(await Task.WhenAll(Enumerable.Range(0, 20).Select(i => producer.ProduceAsync(topic, $"k{i % 4}", $"v{i}"))));

        await fixture.RestartSiloAsync();

        var info = await fixture.Client.GetGrain<ITopicGrain>(topic).GetAsync();
        Assert.Equal(new TopicSettings(2, TimeSpan.FromMinutes(42)), info!.Settings);
        foreach (var partition in acks.GroupBy(a => a.Partition))
        {
            var grain = fixture.Client.GetPartitionGrain(new TopicPartition(topic, partition.Key));
            var read = await grain.ReadAsync(0, 100, int.MaxValue);
            Assert.Equal(partition.Select(a => a.Offset).Order(), read.Messages.Select(m => m.Offset));
        }

        await using var after = new Producer(fixture.Client);
        var next = await after.ProduceAsync(topic, "k0", "after-restart");
        Assert.Equal(acks.Count(a => a.Partition == next.Partition), next.Offset);
    }

    [Fact]
    public async Task A_batch_retried_after_a_restart_is_answered_with_the_first_attempts_offset_and_stored_once()
    {
        var topic = TestTopics.Unique("durable/idempotent");
        await fixture.Client.GetGrain<ITopicGrain>(topic).CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1)));
        var producer = Guid.NewGuid();
        ProduceRecord[] Records(string text) => [new ProduceRecord(null, TestTopics.Utf8(text), null)];
        var first = fixture.Client.GetPartitionGrain(new TopicPartition(topic, 0));
        Assert.Equal(0, await first.AppendAsync(new ProduceBatch(Records("zero"), producer, 0)));
        Assert.Equal(1, await first.AppendAsync(new ProduceBatch(Records("one"), producer, 1)));

        // The producer never got the answer to batch 1 and retries it against the partition's next activation.
        await fixture.RestartSiloAsync();
        var again = fixture.Client.GetPartitionGrain(new TopicPartition(topic, 0));
        Assert.Equal(1, await again.AppendAsync(new ProduceBatch(Records("one"), producer, 1)));
        Assert.Equal(2, await again.AppendAsync(new ProduceBatch(Records("two"), producer, 2)));

        var stored = (await again.ReadAsync(0, 100, int.MaxValue)).Messages.Select(m => TestTopics.Text(m.Payload));
        Assert.Equal(["zero", "one", "two"], stored);
    }
}

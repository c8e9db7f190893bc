namespace AkLight.Broker.Tests.Broker;

/// <summary>
/// A producer's first sends to many new topics at once: the topics are looked up (created) at most the configured
/// number at a time, and every message still lands, each at the start of its new topic.
/// </summary>
public sealed class TopicBurstTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    [Fact]
    public async Task First_sends_to_many_new_topics_are_all_delivered_with_two_lookups_in_flight()
    {
        var prefix = TestTopics.Unique("burst");
        var topics = Enumerable.Range(0, 60).Select(i => $"{prefix}/c{i}/cpu").ToList();
        await using var producer = new Producer(Client, new ProducerOptions { MaxTopicLookupsInFlight = 2 });
        Fixture.TopicLookups.Reset();

        var acks = await Task.WhenAll(topics.Select(t => producer.ProduceAsync(t, null, $"first of {t}")));

        Assert.InRange(Fixture.TopicLookups.Most, 1, 2);

        Assert.Equal(topics, acks.Select(a => a.Topic));
        Assert.All(acks, a => Assert.Equal(0, a.Offset));
        foreach (var ack in acks)
        {
            var read = await Client.GetPartitionGrain(new TopicPartition(ack.Topic, ack.Partition)).ReadAsync(0, 10, int.MaxValue);
            Assert.Equal($"first of {ack.Topic}", TestTopics.Text(Assert.Single(read.Messages).Payload));
        }
    }

    [Fact]
    public void A_lookup_limit_below_one_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Producer(Client, new ProducerOptions { MaxTopicLookupsInFlight = 0 }));
        Assert.Contains(nameof(ProducerOptions.MaxTopicLookupsInFlight), error.Message);
    }
}

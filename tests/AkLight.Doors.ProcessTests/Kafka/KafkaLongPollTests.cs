namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>A long-poll Fetch answers when data arrives, not at the end of its max wait.</summary>
public sealed class KafkaLongPollTests(KafkaSilo kafka) : KafkaSiloTest(kafka)
{
    [Fact]
    public async Task A_fetch_waiting_five_seconds_returns_soon_after_a_message_is_produced()
    {
        var topic = Names.Unique("longpoll") + "/events";
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = Kafka.Bootstrap, Acks = Acks.All, LingerMs = 0 }).Build();
        var first = await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "before" });

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = Kafka.Bootstrap, GroupId = "unused", EnableAutoCommit = false,
            FetchWaitMaxMs = 5000, FetchMinBytes = 1,
        }).Build();
        consumer.Assign(new Confluent.Kafka.TopicPartitionOffset(topic, first.Partition, first.Offset + 1));
        // An empty read first: the consumer's fetch is now waiting at the door.
        Assert.Null(consumer.Consume(TimeSpan.FromSeconds(2)));

        var clock = Stopwatch.StartNew();
        await producer.ProduceAsync(new Confluent.Kafka.TopicPartition(topic, first.Partition), new Message<string, string> { Key = "k", Value = "after" });
        ConsumeResult<string, string>? read = null;
        while (read is null && clock.Elapsed < TimeSpan.FromSeconds(15)) read = consumer.Consume(TimeSpan.FromMilliseconds(100));
        var latency = clock.Elapsed;

        Assert.Equal("after", read?.Message.Value);
        Assert.True(latency < TimeSpan.FromSeconds(4), $"the message arrived {latency.TotalMilliseconds:F0} ms after it was produced, with fetch.wait.max.ms 5000");
    }
}

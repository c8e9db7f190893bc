using Confluent.Kafka;

namespace AkLight.Cluster.PostgresTests.Kafka;

/// <summary>
/// The Kafka door on two silos on PostgreSQL: what a Kafka client produces through one silo, a Kafka group reads
/// through the other, and a member of the same group on the first silo resumes from the group's commits.
/// </summary>
public sealed class KafkaClusterTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    [Fact]
    public async Task Produce_through_one_silo_is_consumed_through_the_other_and_commits_are_shared()
    {
        await using var cluster = await NewClusterAsync("kafka");
        var ((_, kafka1), (_, kafka2)) = await KafkaSilos.StartTwoAsync(cluster);

        const string topic = "logs/kafka-cluster/app";
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = kafka1, Acks = Acks.All, EnableIdempotence = true, Partitioner = Partitioner.Murmur2Random,
        }).Build())
        {
            for (var i = 0; i < 20; i++) await producer.ProduceAsync(topic, new Message<string, string> { Key = $"container-{i % 5}", Value = $"line {i}" });
        }

        var first = Consume(kafka2, topic, 20);
        Assert.Equal(20, first.Select(r => r.Message.Value).Distinct().Count());

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka2 }).Build())
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "container-0", Value = "after the commit" });
        var resumed = Consume(kafka1, topic, 1);
        Assert.Equal("after the commit", Assert.Single(resumed).Message.Value);
    }

    /// <summary>Reads <paramref name="count"/> messages as group <c>loggers</c> through <paramref name="bootstrap"/>, commits and leaves.</summary>
    private static List<ConsumeResult<string, string>> Consume(string bootstrap, string topic, int count)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = "loggers", AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var read = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (read.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"read {read.Count} of {count} messages in 60 s");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result) read.Add(result);
        }
        consumer.Commit();
        consumer.Close();
        return read;
    }
}

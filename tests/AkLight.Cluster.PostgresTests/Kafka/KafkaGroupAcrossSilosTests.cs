using Confluent.Kafka;

namespace AkLight.Cluster.PostgresTests.Kafka;

/// <summary>
/// One Kafka group across silos: two Confluent.Kafka members that bootstrap through different silos of a
/// PostgreSQL cluster are one group and split the partitions; after a silo restarts, new members (again one per
/// silo) resume from the group's commits.
/// </summary>
public sealed class KafkaGroupAcrossSilosTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private const string Topic = "logs/kafka-split/app";
    private const int Partitions = 4;

    [Fact]
    public async Task Members_bootstrapping_through_different_silos_split_the_partitions_and_resume_after_a_restart()
    {
        await using var cluster = await NewClusterAsync("kafkagroup");
        var ((silo1, kafka1), (silo2, kafka2)) = await KafkaSilos.StartTwoAsync(cluster);
        await ProduceAsync(kafka1, "early", 40);

        var first = ConsumeAsOneGroup(kafka1, kafka2, 40);
        Assert.Equal(40, first.Count);
        Assert.All(first, m => Assert.StartsWith("early-", m));

        await silo1.StopAsync(TimeSpan.FromSeconds(30));
        var (again1, kafka1Again) = await KafkaSilos.StartAsync(cluster, "silo1-again", int.Parse(kafka1.Split(':')[1]), silo1.SiloPort, silo1.GatewayPort);
        await cluster.WaitForActiveMembersAsync([again1, silo2]);
        await ProduceAsync(kafka2, "late", 8);

        var resumed = ConsumeAsOneGroup(kafka1Again, kafka2, 8);
        Assert.Equal(8, resumed.Count);
        Assert.All(resumed, m => Assert.StartsWith("late-", m));
    }

    private static async Task ProduceAsync(string bootstrap, string prefix, int count)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap, Acks = Acks.All, Partitioner = Partitioner.Murmur2Random,
        }).Build();
        for (var i = 0; i < count; i++) await producer.ProduceAsync(Topic, new Message<string, string> { Key = $"container-{i}", Value = $"{prefix}-{i}" });
    }

    /// <summary>
    /// Two members of group <c>splitters</c>, one through each bootstrap, read until <paramref name="count"/> distinct
    /// messages arrived and both hold partitions; asserts the split, commits, leaves and returns what was read.
    /// </summary>
    private List<string> ConsumeAsOneGroup(string bootstrap1, string bootstrap2, int count)
    {
        using var one = Member(bootstrap1);
        using var two = Member(bootstrap2);
        one.Subscribe(Topic);
        two.Subscribe(Topic);
        var read = new Dictionary<(int, long), string>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (read.Count < count || one.Assignment.Count == 0 || two.Assignment.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"after 90 s: {read.Count} of {count} messages, assignments {one.Assignment.Count} and {two.Assignment.Count}");
            foreach (var member in new[] { one, two })
                if (member.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
                {
                    read[(result.Partition.Value, result.Offset.Value)] = result.Message.Value;
                    member.StoreOffset(result);
                }
        }
        Output.WriteLine($"member 1: partitions {string.Join(",", one.Assignment.Select(p => p.Partition.Value))}; member 2: {string.Join(",", two.Assignment.Select(p => p.Partition.Value))}");
        Assert.Empty(one.Assignment.Intersect(two.Assignment));
        Assert.Equal(Partitions, one.Assignment.Count + two.Assignment.Count);
        one.Commit();
        two.Commit();
        one.Close();
        two.Close();
        return read.Values.ToList();
    }

    private static IConsumer<string, string> Member(string bootstrap) => new ConsumerBuilder<string, string>(new ConsumerConfig
    {
        BootstrapServers = bootstrap,
        GroupId = "splitters",
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        SessionTimeoutMs = 6000,
        HeartbeatIntervalMs = 500,
    }).Build();
}

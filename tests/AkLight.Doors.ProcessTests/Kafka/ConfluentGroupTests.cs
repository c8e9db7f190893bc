namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>A Kafka consumer group of two Confluent.Kafka members: partitions split between them, and a new member resumes after their commits.</summary>
public sealed class ConfluentGroupTests(KafkaSilo kafka) : KafkaSiloTest(kafka)
{
    [Fact]
    public async Task Two_members_split_the_partitions_and_a_later_member_resumes_from_the_commits()
    {
        var topic = Names.Unique("kgroup") + "/logs";
        var group = Names.Unique("kafka-group");
        await ProduceAsync(topic, 30);

        using var one = Member(group);
        using var two = Member(group);
        one.Subscribe(topic);
        two.Subscribe(topic);
        var seen = new HashSet<(int, long)>();
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (seen.Count < 30 || one.Assignment.Count == 0 || two.Assignment.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"after 45 s: {seen.Count} of 30 messages, assignments {one.Assignment.Count} and {two.Assignment.Count}");
            foreach (var member in new[] { one, two })
                if (member.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
                {
                    seen.Add((result.Partition.Value, result.Offset.Value));
                    member.StoreOffset(result);
                }
        }
        Assert.Empty(one.Assignment.Intersect(two.Assignment));
        Assert.Equal(KafkaSilo.DefaultPartitions, one.Assignment.Count + two.Assignment.Count);
        one.Commit();
        two.Commit();
        one.Close();
        two.Close();

        // AKLight's group of the same name holds the commits: every message is committed.
        var described = await Kafka.Http.GetJsonAsync($"api/groups/{Uri.EscapeDataString(group)}");
        Assert.Equal(30, described.GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("committed").GetInt64()));

        await ProduceAsync(topic, 5);
        using var later = Member(group);
        later.Subscribe(topic);
        var resumed = ConfluentClientTests.ConsumeUntil(later, read => read.Count >= 5);
        Assert.All(resumed, r => Assert.StartsWith("late-", r.Message.Value));
        later.Close();
    }

    private async Task ProduceAsync(string topic, int count)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = Kafka.Bootstrap, Partitioner = Partitioner.Murmur2Random }).Build();
        var prefix = count == 5 ? "late" : "early";
        for (var i = 0; i < count; i++) await producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i}", Value = $"{prefix}-{i}" });
    }

    private IConsumer<string, string> Member(string group) => new ConsumerBuilder<string, string>(new ConsumerConfig
    {
        BootstrapServers = Kafka.Bootstrap,
        GroupId = group,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        SessionTimeoutMs = 6000,
        HeartbeatIntervalMs = 500,
    }).Build();
}

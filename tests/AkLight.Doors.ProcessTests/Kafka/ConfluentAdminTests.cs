using Confluent.Kafka.Admin;

namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>Confluent.Kafka's admin client against the Kafka door: create, describe, list and delete.</summary>
public sealed class ConfluentAdminTests(KafkaSilo kafka) : KafkaSiloTest(kafka)
{
    [Fact]
    public async Task Topics_are_created_with_their_settings_described_and_deleted()
    {
        var topic = Names.Unique("admin") + "/state";
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Kafka.Bootstrap }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = topic, NumPartitions = 2, ReplicationFactor = 1,
            Configs = new Dictionary<string, string> { ["retention.ms"] = "7200000", ["cleanup.policy"] = "compact" },
        }]);
        var again = await Assert.ThrowsAsync<CreateTopicsException>(() => admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 2, ReplicationFactor = 1 }]));
        Assert.Equal(Confluent.Kafka.ErrorCode.TopicAlreadyExists, again.Results[0].Error.Code);

        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        Assert.Equal(2, metadata.Topics.Single().Partitions.Count);
        var configs = (await admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = topic }])).Single().Entries;
        Assert.Equal("7200000", configs["retention.ms"].Value);
        Assert.Equal("compact", configs["cleanup.policy"].Value);

        await admin.DeleteTopicsAsync([topic]);
        using var http = Kafka.Silo.CreateClient();
        using var gone = await http.GetAsync($"api/topics/info?topic={Uri.EscapeDataString(topic)}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_live_group_is_listed_and_described_with_its_member()
    {
        var topic = Names.Unique("admin") + "/events";
        var group = Names.Unique("described");
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig { BootstrapServers = Kafka.Bootstrap, GroupId = group, ClientId = "describe-me" }).Build();
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = Kafka.Bootstrap }).Build())
            await producer.ProduceAsync(topic, new Message<Null, string> { Value = "x" });
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (consumer.Assignment.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no assignment within 30 s");
            consumer.Consume(TimeSpan.FromMilliseconds(200));
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Kafka.Bootstrap }).Build();
        var listed = await admin.ListConsumerGroupsAsync();
        Assert.Contains(listed.Valid, g => g.GroupId == group);
        var described = (await admin.DescribeConsumerGroupsAsync([group])).ConsumerGroupDescriptions.Single();
        var member = Assert.Single(described.Members);
        Assert.Equal("describe-me", member.ClientId);
        Assert.Equal(KafkaSilo.DefaultPartitions, member.Assignment.TopicPartitions.Count);
        consumer.Close();
    }
}

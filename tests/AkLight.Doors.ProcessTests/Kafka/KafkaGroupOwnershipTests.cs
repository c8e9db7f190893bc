namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>Confluent's client as two principals: a consumer group is its first joiner's, and another principal's client is refused it.</summary>
public sealed class KafkaGroupOwnershipTests(SecuredSilo secured) : SecuredSiloTest(secured)
{
    [Fact]
    public async Task A_group_in_use_is_refused_to_another_principals_consumer_and_hidden_from_its_listing()
    {
        var topic = "metrics/" + Names.Unique("owned") + "/cpu";
        var group = Names.Unique("owned-group");
        using (var agent = new ProducerBuilder<string, string>(new ProducerConfig().As(Secured, "agent")).Build())
            await agent.ProduceAsync(topic, new Message<string, string> { Key = "web-1", Value = "42" });

        using var monitor = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = group, AutoOffsetReset = AutoOffsetReset.Earliest }.As(Secured, "monitor")).Build();
        monitor.Subscribe(topic);
        Assert.Equal("42", ConfluentClientTests.ConsumeUntil(monitor, messages => messages.Count > 0)[0].Message.Value);

        using var outsider = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = group, AutoOffsetReset = AutoOffsetReset.Earliest }.As(Secured, "outsider")).Build();
        var outsidersTopic = "other/" + Names.Unique("owned");
        using (var admin = new ProducerBuilder<string, string>(new ProducerConfig().As(Secured, "admin")).Build())
            await admin.ProduceAsync(outsidersTopic, new Message<string, string> { Key = "k", Value = "v" }); // librdkafka joins only for topics that exist
        outsider.Subscribe(outsidersTopic);
        var refused = Confluent.Kafka.ErrorCode.NoError;
        for (var i = 0; i < 60 && refused != Confluent.Kafka.ErrorCode.GroupAuthorizationFailed; i++)
        {
            try
            {
                outsider.Consume(TimeSpan.FromMilliseconds(500));
            }
            catch (ConsumeException error)
            {
                refused = error.Error.Code;
            }
        }
        Assert.Equal(Confluent.Kafka.ErrorCode.GroupAuthorizationFailed, refused);

        using var outsiderAdmin = new AdminClientBuilder(new AdminClientConfig().As(Secured, "outsider")).Build();
        Assert.DoesNotContain(outsiderAdmin.ListGroups(TimeSpan.FromSeconds(10)), g => g.Group == group);
        using var monitorAdmin = new AdminClientBuilder(new AdminClientConfig().As(Secured, "monitor")).Build();
        Assert.Contains(monitorAdmin.ListGroups(TimeSpan.FromSeconds(10)), g => g.Group == group);
        monitor.Close();
    }
}

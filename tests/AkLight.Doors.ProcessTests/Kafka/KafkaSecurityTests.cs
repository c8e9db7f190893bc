namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>The Kafka door on a silo with principals: SASL/PLAIN with a principal's key, and its access rules.</summary>
public sealed class KafkaSecurityTests(SecuredSilo secured) : SecuredSiloTest(secured)
{
    [Fact]
    public async Task A_principal_produces_and_consumes_within_its_rules_only()
    {
        var topic = "metrics/" + Names.Unique("kafka") + "/cpu";
        using (var agent = new ProducerBuilder<string, string>(new ProducerConfig().As(Secured, "agent")).Build())
        {
            var stored = await agent.ProduceAsync(topic, new Message<string, string> { Key = "web-1", Value = "42" });
            Assert.Equal(PersistenceStatus.Persisted, stored.Status);
            var refused = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
                agent.ProduceAsync("alerts/" + Names.Unique("kafka"), new Message<string, string> { Key = "k", Value = "not allowed" }));
            Assert.Equal(Confluent.Kafka.ErrorCode.TopicAuthorizationFailed, refused.Error.Code);
        }

        using var monitor = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            GroupId = Names.Unique("monitor-group"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }.As(Secured, "monitor")).Build();
        monitor.Subscribe(topic);
        var read = ConfluentClientTests.ConsumeUntil(monitor, messages => messages.Count > 0);
        Assert.Equal("42", read[0].Message.Value);
        monitor.Close();
    }

    [Fact]
    public async Task Without_sasl_or_with_a_wrong_key_nothing_is_answered_but_authentication()
    {
        var wrong = await Kcat.RunAsync(Secured.KafkaBootstrap,
            "-L -m 5 -X security.protocol=SASL_PLAINTEXT -X sasl.mechanism=PLAIN -X sasl.username=agent -X sasl.password=wrong", expectSuccess: false);
        Assert.True(wrong.Contains("unknown principal or wrong key", StringComparison.Ordinal), wrong);
        await Kcat.RunAsync(Secured.KafkaBootstrap, "-L -m 5", expectSuccess: false);
    }

    [Fact]
    public async Task Scram_sha_256_authenticates_with_the_keys_secret_and_refuses_a_wrong_one()
    {
        var topic = "metrics/" + Names.Unique("scram") + "/cpu";
        var secret = Secured.KeyOf("agent")["agent:".Length..];
        var scram = "-X security.protocol=SASL_PLAINTEXT -X sasl.mechanism=SCRAM-SHA-256 -X sasl.username=agent";
        await Kcat.RunAsync(Secured.KafkaBootstrap, $"{scram} -X sasl.password={secret} -P -t {topic} -p 0", "over scram\n");
        using (var confluent = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = Secured.KafkaBootstrap, SecurityProtocol = SecurityProtocol.SaslPlaintext,
            SaslMechanism = SaslMechanism.ScramSha256, SaslUsername = "agent", SaslPassword = secret,
        }).Build())
        {
            var stored = await confluent.ProduceAsync(new Confluent.Kafka.TopicPartition(topic, 0), new Message<string, string> { Key = "k", Value = "confluent over scram" });
            Assert.Equal(1, stored.Offset.Value);
        }
        var wrong = await Kcat.RunAsync(Secured.KafkaBootstrap, $"{scram} -X sasl.password=wrong -L -m 5", expectSuccess: false);
        Assert.Contains("unknown principal or wrong key", wrong);
    }
}

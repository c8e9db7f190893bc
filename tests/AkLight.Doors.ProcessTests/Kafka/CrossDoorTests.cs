using AkLight.Client.Consuming;

namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>
/// One log, two doors: what a Kafka client produces, AKLight's .NET client reads (a wildcard subscription
/// included), and what the .NET client produces, a Kafka consumer reads through a regex subscription.
/// </summary>
public sealed class CrossDoorTests(KafkaSilo kafka) : KafkaSiloTest(kafka)
{
    [Fact]
    public async Task Kafka_produce_reaches_a_dotnet_wildcard_session()
    {
        var root = Names.Unique("cross");
        await using var connection = await BrokerConnection.ConnectAsync([Kafka.Silo.Gateway], TimeSpan.FromSeconds(30));
        var session = await ConsumerSession.OpenAsync(connection.Grains, Names.Unique("cross-session"), new SessionOptions([$"{root}/+/cpu"], false, StartPosition.Earliest));
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = Kafka.Bootstrap }).Build())
        {
            await producer.ProduceAsync($"{root}/web-1/cpu", new Message<string, string> { Key = "web-1", Value = "0.5" });
            await producer.ProduceAsync($"{root}/web-2/cpu", new Message<string, string> { Key = "web-2", Value = "0.7" });
        }
        var read = new List<ConsumedMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (read.Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the session read {read.Count} of 2 messages in 30 s");
            read.AddRange(await session.FetchAsync(10, TimeSpan.FromSeconds(1)));
        }
        Assert.Equal(["0.5", "0.7"], read.Select(m => Encoding.UTF8.GetString(m.Payload!)).Order().ToArray());
        await session.CloseAsync();
    }

    [Fact]
    public async Task Dotnet_produce_reaches_a_kafka_regex_subscription_of_a_subtree()
    {
        var root = Names.Unique("regex");
        await using (var connection = await BrokerConnection.ConnectAsync([Kafka.Silo.Gateway], TimeSpan.FromSeconds(30)))
        await using (var producer = new AkLight.Client.Producing.Producer(connection.Grains))
        {
            await producer.ProduceAsync($"{root}/host1/web/mem", "web", "512");
            await producer.ProduceAsync($"{root}/host2/db/mem", "db", "2048");
            await producer.ProduceAsync($"other-{root}/host1/web/mem", "web", "not in the subtree");
        }
        using var consumer = RegexSubscriber("regex-group");
        // A regex subscription is how a Kafka client reaches a '#' subtree: ^root/.* is root/#.
        consumer.Subscribe($"^{root}/.*");
        var read = ConfluentClientTests.ConsumeUntil(consumer, messages => messages.Count >= 2);
        Assert.Equal(["2048", "512"], read.Select(r => r.Message.Value).Order(StringComparer.Ordinal).ToArray());
        consumer.Close();
    }
}

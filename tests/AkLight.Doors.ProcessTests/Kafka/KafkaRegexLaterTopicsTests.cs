namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>
/// A regex subscription made before its topics exist reads them once they are created, all at once, under a first
/// level new to the broker (the listing of every topic must learn of that level however its topics arrive).
/// </summary>
public sealed class KafkaRegexLaterTopicsTests(KafkaSilo kafka) : KafkaSiloTest(kafka)
{
    private const int Topics = 40;

    [Fact]
    public async Task A_regex_subscription_reads_topics_created_after_it()
    {
        var root = Names.Unique("later");
        using var consumer = RegexSubscriber("later-group");
        consumer.Subscribe($"^{root}/.*");
        Consume(consumer, TimeSpan.FromSeconds(2)); // its first metadata: no topic yet

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = Kafka.Bootstrap }).Build())
            await Task.WhenAll(Enumerable.Range(0, Topics).Select(i =>
                producer.ProduceAsync($"{root}/docker/host{i}/cpu", new Message<string, string> { Key = "k", Value = $"v{i}" })));

        var read = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (read.Count < Topics && DateTime.UtcNow < deadline)
            if (Consume(consumer, TimeSpan.FromMilliseconds(200)) is { } value) read.Add(value);
        Assert.Equal(Topics, read.Count);
        consumer.Close();
    }

    private static string? Consume(IConsumer<string, string> consumer, TimeSpan wait)
    {
        try
        {
            return consumer.Consume(wait) is { IsPartitionEOF: false } result ? result.Message.Value : null;
        }
        catch (ConsumeException)
        {
            return null; // "subscribed topic not available" while no topic matches
        }
    }
}

namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>What the tests on <see cref="KafkaSilo"/> start from: the silo, and the consumers several of them read with.</summary>
[Collection(KafkaSiloCollection.Name)]
public abstract class KafkaSiloTest(KafkaSilo kafka)
{
    protected KafkaSilo Kafka => kafka;

    /// <summary>
    /// A consumer of a group of its own (named after <paramref name="groupPrefix"/>) for a regex subscription, reading
    /// from the earliest offset: it refreshes its metadata every second, so topics created after it subscribed are seen soon.
    /// </summary>
    protected IConsumer<string, string> RegexSubscriber(string groupPrefix) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.Bootstrap,
            GroupId = Names.Unique(groupPrefix),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            TopicMetadataRefreshIntervalMs = 1000,
        }).Build();
}

using Confluent.Kafka;

namespace AkLight.Bench.Targets;

/// <summary>
/// AKLight's Kafka door through Confluent.Kafka (librdkafka), <c>aklight-kafka</c>: each producer is an idempotent
/// producer with acks=all (a send completes on the broker's durable acknowledgement), keyed with the workload's key
/// and placed by murmur2 as AKLight's own client places it; the consumer is a group member subscribed to the regex
/// <c>^metrics/docker/.*</c> (the <c>metrics/docker/#</c> subtree), finding new topics within a second.
/// </summary>
internal sealed class KafkaTarget(string name, int port, Func<IReadOnlyList<int>> brokerPids) : IBenchTarget
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public string Name => name;

    public IReadOnlyList<int> BrokerPids => brokerPids();

    private string Bootstrap => $"127.0.0.1:{port}";

    public Task<IAsyncDisposable> StartConsumerAsync(Measure.Receiver receiver, CancellationToken cancellationToken)
    {
        var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = Bootstrap,
            GroupId = $"bench-consumer-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // Topics are created by the warm-up, after the subscription: look for new ones every second.
            TopicMetadataRefreshIntervalMs = 1000,
        }).Build();
        consumer.Subscribe("^metrics/docker/.*");
        var loop = new ConsumerLoop(token =>
        {
            // Everything librdkafka has fetched, then one bounded wait for more.
            for (var result = consumer.Consume(Poll); result is not null && !token.IsCancellationRequested; result = consumer.Consume(TimeSpan.Zero))
                if (!result.IsPartitionEOF) receiver.OnMessage(result.Message.Value);
            return Task.CompletedTask;
        }, () =>
        {
            consumer.Close();
            consumer.Dispose();
            return ValueTask.CompletedTask;
        }, cancellationToken);
        return Task.FromResult<IAsyncDisposable>(loop);
    }

    public Task<IBenchProducer> CreateProducerAsync(int index, CancellationToken cancellationToken)
    {
        var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = Bootstrap,
            ClientId = $"bench-producer-{index}",
            Acks = Acks.All,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
        return Task.FromResult<IBenchProducer>(new KafkaProducer(producer));
    }

    private sealed class KafkaProducer(IProducer<byte[], byte[]> producer) : IBenchProducer
    {
        public Task SendAsync(string topic, byte[] key, byte[] payload) =>
            producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = key, Value = payload });

        public ValueTask DisposeAsync()
        {
            producer.Flush(TimeSpan.FromSeconds(10));
            producer.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

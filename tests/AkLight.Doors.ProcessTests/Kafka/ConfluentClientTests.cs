namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>Confluent.Kafka (librdkafka) against the Kafka door: keyed, idempotent, gzip produce; headers and tombstones; crossing to HTTP and back.</summary>
public sealed class ConfluentClientTests(KafkaSilo kafka) : KafkaSiloTest(kafka)
{
    [Fact]
    public async Task Keyed_idempotent_gzip_produce_lands_where_murmur2_puts_it_with_headers_and_tombstones()
    {
        var topic = Names.Unique("confluent") + "/metrics";
        using var producer = new ProducerBuilder<string, string?>(ProducerConfig()).Build();
        var keys = Enumerable.Range(0, 20).Select(i => $"container-{i}").ToArray();
        var delivered = new List<DeliveryResult<string, string?>>();
        foreach (var key in keys)
            delivered.Add(await producer.ProduceAsync(topic, new Message<string, string?>
            {
                Key = key,
                Value = $"value of {key}",
                Headers = new Headers { { "host", Encoding.UTF8.GetBytes("host-1") } },
            }));
        var tombstone = await producer.ProduceAsync(topic, new Message<string, string?> { Key = keys[0], Value = null });

        foreach (var result in delivered)
            Assert.Equal(KeyPartitioner.PartitionFor(Encoding.UTF8.GetBytes(result.Message.Key), KafkaSilo.DefaultPartitions), result.Partition.Value);
        Assert.Equal(delivered[0].Partition, tombstone.Partition);

        using var consumer = new ConsumerBuilder<string, string?>(new ConsumerConfig { BootstrapServers = Kafka.Bootstrap, GroupId = "unused", EnableAutoCommit = false }).Build();
        consumer.Assign(new Confluent.Kafka.TopicPartitionOffset(topic, tombstone.Partition, Offset.Beginning));
        var read = ConsumeUntil(consumer, messages => messages.Any(m => m.Offset == tombstone.Offset));
        var last = read.Single(m => m.Offset == tombstone.Offset);
        Assert.Null(last.Message.Value);
        var first = read.Single(m => m.Offset == delivered[0].Offset);
        Assert.Equal("value of container-0", first.Message.Value);
        Assert.Equal("host-1", Encoding.UTF8.GetString(first.Message.Headers.GetLastBytes("host")));

        // The same log over HTTP: the tombstone has no payload.
        var overHttp = await Kafka.Http.GetJsonAsync($"api/messages?topic={Q(topic)}&partition={tombstone.Partition.Value}&offset={tombstone.Offset.Value}");
        var message = overHttp.GetProperty("messages")[0];
        Assert.Equal(keys[0], message.GetProperty("key").GetString());
        Assert.True(!message.TryGetProperty("payload", out var payload) || payload.ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Messages_published_over_http_reach_a_kafka_consumer()
    {
        var topic = Names.Unique("tokafka") + "/alerts";
        using (var produced = await Kafka.Http.PostJsonAsync("api/produce", new { topic, key = "web-1", payload = "cpu high", headers = new[] { new { name = "severity", value = "warn" } } }))
            await produced.JsonAsync();
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = Kafka.Bootstrap,
            GroupId = Names.Unique("http-to-kafka"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var read = ConsumeUntil(consumer, messages => messages.Count > 0);
        Assert.Equal("cpu high", read[0].Message.Value);
        Assert.Equal("web-1", read[0].Message.Key);
        Assert.Equal("warn", Encoding.UTF8.GetString(read[0].Message.Headers.GetLastBytes("severity")));
        consumer.Close();
    }

    private ProducerConfig ProducerConfig() => new()
    {
        BootstrapServers = Kafka.Bootstrap,
        Acks = Acks.All,
        EnableIdempotence = true,
        CompressionType = CompressionType.Gzip,
        // Kafka's Java client and AKLight's .NET client place keys by murmur2; librdkafka does when told so.
        Partitioner = Partitioner.Murmur2Random,
        LingerMs = 5,
    };

    /// <summary>Consumes until <paramref name="done"/> holds, for at most 30 s.</summary>
    internal static List<ConsumeResult<TKey, TValue>> ConsumeUntil<TKey, TValue>(IConsumer<TKey, TValue> consumer, Func<List<ConsumeResult<TKey, TValue>>, bool> done)
    {
        var read = new List<ConsumeResult<TKey, TValue>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!done(read))
        {
            Assert.True(DateTime.UtcNow < deadline, $"consumed {read.Count} messages in 30 s, not what the test waits for");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result) read.Add(result);
        }
        return read;
    }
}

using System.Buffers.Binary;
using System.Collections;
using AkLight.Bench.Matrix;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace AkLight.Bench.Bulk;

/// <summary>
/// Bulk through the Kafka door, as a librdkafka user loads data: one topic of <see cref="Partitions"/> partitions,
/// <c>N</c> keyed 200-byte messages from one producer with librdkafka's default batching and acks=all, then one
/// consumer assigned every partition reading them all back from the start. Each message carries its sequence number,
/// so the consumer counts what is missing or came twice.
/// </summary>
internal static class BulkScenario
{
    public const int Partitions = 12;
    private const int PayloadBytes = 200;
    private const int Keys = 1000;
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(20);

    public static async Task<BulkResult> RunAsync(string deployment, IReadOnlyList<int> kafkaPorts, IReadOnlyList<int> brokerPids, int messages,
        CancellationToken cancellationToken)
    {
        var bootstrap = string.Join(',', kafkaPorts.Select(p => $"127.0.0.1:{p}"));
        var topic = $"bulk-{Guid.NewGuid():N}"[..13];
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
            await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = Partitions, ReplicationFactor = 1 }]).ConfigureAwait(false);

        var producing = await RuntimeProbe.StartAsync(brokerPids).ConfigureAwait(false);
        var (acked, failed, produceSeconds) = Produce(bootstrap, topic, messages, cancellationToken);
        var produceRuntime = await producing.StopAsync(acked).ConfigureAwait(false);
        Progress.Log($"bulk {deployment}: produced {acked:N0} of {messages:N0} in {produceSeconds:0.00} s ({acked / produceSeconds:N0} msg/s), {failed:N0} failed");

        var consuming = await RuntimeProbe.StartAsync(brokerPids).ConfigureAwait(false);
        var (received, duplicates, consumeSeconds) = Consume(bootstrap, topic, messages, acked, cancellationToken);
        var consumeRuntime = await consuming.StopAsync(received).ConfigureAwait(false);
        Progress.Log($"bulk {deployment}: consumed {received:N0} in {consumeSeconds:0.00} s ({received / consumeSeconds:N0} msg/s), {duplicates:N0} twice");

        return new BulkResult(deployment, messages, acked, failed, acked / produceSeconds, received, Math.Max(0, acked - received), duplicates,
            received / consumeSeconds, produceRuntime, consumeRuntime);
    }

    /// <summary>Sends every message (waiting for room when librdkafka's queue is full) and waits for every delivery report.</summary>
    private static (long Acked, long Failed, double Seconds) Produce(string bootstrap, string topic, int messages, CancellationToken cancellationToken)
    {
        long acked = 0, failed = 0;
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
        var keys = Enumerable.Range(0, Keys).Select(k => System.Text.Encoding.ASCII.GetBytes($"key-{k}")).ToArray();
        void Report(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError) Interlocked.Increment(ref failed);
            else Interlocked.Increment(ref acked);
        }
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages && !cancellationToken.IsCancellationRequested; i++)
        {
            var payload = new byte[PayloadBytes];
            BinaryPrimitives.WriteInt64LittleEndian(payload, i);
            var message = new Message<byte[], byte[]> { Key = keys[i % Keys], Value = payload };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, Report);
                    break;
                }
                catch (ProduceException<byte[], byte[]> full) when (full.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }
        producer.Flush(TimeSpan.FromMinutes(5));
        return (Interlocked.Read(ref acked), Interlocked.Read(ref failed), clock.Elapsed.TotalSeconds);
    }

    /// <summary>Reads every partition from its start until the acknowledged messages are in, or nothing new comes for <see cref="Stall"/>.</summary>
    private static (long Received, long Duplicates, double Seconds) Consume(string bootstrap, string topic, int messages, long expected, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"bench-bulk-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new Confluent.Kafka.TopicPartitionOffset(topic, p, Offset.Beginning)));
        var seen = new BitArray(messages);
        long received = 0, duplicates = 0;
        var clock = Stopwatch.StartNew();
        var lastProgress = clock.Elapsed;
        while (received < expected && clock.Elapsed - lastProgress < Stall && !cancellationToken.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message?.Value is not { Length: >= 8 } value) continue;
            var sequence = BinaryPrimitives.ReadInt64LittleEndian(value);
            if (sequence < 0 || sequence >= messages) continue;
            if (seen[(int)sequence]) duplicates++;
            else
            {
                seen[(int)sequence] = true;
                received++;
            }
            lastProgress = clock.Elapsed;
        }
        var seconds = (lastProgress > TimeSpan.Zero ? lastProgress : clock.Elapsed).TotalSeconds;
        consumer.Close();
        return (received, duplicates, seconds);
    }
}

/// <summary>One bulk run: produce and consume rates, what was lost or came twice, and the silos' collector during each half.</summary>
internal sealed record BulkResult(string Deployment, long Messages, long Acked, long Failed, double ProduceRate, long Received, long Lost, long Duplicates,
    double ConsumeRate, RuntimeFigures? ProduceRuntime, RuntimeFigures? ConsumeRuntime);

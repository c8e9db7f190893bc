using AkLight.Client.Connection;
using AkLight.Client.Consuming;
using AkLight.Client.Producing;

namespace AkLight.Bench.Targets;

/// <summary>
/// AKLight through its client library: a batching <see cref="Producer"/> per producer (each on its own
/// connection), and a non-persistent <see cref="ConsumerSession"/> on <c>metrics/docker/#</c> starting at the
/// latest offsets, pulled with long-poll fetches.
/// </summary>
internal sealed class AkLightTarget(string name, IReadOnlyList<string> gateways, Func<IReadOnlyList<int>> brokerPids, AkLightClientSettings settings) : IBenchTarget, IDiagnosableTarget
{
    private (BrokerConnection Connection, ConsumerSession Session)? _consumer;

    public string Name { get; } = name;

    public IReadOnlyList<int> BrokerPids => brokerPids();

    public async Task<IAsyncDisposable> StartConsumerAsync(Receiver receiver, CancellationToken cancellationToken)
    {
        var connection = await BrokerConnection.ConnectAsync(gateways, TimeSpan.FromSeconds(30), cancellationToken, AkLightDeployment.ClusterId).ConfigureAwait(false);
        try
        {
            var session = await ConsumerSession.OpenAsync(connection.Grains, $"bench-{Guid.NewGuid():N}",
                new SessionOptions([settings.Filter], Persistent: false, StartPosition.Latest)).ConfigureAwait(false);
            _consumer = (connection, session);
            return new ConsumerLoop(async _ =>
            {
                var batch = await session.FetchAsync(settings.FetchMessages, settings.FetchWait).ConfigureAwait(false);
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                // Offsets below 2^40 and partitions below 2^23 make the position unique (topics have one partition here).
                foreach (var message in batch) receiver.OnMessage(message.Payload, now, ((long)message.Partition << 40) | message.Offset);
            }, async () =>
            {
                try
                {
                    await session.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The session is non-persistent: nothing is left behind if closing fails.
                }
                await connection.DisposeAsync().ConfigureAwait(false);
            }, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>For each topic: the session's position and known end per partition (or "not subscribed"), and the partition's bounds.</summary>
    public async Task<string> DiagnoseAsync(IReadOnlyList<string> topics)
    {
        if (_consumer is not { } consumer) return "no consumer";
        var info = await consumer.Session.DescribeAsync().ConfigureAwait(false);
        var lines = new List<string>();
        foreach (var topic in topics)
        {
            var positions = info.Partitions.Where(p => p.Topic == topic).ToArray();
            var bounds = await consumer.Connection.Grains.GetPartitionGrain(new TopicPartition(topic, 0)).GetBoundsAsync().ConfigureAwait(false);
            lines.Add(positions.Length == 0
                ? $"{topic}: not subscribed by the session (partition 0 bounds {bounds.StartOffset}-{bounds.EndOffset})"
                : $"{topic}: " + string.Join(", ", positions.Select(p => $"[{p.Partition}] session position {p.Position}, known end {p.EndOffset}")) + $"; partition 0 bounds {bounds.StartOffset}-{bounds.EndOffset}");
        }
        return string.Join("; ", lines);
    }

    public async Task<IBenchProducer> CreateProducerAsync(int index, CancellationToken cancellationToken)
    {
        var connection = await BrokerConnection.ConnectAsync(gateways, TimeSpan.FromSeconds(30), cancellationToken, AkLightDeployment.ClusterId).ConfigureAwait(false);
        var producer = new Producer(connection.Grains, new ProducerOptions { Linger = settings.Linger, BatchSize = settings.BatchSize });
        return new AkLightProducer(connection, producer);
    }

    private sealed class AkLightProducer(BrokerConnection connection, Producer producer) : IBenchProducer
    {
        public Task SendAsync(string topic, byte[] key, byte[] payload) => producer.ProduceAsync(topic, key, payload);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await producer.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Outstanding sends were already counted as failed or lost by the run.
            }
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>How the bench uses the AKLight client.</summary>
internal sealed record AkLightClientSettings(string Filter, TimeSpan Linger, int BatchSize, int FetchMessages, TimeSpan FetchWait);

using StackExchange.Redis;

namespace AkLight.Bench.Targets;

/// <summary>
/// Redis Streams through StackExchange.Redis. Redis has no wildcard subscription, so the workload maps to one
/// stream, <c>metrics/docker</c>, whose entries carry the topic, the key and the payload: the consumer of
/// <c>metrics/docker/#</c> reads that stream (XREAD from the last id seen; StackExchange.Redis does not block,
/// so an empty read pauses 1 ms). A send completes on XADD's reply (pipelined on the multiplexer).
/// </summary>
internal sealed class RedisStreamsTarget(int port, int brokerPid) : IBenchTarget
{
    private const string Stream = "metrics/docker";
    private static readonly RedisValue TopicField = "t";
    private static readonly RedisValue KeyField = "k";
    private static readonly RedisValue PayloadField = "v";

    public string Name => "redis-streams";

    public IReadOnlyList<int> BrokerPids => [brokerPid];

    public async Task<IAsyncDisposable> StartConsumerAsync(Receiver receiver, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync().ConfigureAwait(false);
        var db = connection.GetDatabase();
        // Start after the newest entry, as a subscriber would.
        var newest = await db.StreamRangeAsync(Stream, "-", "+", 1, Order.Descending).ConfigureAwait(false);
        RedisValue last = newest.Length > 0 ? newest[0].Id : "0-0";
        return new ConsumerLoop(async token =>
        {
            var entries = await db.StreamReadAsync(Stream, last, 5000).ConfigureAwait(false);
            if (entries.Length == 0)
            {
                await Task.Delay(1, token).ConfigureAwait(false);
                return;
            }
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            foreach (var entry in entries)
            {
                var values = entry.Values;
                var payload = values.Length == 3 && values[2].Name == PayloadField ? values[2].Value : entry[PayloadField];
                receiver.OnMessage((byte[])payload!, now);
            }
            last = entries[^1].Id;
        }, connection.DisposeAsync, cancellationToken);
    }

    public async Task<IBenchProducer> CreateProducerAsync(int index, CancellationToken cancellationToken) =>
        new RedisProducer(await ConnectAsync().ConfigureAwait(false));

    private Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = new ConfigurationOptions { AbortOnConnectFail = true, ConnectTimeout = 10_000, SyncTimeout = 30_000, AsyncTimeout = 60_000 };
        options.EndPoints.Add("127.0.0.1", port);
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    private sealed class RedisProducer(ConnectionMultiplexer connection) : IBenchProducer
    {
        private readonly IDatabase _db = connection.GetDatabase();

        public Task SendAsync(string topic, byte[] key, byte[] payload) =>
            _db.StreamAddAsync(Stream, [new NameValueEntry(TopicField, topic), new NameValueEntry(KeyField, key), new NameValueEntry(PayloadField, payload)]);

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Text;

namespace AkLight.Client.Producing;

/// <summary>
/// Sends messages to topics, batching per partition. A message's task completes with its partition and
/// offset once the broker has stored it durably; it fails with the reason when it could not be delivered.
/// </summary>
public sealed class Producer(IGrainFactory grains, ProducerOptions? options = null) : IAsyncDisposable
{
    private readonly ProducerOptions _options = options ?? new ProducerOptions();
    private readonly ConcurrentDictionary<string, Lazy<Task<TopicRoute>>> _routes = new(StringComparer.Ordinal);

    /// <summary>Sends one message. Throws <see cref="ArgumentException"/> for a bad topic name, <see cref="MessageTooLargeException"/> over the limit.</summary>
    public async Task<DeliveryResult> ProduceAsync(string topic, byte[]? key, byte[]? payload, IReadOnlyList<MessageHeader>? headers = null)
    {
        var record = new ProduceRecord(key, payload, headers);
        if (record.SizeInBytes > _options.MaxMessageBytes) throw new MessageTooLargeException(record.SizeInBytes, _options.MaxMessageBytes);
        var route = await RouteAsync(topic).ConfigureAwait(false);
        return await route.Send(record).ConfigureAwait(false);
    }

    /// <summary>Sends one message with a UTF-8 key and payload.</summary>
    public Task<DeliveryResult> ProduceAsync(string topic, string? key, string payload, IReadOnlyList<MessageHeader>? headers = null) =>
        ProduceAsync(topic, key is null ? null : Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(payload), headers);

    /// <summary>The topic's partition count (creating the topic with the broker's defaults if needed).</summary>
    public async Task<int> GetPartitionCountAsync(string topic) => (await RouteAsync(topic).ConfigureAwait(false)).Chooser.Partitions;

    private Task<TopicRoute> RouteAsync(string topic)
    {
        TopicName.Parse(topic); // a bad name fails here, naming the problem, before any broker call
        var lazy = _routes.GetOrAdd(topic, t => new Lazy<Task<TopicRoute>>(() => CreateRouteAsync(t)));
        if (lazy.Value.IsFaulted) _routes.TryRemove(new(topic, lazy)); // a failed lookup is retried by the next send
        return lazy.Value;
    }

    private async Task<TopicRoute> CreateRouteAsync(string topic)
    {
        var info = await grains.GetGrain<ITopicGrain>(topic).GetOrCreateAsync().ConfigureAwait(false);
        return new TopicRoute(info.Partitions, p => new PartitionSender(grains, new TopicPartition(topic, p), _options));
    }

    /// <summary>Sends everything queued, waits for the answers, and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        var routes = _routes.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Select(l => l.Value.Result);
        await Task.WhenAll(routes.SelectMany(r => r.Senders).Select(s => s.CompleteAsync())).ConfigureAwait(false);
    }

    private sealed class TopicRoute(int partitions, Func<int, PartitionSender> create)
    {
        private readonly Lazy<PartitionSender>[] _senders =
            Enumerable.Range(0, partitions).Select(p => new Lazy<PartitionSender>(() => create(p))).ToArray();

        public PartitionChooser Chooser { get; } = new(partitions);

        public IEnumerable<PartitionSender> Senders => _senders.Where(s => s.IsValueCreated).Select(s => s.Value);

        public Task<DeliveryResult> Send(ProduceRecord record) => _senders[Chooser.Choose(record.Key)].Value.Enqueue(record);
    }
}

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
    private readonly ConcurrentDictionary<string, TopicRoute> _routes = new(StringComparer.Ordinal);
    // Idempotence: partitions recognise this producer's retries by its id and the batch's sequence number.
    private readonly Guid _producerId = Guid.NewGuid();
    private readonly SemaphoreSlim _lookups = new(LookupsInFlight(options));

    /// <summary>Sends one message. Throws <see cref="ArgumentException"/> for a bad topic name, <see cref="MessageTooLargeException"/> over the limit.</summary>
    public Task<DeliveryResult> ProduceAsync(string topic, byte[]? key, byte[]? payload, IReadOnlyList<MessageHeader>? headers = null)
    {
        var record = new ProduceRecord(key, payload, headers);
        if (record.SizeInBytes > _options.MaxMessageBytes) throw new MessageTooLargeException(record.SizeInBytes, _options.MaxMessageBytes);
        return Route(topic).Send(record);
    }

    /// <summary>Sends one message with a UTF-8 key and payload.</summary>
    public Task<DeliveryResult> ProduceAsync(string topic, string? key, string payload, IReadOnlyList<MessageHeader>? headers = null) =>
        ProduceAsync(topic, key is null ? null : Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(payload), headers);

    /// <summary>The topic's partition count (creating the topic with the broker's defaults if needed).</summary>
    public Task<int> GetPartitionCountAsync(string topic) => Route(topic).PartitionCount;

    private TopicRoute Route(string topic)
    {
        if (_routes.TryGetValue(topic, out var route) && !route.Failed) return route;
        TopicName.Parse(topic); // a bad name fails here, naming the problem, before any broker call
        // A failed lookup, or the route of a deleted topic, is replaced by the next send; its senders finish what they hold.
        if (route is not null && _routes.TryRemove(new(topic, route))) _ = Task.WhenAll(route.Senders.Select(s => s.CompleteAsync()));
        return _routes.GetOrAdd(topic, NewRoute);
    }

    private TopicRoute NewRoute(string topic)
    {
        TopicRoute? route = null;
        route = new TopicRoute(
            LookUpPartitionCountAsync(topic),
            p => new PartitionSender(grains, new TopicPartition(topic, p), _options, _producerId, () => route!.TopicGone()));
        return route;
    }

    /// <summary>Creating a topic is idempotent, so a lookup is retried like a send while the broker is away or slow.</summary>
    private async Task<int> LookUpPartitionCountAsync(string topic)
    {
        await _lookups.WaitAsync().ConfigureAwait(false);
        try
        {
            return (await Retry.TransientAsync(() => grains.GetGrain<ITopicGrain>(topic).GetOrCreateAsync(), CancellationToken.None, _options.DeliveryTimeout)
                .ConfigureAwait(false)).Partitions;
        }
        finally
        {
            _lookups.Release();
        }
    }

    private static int LookupsInFlight(ProducerOptions? options)
    {
        var most = (options ?? new ProducerOptions()).MaxTopicLookupsInFlight;
        return most >= 1 ? most : throw new ArgumentOutOfRangeException(nameof(options), most, $"{nameof(ProducerOptions.MaxTopicLookupsInFlight)} must be at least 1");
    }

    /// <summary>Sends everything queued, waits for the answers, and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_routes.Values.Select(r => r.PartitionCount.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        await Task.WhenAll(_routes.Values.SelectMany(r => r.Senders).Select(s => s.CompleteAsync())).ConfigureAwait(false);
    }
}

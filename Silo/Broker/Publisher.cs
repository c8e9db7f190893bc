using AkLight.Client.Producing;

namespace AkLight.Silo.Broker;

/// <summary>
/// Publishing for every door: one batching producer for the whole silo, so concurrent requests share batches.
/// The producer drops the route of a deleted topic by itself; the messages that were caught on such a route
/// are sent once more here, which creates the topic afresh (publishing to a name creates it).
/// </summary>
public sealed class Publisher : IAsyncDisposable
{
    private readonly Producer _producer;
    private readonly IGrainFactory _grains;
    private readonly TimeSpan _answerTimeout;

    public Publisher(IGrainFactory grains, BrokerOptions broker, IOptions<BrokerServiceOptions> options)
    {
        _grains = grains;
        var timeout = options.Value.ProduceTimeout;
        _producer = new Producer(grains, new ProducerOptions { MaxMessageBytes = broker.MaxMessageBytes, DeliveryTimeout = timeout });
        // The producer answers within its delivery timeout; this only guards against a send lost in a route's replacement.
        _answerTimeout = timeout + TimeSpan.FromSeconds(10);
        MaxMessageBytes = broker.MaxMessageBytes;
    }

    /// <summary>The largest message the broker takes.</summary>
    public int MaxMessageBytes { get; }

    /// <summary>
    /// Sends <paramref name="records"/> to <paramref name="topic"/> for <paramref name="principal"/>; one outcome
    /// per record, in order, once each is durable or failed. Throws <see cref="AccessDeniedException"/> (nothing
    /// sent) when the principal may not produce there.
    /// </summary>
    public async Task<ProduceOutcome[]> PublishAsync(Principal principal, string topic, IReadOnlyList<ProduceRecord> records)
    {
        AuthorizeProduce(principal, topic);
        CallerIdentity.Set(principal); // a topic created by this publish counts against its principal
        var outcomes = await SendAsync(topic, records, Enumerable.Range(0, records.Count).ToArray(), new ProduceOutcome[records.Count]);
        var stale = Enumerable.Range(0, records.Count).Where(i => outcomes[i].Error is UnknownTopicException or ObjectDisposedException).ToArray();
        return stale.Length == 0 ? outcomes : await SendAsync(topic, records, stale, outcomes);
    }

    /// <summary>
    /// Appends <paramref name="batch"/> as it is to the partition the client chose (Kafka clients pick partitions
    /// themselves), creating the topic with its name's defaults if needed; returns the batch's base offset once it
    /// is durable. Throws <see cref="ArgumentOutOfRangeException"/> for a partition the topic does not have; the
    /// partition checks the batch itself (<see cref="Records.ProducedBatches"/>). The partition is called first: it
    /// knows its topic, so an append to a topic that exists costs one call, not a topic lookup as well.
    /// </summary>
    public async Task<long> AppendAsync(Principal principal, string topic, int partition, ProduceBatch batch)
    {
        var name = AuthorizeProduce(principal, topic);
        CallerIdentity.Set(principal);
        var grain = _grains.GetPartitionGrain(new TopicPartition(name, partition));
        try
        {
            return await grain.AppendAsync(batch);
        }
        catch (UnknownTopicException)
        {
            // The topic's first message: created with its name's defaults, then appended to.
        }
        var info = await _grains.GetGrain<ITopicGrain>(name).GetOrCreateAsync();
        if (partition < 0 || partition >= info.Partitions)
            throw new ArgumentOutOfRangeException(nameof(partition), partition, $"topic '{name}' has partitions 0 to {info.Partitions - 1}");
        return await grain.AppendAsync(batch);
    }

    /// <summary>Sends <paramref name="records"/> to one of the broker's own topics (no principal is checked); one outcome per record.</summary>
    internal Task<ProduceOutcome[]> PublishForBrokerAsync(string topic, IReadOnlyList<ProduceRecord> records) =>
        SendAsync(topic, records, Enumerable.Range(0, records.Count).ToArray(), new ProduceOutcome[records.Count]);

    /// <summary>
    /// The one produce check of every door: throws <see cref="AccessDeniedException"/> unless <paramref name="principal"/>
    /// may publish to <paramref name="topic"/> (also for what a door publishes later on a client's behalf, such as an
    /// MQTT will); returns the topic's name.
    /// </summary>
    public static string AuthorizeProduce(Principal principal, string topic)
    {
        var name = TopicName.Parse(topic).Value;
        AccessPolicy.Authorize(principal, BrokerOperation.Produce, name);
        return name;
    }

    public ValueTask DisposeAsync() => _producer.DisposeAsync();

    private async Task<ProduceOutcome[]> SendAsync(string topic, IReadOnlyList<ProduceRecord> records, int[] indexes, ProduceOutcome[] outcomes)
    {
        var sends = indexes.Select(i => Send(topic, records[i])).ToArray();
        for (var n = 0; n < indexes.Length; n++)
        {
            try
            {
                outcomes[indexes[n]] = new ProduceOutcome(await sends[n].WaitAsync(_answerTimeout), null);
            }
            catch (Exception error)
            {
                outcomes[indexes[n]] = new ProduceOutcome(null, error);
            }
        }
        return outcomes;
    }

    private Task<DeliveryResult> Send(string topic, ProduceRecord record)
    {
        try
        {
            return _producer.ProduceAsync(topic, record.Key, record.Payload, record.Headers);
        }
        catch (Exception error)
        {
            return Task.FromException<DeliveryResult>(error);
        }
    }
}

/// <summary>What became of one message: where it was stored, or why it was not.</summary>
public readonly record struct ProduceOutcome(DeliveryResult? Result, Exception? Error);

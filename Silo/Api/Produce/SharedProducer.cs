using AkLight.Client.Producing;
using AkLight.Grains.Options;

namespace AkLight.Silo.Api.Produce;

/// <summary>
/// The silo's batching producer for HTTP produce requests, sharing batches between concurrent requests.
/// A producer remembers each topic's partition count, so after a topic is deleted (here or through another
/// silo) it is replaced by a fresh one and the affected messages are sent again, once.
/// </summary>
internal sealed class SharedProducer : IAsyncDisposable
{
    private readonly Func<Producer> _create;
    private readonly TimeSpan _answerTimeout;
    private Producer _current;

    public SharedProducer(IGrainFactory grains, BrokerOptions broker, HttpSettings http)
    {
        _create = () => new Producer(grains, new ProducerOptions { MaxMessageBytes = broker.MaxMessageBytes, DeliveryTimeout = http.ProduceTimeout });
        _current = _create();
        // The producer answers within its delivery timeout; this only guards against a send lost in a replacement.
        _answerTimeout = http.ProduceTimeout + TimeSpan.FromSeconds(10);
        MaxMessageBytes = broker.MaxMessageBytes;
    }

    /// <summary>The largest message the broker takes.</summary>
    public int MaxMessageBytes { get; }

    /// <summary>Sends <paramref name="records"/> to <paramref name="topic"/>; one outcome per record, in order, once each is durable or failed.</summary>
    public async Task<ProduceOutcome[]> ProduceAsync(string topic, IReadOnlyList<ProduceRecord> records)
    {
        var outcomes = await SendAsync(Volatile.Read(ref _current), topic, records, Enumerable.Range(0, records.Count).ToArray(), new ProduceOutcome[records.Count]);
        var stale = Enumerable.Range(0, records.Count).Where(i => outcomes[i].Error is UnknownTopicException or ObjectDisposedException).ToArray();
        if (stale.Length == 0) return outcomes;
        // The route was of a deleted topic, or the producer was replaced meanwhile: publishing creates the topic afresh.
        if (stale.Any(i => outcomes[i].Error is UnknownTopicException)) await ForgetAsync();
        return await SendAsync(Volatile.Read(ref _current), topic, records, stale, outcomes);
    }

    /// <summary>Starts a fresh producer, so no partition count of a deleted topic is remembered; the old one finishes its sends.</summary>
    public async Task ForgetAsync()
    {
        var old = Interlocked.Exchange(ref _current, _create());
        await old.DisposeAsync();
    }

    public ValueTask DisposeAsync() => Volatile.Read(ref _current).DisposeAsync();

    private async Task<ProduceOutcome[]> SendAsync(Producer producer, string topic, IReadOnlyList<ProduceRecord> records, int[] indexes, ProduceOutcome[] outcomes)
    {
        var sends = indexes.Select(i => Send(producer, topic, records[i])).ToArray();
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

    private static Task<DeliveryResult> Send(Producer producer, string topic, ProduceRecord record)
    {
        try
        {
            return producer.ProduceAsync(topic, record.Key, record.Payload, record.Headers);
        }
        catch (Exception error)
        {
            return Task.FromException<DeliveryResult>(error);
        }
    }
}

/// <summary>What became of one message: where it was stored, or why it was not.</summary>
internal readonly record struct ProduceOutcome(DeliveryResult? Result, Exception? Error);

using System.Collections.Concurrent;

namespace AkLight.Cluster.PostgresTests.Cluster;

/// <summary>
/// A bounded keyed load: each producer sends <c>rounds</c> rounds of one message per key, with payload
/// "key:seq", one round every <c>pace</c>, keeping a bounded number of rounds in flight. Records every
/// acknowledgement and when it came.
/// </summary>
public sealed class KeyedLoad(string topic, int keysPerProducer, int rounds, TimeSpan pace, int roundsInFlight = 8)
{
    private readonly ConcurrentBag<Acknowledged> _acknowledged = [];
    private readonly ConcurrentBag<string> _failed = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public int Acknowledged => _acknowledged.Count;
    public IReadOnlyCollection<Acknowledged> Acknowledgements => _acknowledged;
    public IReadOnlyCollection<string> Failures => _failed;
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Runs producer number <paramref name="producerIndex"/> to the end of its rounds, or until <paramref name="stop"/>.</summary>
    public async Task RunAsync(Producer producer, int producerIndex, CancellationToken stop = default)
    {
        await producer.GetPartitionCountAsync(topic); // route known before the first send: sends queue in call order
        var inFlight = new Queue<Task>();
        for (var seq = 0; seq < rounds && !stop.IsCancellationRequested; seq++)
        {
            var round = new Task[keysPerProducer];
            for (var k = 0; k < keysPerProducer; k++)
                round[k] = SendAsync(producer, $"p{producerIndex}-k{k:00}", seq);
            inFlight.Enqueue(Task.WhenAll(round));
            if (inFlight.Count >= roundsInFlight) await inFlight.Dequeue();
            await Task.Delay(pace);
        }
        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(Producer producer, string key, int seq)
    {
        try
        {
            var delivery = await producer.ProduceAsync(topic, key, $"{key}:{seq}");
            _acknowledged.Add(new Acknowledged(key, seq, delivery.Partition, delivery.Offset, _clock.Elapsed));
        }
        catch (Exception error)
        {
            _failed.Add($"{key}:{seq}: {error.GetType().Name}: {error.Message}");
        }
    }

    /// <summary>Longest time without any acknowledgement after <paramref name="from"/> (the kill), for one key prefix.</summary>
    public TimeSpan LongestGapAfter(TimeSpan from, string keyPrefix) =>
        LongestGap(_acknowledged.Where(a => a.Key.StartsWith(keyPrefix, StringComparison.Ordinal)).Select(a => a.At), from);

    /// <summary>Longest time between two of <paramref name="times"/> (or <paramref name="from"/> and the first) at or after <paramref name="from"/>.</summary>
    public static TimeSpan LongestGap(IEnumerable<TimeSpan> times, TimeSpan from)
    {
        var gap = TimeSpan.Zero;
        var previous = from;
        foreach (var t in times.Where(t => t >= from).Order())
        {
            if (t - previous > gap) gap = t - previous;
            previous = t;
        }
        return gap;
    }

    /// <summary>(key, seq) of a stored message's payload "key:seq".</summary>
    public static (string Key, int Seq) Parse(ConsumedMessage message)
    {
        var text = Encoding.UTF8.GetString(message.Payload!);
        var colon = text.LastIndexOf(':');
        return (text[..colon], int.Parse(text[(colon + 1)..]));
    }
}

/// <summary>One acknowledged message: what was sent and where the broker said it was stored.</summary>
public sealed record Acknowledged(string Key, int Seq, int Partition, long Offset, TimeSpan At);

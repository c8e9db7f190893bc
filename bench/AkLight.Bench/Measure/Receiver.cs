using System.Collections.Concurrent;

namespace AkLight.Bench.Measure;

/// <summary>
/// Where a consumer hands every message it receives: decodes the producer id, sequence and send time, and
/// records the delivery in that producer's run. Messages of no known producer are counted as strays.
/// </summary>
internal sealed class Receiver
{
    private static int _lastProducerId;
    private readonly ConcurrentDictionary<int, ProducerLedger> _producers = new();
    private long _strays;
    private long _malformed;
    private long _total;

    public long Strays => Interlocked.Read(ref _strays);

    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Every message received, whatever it was.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>A new producer of <paramref name="run"/>, with an id unique in this process.</summary>
    public ProducerLedger AddProducer(RunLedger run)
    {
        var ledger = run.AddProducer(Interlocked.Increment(ref _lastProducerId));
        _producers[ledger.ProducerId] = ledger;
        return ledger;
    }

    public void OnMessage(ReadOnlySpan<byte> payload) => OnMessage(payload, Stopwatch.GetTimestamp());

    /// <summary>A delivery; <paramref name="position"/> identifies where the broker kept the message, -1 when unknown.</summary>
    public void OnMessage(ReadOnlySpan<byte> payload, long receivedTimestamp, long position = -1)
    {
        Interlocked.Increment(ref _total);
        if (!MetricPayload.TryRead(payload, out var producer, out var sequence, out var sent))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }
        if (_producers.TryGetValue(producer, out var ledger)) ledger.Run.OnReceived(ledger, sequence, sent, receivedTimestamp, position);
        else Interlocked.Increment(ref _strays);
    }
}

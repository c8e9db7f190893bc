using HdrHistogram;

namespace AkLight.Bench.Measure;

/// <summary>
/// The counts and latencies of one run: acknowledged, failed, received once, received again, the end-to-end
/// latency of every first delivery and the acknowledgement latency of every send (microseconds, HdrHistogram).
/// </summary>
internal sealed class RunLedger
{
    private readonly object _gate = new();
    private readonly List<ProducerLedger> _producers = [];
    private readonly LongHistogram _latency = new(TimeSpan.FromMinutes(10).Ticks / 10, 3);
    private readonly LongHistogram _ackLatency = new(TimeSpan.FromMinutes(10).Ticks / 10, 3);
    private long _acked;
    private long _failed;
    private long _received;
    private long _duplicates;
    private long _storedTwice;
    private long _lastAck;
    private long _lastReceive;

    public long StartTimestamp { get; set; }

    public long ProduceEndTimestamp { get; set; }

    public string? FirstError { get; private set; }

    public long Acked => Interlocked.Read(ref _acked);

    public long Received
    {
        get
        {
            lock (_gate) return _received;
        }
    }

    public ProducerLedger AddProducer(int producerId)
    {
        var ledger = new ProducerLedger(producerId, this);
        lock (_gate) _producers.Add(ledger);
        return ledger;
    }

    public void OnAcked(long sentTimestamp)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _acked);
        Interlocked.Exchange(ref _lastAck, now);
        lock (_ackLatency) _ackLatency.RecordValue(Micros(sentTimestamp, now));
    }

    public void OnFailed(ProducerLedger producer, long sequence, Exception error)
    {
        producer.MarkFailed(sequence);
        Interlocked.Increment(ref _failed);
        lock (_gate) FirstError ??= $"{error.GetType().Name}: {error.Message}";
    }

    /// <summary>A delivery; <paramref name="position"/> is where the broker kept it (-1 when it does not say).</summary>
    public void OnReceived(ProducerLedger producer, long sequence, long sentTimestamp, long receivedTimestamp, long position)
    {
        lock (_gate)
        {
            if (!producer.MarkReceived(sequence))
            {
                _duplicates++;
                if (producer.SamePosition(sequence, position, first: false) == false) _storedTwice++;
                return;
            }
            producer.SamePosition(sequence, position, first: true);
            _received++;
            _lastReceive = receivedTimestamp;
            _latency.RecordValue(Micros(sentTimestamp, receivedTimestamp));
        }
    }

    /// <summary>Per producer (in the order added), the first acknowledged sequence numbers not received.</summary>
    public IReadOnlyList<List<long>> Missing(int maxPerProducer)
    {
        lock (_gate) return _producers.Select(p => p.Missing(maxPerProducer)).ToArray();
    }

    /// <summary>The run's figures, once producers are done and the consumer has caught up (or given up).</summary>
    public RunCounts Snapshot()
    {
        lock (_gate)
        {
            var lost = _producers.Sum(p => p.CountLost());
            var sent = _producers.Sum(p => p.Sent);
            return new RunCounts(sent, Acked, Interlocked.Read(ref _failed), _received, _duplicates, _storedTwice, lost,
                Seconds(StartTimestamp, Interlocked.Read(ref _lastAck)), Seconds(StartTimestamp, _lastReceive),
                Summary(_latency), Summary(_ackLatency));
        }
    }

    private LatencySummary? Summary(LongHistogram histogram)
    {
        lock (histogram)
            return histogram.TotalCount == 0 ? null : new LatencySummary(
                histogram.GetValueAtPercentile(50) / 1000.0,
                histogram.GetValueAtPercentile(99) / 1000.0,
                histogram.GetValueAtPercentile(99.9) / 1000.0,
                histogram.GetMaxValue() / 1000.0);
    }

    private static long Micros(long from, long to) =>
        Math.Clamp((to - from) * 1_000_000 / Stopwatch.Frequency, 1, TimeSpan.FromMinutes(10).Ticks / 10);

    private static double Seconds(long from, long to) => to <= from ? 0 : (to - from) / (double)Stopwatch.Frequency;
}

/// <summary>
/// Counts of one run. Durations run from the first send to the last acknowledgement / first delivery. Latency is
/// send to delivery; AckLatency is send to acknowledgement (the store's share of it). StoredTwice: duplicates
/// that the broker kept at two places (a producer retry), as opposed to one message delivered twice.
/// </summary>
internal sealed record RunCounts(
    long Sent, long Acked, long Failed, long Received, long Duplicates, long StoredTwice, long Lost,
    double ProduceSeconds, double EndToEndSeconds, LatencySummary? Latency, LatencySummary? AckLatency)
{
    public double ProduceRate => ProduceSeconds > 0 ? Acked / ProduceSeconds : 0;

    public double EndToEndRate => EndToEndSeconds > 0 ? Received / EndToEndSeconds : 0;
}

/// <summary>End-to-end latency percentiles, milliseconds.</summary>
internal sealed record LatencySummary(double P50, double P99, double P999, double Max);

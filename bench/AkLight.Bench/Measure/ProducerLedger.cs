namespace AkLight.Bench.Measure;

/// <summary>What one producer of a run sent, what failed to be acknowledged, and what the consumer received.</summary>
internal sealed class ProducerLedger(int producerId, RunLedger run)
{
    private readonly SequenceSet _received = new();
    private readonly SequenceSet _failed = new();
    private long[] _positions = [];

    public int ProducerId { get; } = producerId;

    public RunLedger Run { get; } = run;

    /// <summary>Messages handed to the client (sequence numbers 0 to Sent - 1).</summary>
    public long Sent { get; set; }

    /// <summary>Records a delivery; false for a duplicate. Called under the run's lock.</summary>
    internal bool MarkReceived(long sequence) => _received.Add(sequence);

    /// <summary>
    /// Remembers where in the broker a message was first delivered from (position + 1; 0 = unknown), and for a
    /// duplicate says whether it came from the same place (delivered again) or another (stored twice).
    /// </summary>
    internal bool? SamePosition(long sequence, long position, bool first)
    {
        if (position < 0) return null;
        if (first)
        {
            if (sequence >= _positions.Length) Array.Resize(ref _positions, (int)Math.Max(sequence + 1, Math.Max(1024, _positions.Length * 2L)));
            _positions[sequence] = position + 1;
            return null;
        }
        return sequence < _positions.Length && _positions[sequence] != 0 ? _positions[sequence] == position + 1 : null;
    }

    internal void MarkFailed(long sequence)
    {
        lock (_failed) _failed.Add(sequence);
    }

    /// <summary>Sequence numbers acknowledged but not (yet) received, the first <paramref name="max"/>. Call under the run's lock.</summary>
    internal List<long> Missing(int max)
    {
        var missing = new List<long>();
        lock (_failed)
            for (long s = 0; s < Sent && missing.Count < max; s++)
                if (!_received.Contains(s) && !_failed.Contains(s)) missing.Add(s);
        return missing;
    }

    /// <summary>Acknowledged messages the consumer never received. Call after the run, under the run's lock.</summary>
    internal long CountLost()
    {
        long lost = 0;
        lock (_failed)
            for (long s = 0; s < Sent; s++)
                if (!_received.Contains(s) && !_failed.Contains(s)) lost++;
        return lost;
    }
}

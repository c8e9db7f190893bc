namespace AkLight.Bench.Workload;

/// <summary>
/// Sends at a fixed rate: message <c>n</c> is due at <c>start + n / rate</c>. The due time, not the actual send
/// time, is what latency is measured from, so a stalled sender shows up as latency (no coordinated omission).
/// </summary>
internal sealed class Pacer(double ratePerSecond, long startTimestamp)
{
    private readonly double _ticksPerMessage = Stopwatch.Frequency / ratePerSecond;

    public long DueTimestamp(long sequence) => startTimestamp + (long)(sequence * _ticksPerMessage);

    /// <summary>Waits until message <paramref name="sequence"/> is due (sleeping in ~1 ms steps; messages that are due go out together).</summary>
    public async ValueTask WaitUntilDueAsync(long sequence, CancellationToken cancellationToken)
    {
        var due = DueTimestamp(sequence);
        for (var step = 0; step < 100_000 && Stopwatch.GetTimestamp() < due; step++)
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
    }
}

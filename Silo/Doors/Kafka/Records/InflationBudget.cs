namespace AkLight.Silo.Doors.Kafka.Records;

/// <summary>
/// The bytes that compressed record batches may inflate to. A few kilobytes of gzip can stand for gigabytes of
/// records, so inflating stops once this many bytes have come out: one budget shared by a request's partitions
/// bounds the whole request, as if its client had sent the records uncompressed.
/// </summary>
public sealed class InflationBudget(long maxBytes)
{
    private long _left = maxBytes;

    /// <summary>The bytes this budget started with.</summary>
    public long MaxBytes { get; } = maxBytes;

    /// <summary>The bytes still allowed (never below zero).</summary>
    public long Left => Math.Max(0, Interlocked.Read(ref _left));

    /// <summary>
    /// Counts <paramref name="bytes"/> more inflated bytes; throws <see cref="InvalidRecordException"/> when they go past
    /// the budget, before the caller keeps them.
    /// </summary>
    public void Take(int bytes)
    {
        if (Interlocked.Add(ref _left, -bytes) < 0)
            throw new InvalidRecordException(
                $"compressed record batches inflate past {MaxBytes} bytes, the most one request may carry uncompressed " +
                $"({KafkaOptions.Section}:MaxRequestBytes): send smaller batches");
    }
}

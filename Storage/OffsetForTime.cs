namespace AkLight.Storage;

/// <summary>
/// Finds the first offset at or after a timestamp by binary search over offsets. Timestamps only grow
/// within a partition (broker log-append time), so "the first record at or after offset o has a timestamp
/// at or after t" is false and then true as o grows. Searching the primary key this way costs about
/// log2(records) point reads and spares the log a time index that every append would have to update.
/// </summary>
public static class OffsetForTime
{
    /// <summary>The first record at or after an offset: its offset and timestamp, or null past the last record.</summary>
    public delegate ValueTask<(long Offset, long TimestampMs)?> FirstAtOrAfter(long offset);

    /// <summary>
    /// The first offset in [<paramref name="start"/>, <paramref name="end"/>) whose record has a timestamp at
    /// or after <paramref name="timestampMs"/>, or null when there is none. Works across gaps left by compaction.
    /// </summary>
    public static async ValueTask<long?> SearchAsync(long start, long end, long timestampMs, FirstAtOrAfter firstAtOrAfter)
    {
        var low = start;
        var high = end;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            var found = await firstAtOrAfter(middle).ConfigureAwait(false);
            if (found is not { } record || record.Offset >= end || record.TimestampMs >= timestampMs)
                high = middle;
            else
                low = record.Offset + 1; // the record and everything before it is older
        }
        if (low >= end) return null;
        var first = await firstAtOrAfter(low).ConfigureAwait(false);
        return first is { } hit && hit.Offset < end && hit.TimestampMs >= timestampMs ? hit.Offset : null;
    }
}

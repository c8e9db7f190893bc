using AkLight.Records;

namespace AkLight.Storage;

/// <summary>The rule every store checks an append against before it writes: batches that follow one another.</summary>
internal static class AppendedBatches
{
    /// <summary>The offset the log ends at after <paramref name="batches"/>; throws when one does not start where the one before ends.</summary>
    public static long EndAfter(IReadOnlyList<RecordBatch> batches)
    {
        for (var i = 1; i < batches.Count; i++)
            if (batches[i].BaseOffset != batches[i - 1].NextOffset)
                throw new ArgumentException($"batches of one append must follow one another: a batch at {batches[i].BaseOffset} follows one ending at {batches[i - 1].NextOffset}", nameof(batches));
        return batches[^1].NextOffset;
    }

    /// <summary>
    /// The refusal of an append that does not start at the stored log end: another writer of the partition (a second
    /// activation) got there first, and storing it would fork the log.
    /// </summary>
    public static StaleWriterException Refused(long topicId, int partition, long baseOffset, long nextOffset, long storedEnd) =>
        new($"topic {topicId} partition {partition}", baseOffset, nextOffset, storedEnd);
}

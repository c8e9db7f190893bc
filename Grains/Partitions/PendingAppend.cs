using AkLight.Records;

namespace AkLight.Grains.Partitions;

/// <summary>
/// A batch waiting for its write, in an array of its own; its producer waits on <see cref="Acknowledged"/>. It
/// gets its offsets only when its write begins (<see cref="Stamp(List{PendingAppend}, long, long)"/>), from the log
/// end the partition knows then: a batch that waited while an earlier write failed and the log end was read back
/// cannot hold offsets from before.
/// </summary>
internal sealed class PendingAppend(ProduceBatch batch)
{
    public ProduceBatch Batch { get; } = batch;

    // Copied, because the partition stamps it in place: a sender in this silo hands over its array by reference
    // (ProduceBatch is immutable to Orleans), and a sender that retries sends that same array again.
    public RecordBatch Encoded { get; } = new(batch.Batch.Bytes.ToArray());

    public int Count => Batch.Count;

    public long BaseOffset => Encoded.BaseOffset;

    public long TimestampMs => Encoded.TimestampMs;

    public TaskCompletionSource<long> Acknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gives a round's batches their offsets one after another from <paramref name="baseOffset"/>, all at <paramref name="timestampMs"/>.</summary>
    public static RecordBatch[] Stamp(List<PendingAppend> round, long baseOffset, long timestampMs)
    {
        var batches = new RecordBatch[round.Count];
        for (var i = 0; i < batches.Length; i++)
        {
            var encoded = round[i].Encoded;
            encoded.Stamp(baseOffset, timestampMs);
            batches[i] = encoded;
            baseOffset = encoded.NextOffset;
        }
        return batches;
    }

    /// <summary>The batch's messages as consumers get them, read from its stamped bytes.</summary>
    public IEnumerable<ConsumedMessage> Messages(TopicPartition partition) =>
        RecordBatchMessages.Read([Encoded], partition, 0, long.MaxValue, int.MaxValue, int.MaxValue);
}

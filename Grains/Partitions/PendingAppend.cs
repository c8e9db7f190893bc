namespace AkLight.Grains.Partitions;

/// <summary>
/// A batch waiting for its write; its producer waits on <see cref="Acknowledged"/>. It gets its offsets only
/// when its write begins (<see cref="AssignOffsets(TopicPartition, long, long)"/>), from the log end the partition knows then: a batch that
/// waited while an earlier write failed and the log end was read back cannot hold offsets from before.
/// </summary>
internal sealed class PendingAppend(ProduceBatch batch)
{
    public ProduceBatch Batch { get; } = batch;

    public LogRecord[] Records { get; private set; } = [];

    public ConsumedMessage[] Messages { get; private set; } = [];

    public long BaseOffset => Records[0].Offset;

    public TaskCompletionSource<long> Acknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Numbers a round's batches one after another from <paramref name="baseOffset"/>; returns all their records.</summary>
    public static LogRecord[] AssignOffsets(List<PendingAppend> round, TopicPartition partition, long baseOffset, long timestampMs)
    {
        foreach (var pending in round) baseOffset = pending.AssignOffsets(partition, baseOffset, timestampMs);
        return round.Count == 1 ? round[0].Records : round.SelectMany(p => p.Records).ToArray();
    }

    /// <summary>Numbers the records from <paramref name="baseOffset"/>, all with the write's timestamp; returns the next offset.</summary>
    public long AssignOffsets(TopicPartition partition, long baseOffset, long timestampMs)
    {
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(timestampMs);
        var records = new LogRecord[Batch.Records.Length];
        var messages = new ConsumedMessage[Batch.Records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            var r = Batch.Records[i];
            var offset = baseOffset + i;
            records[i] = new LogRecord(offset, timestampMs, r.Key, r.Payload, HeaderCodec.Encode(r.Headers));
            messages[i] = new ConsumedMessage(partition.Topic, partition.Partition, offset, timestamp, r.Key, r.Payload, r.Headers);
        }
        Records = records;
        Messages = messages;
        return baseOffset + records.Length;
    }
}

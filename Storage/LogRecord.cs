namespace AkLight.Storage;

/// <summary>One message as the log store keeps it: headers already encoded, timestamp in Unix milliseconds.</summary>
public sealed record class LogRecord(long Offset, long TimestampMs, byte[]? Key, byte[]? Payload, byte[]? Headers)
{
    /// <summary>Bytes this record counts for in reads bounded by size.</summary>
    public int Size => (Key?.Length ?? 0) + (Payload?.Length ?? 0) + (Headers?.Length ?? 0);

    /// <summary>The record as consumers get it, in <paramref name="partition"/>.</summary>
    public ConsumedMessage ToMessage(TopicPartition partition) => new(partition.Topic, partition.Partition, Offset,
        DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs), Key, Payload, HeaderCodec.Decode(Headers));
}

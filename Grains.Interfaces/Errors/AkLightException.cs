namespace AkLight;

/// <summary>A broker error a client can act on; the message names the problem.</summary>
[GenerateSerializer, Alias("AkLight.AkLightException")]
public class AkLightException : Exception
{
    public AkLightException(string message) : base(message) { }

    public AkLightException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A read or seek outside a partition's log; says which offsets exist.</summary>
[GenerateSerializer, Alias("AkLight.OffsetOutOfRangeException")]
public sealed class OffsetOutOfRangeException(string message, TopicPartition partition, long requested, LogBounds bounds)
    : AkLightException(message)
{
    [Id(0)] public TopicPartition Partition { get; } = partition;
    [Id(1)] public long Requested { get; } = requested;
    [Id(2)] public LogBounds Bounds { get; } = bounds;

    public static OffsetOutOfRangeException For(TopicPartition partition, long requested, LogBounds bounds) =>
        new($"offset out of range: {partition} has offsets {bounds.StartOffset} (earliest available) to {bounds.EndOffset} (log end), requested {requested}",
            partition, requested, bounds);
}

/// <summary>A session id that is not open (never opened, closed, or non-persistent and lost with its silo).</summary>
[GenerateSerializer, Alias("AkLight.UnknownSessionException")]
public sealed class UnknownSessionException(string sessionId)
    : AkLightException($"unknown session '{sessionId}': it is not open; open it first (non-persistent sessions do not survive a broker restart)")
{
    [Id(0)] public string SessionId { get; } = sessionId;
}

/// <summary>A topic that does not exist where one was required.</summary>
[GenerateSerializer, Alias("AkLight.UnknownTopicException")]
public sealed class UnknownTopicException(string topic)
    : AkLightException($"unknown topic '{topic}'")
{
    [Id(0)] public string Topic { get; } = topic;
}

/// <summary>A message larger than the broker accepts.</summary>
[GenerateSerializer, Alias("AkLight.MessageTooLargeException")]
public sealed class MessageTooLargeException(int size, int limit)
    : AkLightException($"message of {size} bytes is over the limit of {limit} bytes (AkLight:Broker:MaxMessageBytes)")
{
    [Id(0)] public int Size { get; } = size;
    [Id(1)] public int Limit { get; } = limit;
}

/// <summary>The message store could not be reached or refused a write; nothing of the failed batch was acknowledged.</summary>
[GenerateSerializer, Alias("AkLight.StoreUnavailableException")]
public sealed class StoreUnavailableException : AkLightException
{
    public StoreUnavailableException(string message) : base(message) { }

    public StoreUnavailableException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A produced record batch that is not one the broker keeps (malformed, compressed, or with a wrong checksum); names what is wrong.</summary>
[GenerateSerializer, Alias("AkLight.InvalidRecordBatchException")]
public sealed class InvalidRecordBatchException(string message) : AkLightException($"invalid record batch: {message}");

/// <summary>
/// An append refused because another activation of the partition wrote since this one read the log end (a brief second
/// activation while cluster membership changes): nothing of it was stored, and the refused activation stops; retrying
/// reaches the partition's current one. Names the partition, the offsets the append would have taken and the stored end.
/// </summary>
[GenerateSerializer, Alias("AkLight.StaleWriterException")]
public sealed class StaleWriterException(string partition, long baseOffset, long nextOffset, long storedEndOffset)
    : AkLightException($"stale writer of {partition}: an append at offsets {baseOffset} to {nextOffset - 1} was refused because the stored log " +
        $"ends at {storedEndOffset} (another activation of the partition wrote since); nothing of it was stored, retry")
{
    [Id(0)] public string Partition { get; } = partition;
    [Id(1)] public long BaseOffset { get; } = baseOffset;
    [Id(2)] public long NextOffset { get; } = nextOffset;
    [Id(3)] public long StoredEndOffset { get; } = storedEndOffset;

    /// <summary>The same refusal, naming the partition as a client knows it (the store names it by topic id).</summary>
    public StaleWriterException For(string partition) => new(partition, BaseOffset, NextOffset, StoredEndOffset);
}

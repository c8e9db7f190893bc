using AkLight.Grains.Storage;

namespace AkLight.Grains.Partitions;

/// <summary>A batch that has offsets but is not yet durable; its producer waits on <see cref="Acknowledged"/>.</summary>
internal sealed class PendingAppend(LogRecord[] records, ConsumedMessage[] messages)
{
    public LogRecord[] Records { get; } = records;

    public ConsumedMessage[] Messages { get; } = messages;

    public long BaseOffset => Records[0].Offset;

    public TaskCompletionSource<long> Acknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

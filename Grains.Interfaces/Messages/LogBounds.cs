namespace AkLight;

/// <summary>
/// A partition log's bounds: the log start offset (oldest message kept) and the log end offset
/// (the offset the next message gets; also the high-water mark, as everything acknowledged is committed).
/// </summary>
[GenerateSerializer, Immutable, Alias("AkLight.LogBounds")]
public readonly record struct LogBounds([property: Id(0)] long StartOffset, [property: Id(1)] long EndOffset)
{
    /// <summary>Messages currently kept.</summary>
    public long Count => EndOffset - StartOffset;
}

/// <summary>Messages read from one partition, with the log's bounds at the time of the read.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.PartitionReadResult")]
public sealed record class PartitionReadResult(
    [property: Id(0)] IReadOnlyList<ConsumedMessage> Messages,
    [property: Id(1)] LogBounds Bounds);

/// <summary>Record batches read from one partition (the first may start before the offset asked), with the log's bounds at the time of the read.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.PartitionBatches")]
public sealed record class PartitionBatches(
    [property: Id(0)] IReadOnlyList<AkLight.Records.RecordBatch> Batches,
    [property: Id(1)] LogBounds Bounds);

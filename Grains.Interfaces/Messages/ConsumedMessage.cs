namespace AkLight;

/// <summary>A message as stored in a partition's log and delivered to consumers.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.ConsumedMessage")]
public sealed record class ConsumedMessage(
    [property: Id(0)] string Topic,
    [property: Id(1)] int Partition,
    [property: Id(2)] long Offset,
    [property: Id(3)] DateTimeOffset Timestamp,
    [property: Id(4)] byte[]? Key,
    [property: Id(5)] byte[]? Payload,
    [property: Id(6)] IReadOnlyList<MessageHeader>? Headers);

namespace AkLight;

/// <summary>A message as a producer sends it. The broker adds partition, offset and timestamp.</summary>
/// <param name="Key">Picks the partition (Kafka's murmur2 partitioner); null spreads messages round-robin.</param>
/// <param name="Payload">The message body; null with a key is a tombstone, distinct from an empty payload.</param>
/// <param name="Headers">Optional name/value pairs carried with the message.</param>
[GenerateSerializer, Immutable, Alias("AkLight.ProduceRecord")]
public sealed record class ProduceRecord(
    [property: Id(0)] byte[]? Key,
    [property: Id(1)] byte[]? Payload,
    [property: Id(2)] IReadOnlyList<MessageHeader>? Headers = null)
{
    /// <summary>Bytes this record occupies in a batch: what the payload limit and batch sizes count.</summary>
    public int SizeInBytes => (Key?.Length ?? 0) + (Payload?.Length ?? 0) + MessageHeader.SizeOf(Headers);
}

/// <summary>A message header: a name and a UTF-8 text value.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.MessageHeader")]
public sealed record class MessageHeader([property: Id(0)] string Name, [property: Id(1)] string Value)
{
    internal static int SizeOf(IReadOnlyList<MessageHeader>? headers)
    {
        if (headers is null) return 0;
        var size = 0;
        foreach (var h in headers) size += System.Text.Encoding.UTF8.GetByteCount(h.Name) + System.Text.Encoding.UTF8.GetByteCount(h.Value);
        return size;
    }
}

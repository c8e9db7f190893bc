using System.Text.Json;
using AkLight.Silo.Doors.Http.Json;

namespace AkLight.Silo.Doors.Http.Produce;

/// <summary>One message to produce.</summary>
public class ProduceMessage
{
    /// <summary>Picks the partition (Kafka's murmur2 partitioner). Text, or base64 with <see cref="KeyEncoding"/> "base64"; null: round-robin.</summary>
    public string? Key { get; set; }

    /// <summary>"base64" when <see cref="Key"/> is base64; otherwise the key is UTF-8 text.</summary>
    public string? KeyEncoding { get; set; }

    /// <summary>
    /// Required. A string: UTF-8 text, or base64 with <see cref="Encoding"/> "base64". Any other JSON value (an
    /// object, a number) is stored as its JSON text. null is a tombstone (with a key).
    /// </summary>
    public JsonElement Payload { get; set; }

    /// <summary>"base64" when <see cref="Payload"/> is base64; otherwise the payload is UTF-8 text.</summary>
    public string? Encoding { get; set; }

    /// <summary>Optional headers: name/value pairs, names may repeat.</summary>
    public List<HeaderJson>? Headers { get; set; }
}

/// <summary>
/// A produce request: a topic and either one message (its fields at the top level) or a batch in <see cref="Messages"/>.
/// </summary>
public sealed class ProduceRequest : ProduceMessage
{
    /// <summary>The topic name (no <c>+</c> or <c>#</c>); created with its defaults on first publish.</summary>
    public string? Topic { get; set; }

    /// <summary>A batch; leave out the top-level key and payload then.</summary>
    public List<ProduceMessage>? Messages { get; set; }
}

/// <summary>Where each message was stored, in request order, once durable.</summary>
public sealed record class ProduceResponse(IReadOnlyList<DeliveryJson> Results);

/// <summary>Where one message was stored.</summary>
public sealed record class DeliveryJson(string Topic, int Partition, long Offset);

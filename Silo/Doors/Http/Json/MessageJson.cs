using System.Globalization;
using System.Text.Json.Serialization;

namespace AkLight.Silo.Doors.Http.Json;

/// <summary>
/// A message as the API returns it: the shape of the Consumer tool's <c>--json</c> lines,
/// <c>{"topic","partition","offset","key","timestamp","payload"}</c>. Key and payload are UTF-8 text when valid,
/// else base64 flagged by <c>"keyEncoding":"base64"</c> / <c>"encoding":"base64"</c>; <c>headers</c> only when present.
/// </summary>
public sealed record class MessageJson(
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? KeyEncoding,
    string Timestamp,
    string? Payload,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Encoding,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HeaderJson>? Headers)
{
    /// <summary>The JSON form of a stored message.</summary>
    public static MessageJson From(ConsumedMessage message)
    {
        var (key, keyEncoding) = Utf8Text.Encode(message.Key);
        var (payload, encoding) = Utf8Text.Encode(message.Payload);
        return new MessageJson(
            message.Topic, message.Partition, message.Offset, key, keyEncoding,
            message.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            payload, encoding,
            message.Headers is { Count: > 0 } headers ? headers.Select(h => new HeaderJson(h.Name, h.Value)).ToArray() : null);
    }
}

/// <summary>A message header: a name and a text value. Names may repeat.</summary>
public sealed record class HeaderJson(string Name, string Value);

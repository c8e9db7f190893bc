using System.Text;
using System.Text.Json;
using AkLight.Silo.Doors.Http.Json;

namespace AkLight.Silo.Doors.Http.Produce;

/// <summary>
/// Checks a produce request and turns it into records, all before anything is sent: a bad message fails the
/// whole request with 400 (or 413 over the size limit), naming the message (<c>messages[2].payload</c>).
/// </summary>
internal static class ProduceRequestReader
{
    public static (TopicName Topic, ProduceRecord[] Records) Read(ProduceRequest request, int maxMessageBytes)
    {
        var topic = TopicName.Parse(request.Topic);
        if (request.Messages is null) return (topic, [ToRecord(request, "", maxMessageBytes)]);
        if (request.Payload.ValueKind != JsonValueKind.Undefined || request.Key is not null)
            throw new ArgumentException("give either one message (key, payload) or a batch (messages), not both");
        if (request.Messages.Count == 0) throw new ArgumentException("messages is empty: a batch needs at least one message");
        return (topic, request.Messages.Select((m, i) => ToRecord(m, $"messages[{i}].", maxMessageBytes)).ToArray());
    }

    private static ProduceRecord ToRecord(ProduceMessage? message, string at, int maxMessageBytes)
    {
        if (message is null) throw new ArgumentException($"{at.TrimEnd('.')} is null: a message is an object with a payload");
        var key = message.Key is null ? null : Decode(message.Key, message.KeyEncoding, at + "key");
        var payload = message.Payload.ValueKind switch
        {
            JsonValueKind.Undefined => throw new ArgumentException($"{at}payload is missing (null for a tombstone)"),
            JsonValueKind.Null => null,
            JsonValueKind.String => Decode(Utf8Text.Of(message.Payload, at + "payload"), message.Encoding, at + "payload"),
            _ when message.Encoding is not null => throw new ArgumentException($"{at}payload must be a string when encoding is given"),
            // An object or number is stored as the JSON text it was sent as: the common case of a metric reading.
            _ => Encoding.UTF8.GetBytes(Utf8Text.Of(message.Payload, at + "payload")),
        };
        var headers = message.Headers?.Select((h, i) => h is { Name.Length: > 0, Value: not null }
            ? new MessageHeader(h.Name, h.Value)
            : throw new ArgumentException($"{at}headers[{i}] needs a name and a value")).ToArray();
        var record = new ProduceRecord(key, payload, headers);
        if (record.SizeInBytes > maxMessageBytes) throw new MessageTooLargeException(record.SizeInBytes, maxMessageBytes);
        return record;
    }

    private static byte[] Decode(string text, string? encoding, string field)
    {
        if (encoding is null || encoding.Equals("text", StringComparison.OrdinalIgnoreCase) || encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            return Encoding.UTF8.GetBytes(text);
        if (!encoding.Equals(Utf8Text.Base64, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{field}: encoding '{encoding}' is not \"base64\" or \"text\"");
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{field} is not valid base64");
        }
    }
}

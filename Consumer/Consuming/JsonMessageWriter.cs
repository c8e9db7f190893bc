using System.Text.Json;

namespace AkLight.Consumer.Consuming;

/// <summary>
/// One compact JSON object per message:
/// <c>{"topic":..,"partition":..,"offset":..,"key":..,"timestamp":..,"payload":..}</c>.
/// Key and payload are UTF-8 text when valid, else base64 flagged by an extra field; null stays JSON null.
/// Headers, when the message has any, follow as <c>"headers":[{"name":..,"value":..}]</c>.
/// </summary>
internal sealed class JsonMessageWriter(TextWriter output) : IMessageWriter
{
    private readonly JsonLines _lines = new(output);

    public void Write(ConsumedMessage message) => _lines.Write(message, WriteMessage);

    private static void WriteMessage(Utf8JsonWriter json, ConsumedMessage message)
    {
        json.WriteString("topic", message.Topic);
        json.WriteNumber("partition", message.Partition);
        json.WriteNumber("offset", message.Offset);
        // "keyEncoding":"base64" says the key (only) is base64 because it is not valid UTF-8.
        WriteBytes(json, "key", "keyEncoding", message.Key);
        json.WriteString("timestamp", message.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        // "encoding":"base64" applies to the payload (only): it is base64 because it is not valid UTF-8.
        WriteBytes(json, "payload", "encoding", message.Payload);
        if (message.Headers is { Count: > 0 } headers)
        {
            json.WriteStartArray("headers");
            foreach (var header in headers)
            {
                json.WriteStartObject();
                json.WriteString("name", header.Name);
                json.WriteString("value", header.Value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
    }

    private static void WriteBytes(Utf8JsonWriter json, string name, string encodingName, byte[]? bytes)
    {
        if (bytes is null)
        {
            json.WriteNull(name);
        }
        else if (Utf8Text.TryDecode(bytes, out var text))
        {
            json.WriteString(name, text);
        }
        else
        {
            json.WriteBase64String(name, bytes);
            json.WriteString(encodingName, "base64");
        }
    }
}

using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using AkLight.Client.Producing;

namespace AkLight.Producer.Sending;

/// <summary>Writes one compact JSON line per acknowledged message, flushed at once so scripts can read it live.</summary>
internal sealed class AckWriter(TextWriter output)
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>Writes <c>{"topic":"..","partition":0,"offset":12}</c>.</summary>
    public void Write(DeliveryResult ack)
    {
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("topic", ack.Topic);
            json.WriteNumber("partition", ack.Partition);
            json.WriteNumber("offset", ack.Offset);
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        output.Flush();
    }
}

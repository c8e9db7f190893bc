using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AkLight.CommandLine;

/// <summary>
/// Compact JSON objects, one a line, each flushed at once so scripts can read them live: the consumer's
/// <c>--json</c> messages and the send tool's acknowledgements. Not thread-safe: one writer a stream.
/// </summary>
internal sealed class JsonLines(TextWriter output)
{
    // Relaxed escaping keeps payload text readable (no \u003C for '<'); the output is a terminal or a pipe, not HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>Writes one object whose properties <paramref name="writeProperties"/> writes.</summary>
    public void Write<T>(T value, Action<Utf8JsonWriter, T> writeProperties)
    {
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer, Options))
        {
            json.WriteStartObject();
            writeProperties(json, value);
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        output.Flush();
    }
}

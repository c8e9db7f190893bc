using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkLight.Monitoring;

/// <summary>How the agent writes and the monitor reads the JSON payloads of metric and event topics: absent values left out.</summary>
internal static class JsonPayload
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static byte[] ToJson<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Parses a payload; null when it is not JSON of that shape (a required member missing, say).</summary>
    public static T? TryParse<T>(ReadOnlySpan<byte> payload)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(payload, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkLight.Examples.Sightings.Messages;

/// <summary>The JSON form of the example's payloads (camelCase), and tolerant reading of what arrives.</summary>
internal static class MessageJson
{
    public static byte[] Encode(Sighting sighting) => JsonSerializer.SerializeToUtf8Bytes(sighting, MessageJsonContext.Default.Sighting);

    public static byte[] Encode(Login login) => JsonSerializer.SerializeToUtf8Bytes(login, MessageJsonContext.Default.Login);

    /// <summary>The sighting, or null when the payload is not one (anyone may publish to these topics).</summary>
    public static Sighting? ReadSighting(byte[]? payload) => Read(payload, MessageJsonContext.Default.Sighting);

    /// <summary>The login, or null when the payload is not one.</summary>
    public static Login? ReadLogin(byte[]? payload) => Read(payload, MessageJsonContext.Default.Login);

    private static T? Read<T>(byte[]? payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        if (payload is null) return null;
        try
        {
            return JsonSerializer.Deserialize(payload, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Source-generated serializers, so no reflection is needed at run time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Sighting))]
[JsonSerializable(typeof(Login))]
internal sealed partial class MessageJsonContext : JsonSerializerContext;

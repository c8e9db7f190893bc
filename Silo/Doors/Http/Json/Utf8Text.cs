using System.Text;
using System.Text.Json;

namespace AkLight.Silo.Doors.Http.Json;

/// <summary>Bytes as JSON text: UTF-8 when valid (never replacing bad bytes), else base64, as the Consumer tool writes them.</summary>
internal static class Utf8Text
{
    /// <summary>The encoding name that marks a base64 field.</summary>
    public const string Base64 = "base64";

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The text of a JSON string, or the JSON text of any other value. System.Text.Json checks that a value's bytes
    /// are UTF-8 only when it is read as text, so a value that is not is refused here, naming <paramref name="field"/>.
    /// </summary>
    public static string Of(JsonElement value, string field)
    {
        try
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }
        catch (InvalidOperationException error) when (error.InnerException is DecoderFallbackException)
        {
            throw new ArgumentException($"{field} is not valid UTF-8: send binary data as base64 with \"encoding\":\"base64\"");
        }
    }

    /// <summary>The text of <paramref name="bytes"/> and null, or their base64 and <see cref="Base64"/>; (null, null) for null.</summary>
    public static (string? Text, string? Encoding) Encode(byte[]? bytes)
    {
        if (bytes is null) return (null, null);
        try
        {
            return (Strict.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(bytes), Base64);
        }
    }
}

namespace AkLight.Consumer.Consuming;

/// <summary>Strict UTF-8 decoding: bytes that are not valid UTF-8 are reported, never replaced.</summary>
internal static class Utf8Text
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True with the text when <paramref name="bytes"/> is valid UTF-8.</summary>
    public static bool TryDecode(byte[] bytes, out string text)
    {
        try
        {
            text = Strict.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }
}

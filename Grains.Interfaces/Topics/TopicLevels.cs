using System.Text;

namespace AkLight;

/// <summary>Checks shared by topic names and topic filters (MQTT 3.1.1 §4.7.3 / MQTT 5 §4.7.3).</summary>
internal static class TopicLevels
{
    /// <summary>The longest name or filter MQTT allows: its UTF-8 form is length-prefixed by two bytes.</summary>
    public const int MaxUtf8Bytes = 65535;

    public const char Separator = '/';

    /// <summary>Returns why <paramref name="text"/> is not a well-formed MQTT UTF-8 string, or null when it is.</summary>
    public static string? CheckText(string? text, string what)
    {
        if (text is null) return $"{what} is missing";
        if (text.Length == 0) return $"{what} is empty; it must be at least one character long";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return $"{what} '{Printable(text)}' contains the null character U+0000 at position {i}";
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                return $"{what} contains an unpaired surrogate at position {i}; it is not valid UTF-8";
            }
            if (char.IsLowSurrogate(c)) return $"{what} contains an unpaired surrogate at position {i}; it is not valid UTF-8";
        }
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxUtf8Bytes) return $"{what} is {bytes} bytes of UTF-8; the limit is {MaxUtf8Bytes}";
        return null;
    }

    /// <summary>
    /// Shortens text for error messages so a 64 KiB name does not flood a log line; the cut never
    /// splits a surrogate pair, so the message stays well-formed UTF-16.
    /// </summary>
    public static string Printable(string text) =>
        (text.Length <= 120 ? text : text[..(char.IsHighSurrogate(text[116]) ? 116 : 117)] + "...").Replace("\0", "\\0", StringComparison.Ordinal);
}

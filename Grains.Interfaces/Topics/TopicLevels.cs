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
            if (IsControl(c))
                return $"{what} '{Printable(text)}' contains the control character U+{(int)c:X4} at position {i}; control characters (U+0001-U+001F, U+007F-U+009F) are not allowed";
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
    /// The code points MQTT 5 §1.5.4 says a string should not hold and a receiver may refuse: C0 and C1 controls.
    /// Refused so that a name shown in a log line, a listing or a terminal cannot inject escapes or new lines.
    /// </summary>
    public static bool IsControl(char c) => c is (> '\0' and <= '\u001F') or (>= '\u007F' and <= '\u009F');

    /// <summary>
    /// Shortens text for error messages so a 64 KiB name does not flood a log line; the cut never
    /// splits a surrogate pair, so the message stays well-formed UTF-16.
    /// </summary>
    public static string Printable(string text) =>
        Escaped(text.Length <= 120 ? text : text[..(char.IsHighSurrogate(text[116]) ? 116 : 117)] + "...");

    /// <summary>The text with U+0000 and control characters written as escapes, so an error message stays one plain line.</summary>
    private static string Escaped(string text)
    {
        if (!text.Any(c => c == '\0' || IsControl(c))) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text) escaped.Append(c == '\0' ? "\\0" : IsControl(c) ? $"\\u{(int)c:X4}" : c);
        return escaped.ToString();
    }
}

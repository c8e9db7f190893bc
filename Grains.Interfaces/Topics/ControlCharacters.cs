namespace AkLight;

/// <summary>
/// Control characters (U+0000–U+001F, U+007F–U+009F) in a name a client chooses: refused wherever such a name can
/// reach a log line or a terminal (client ids, topics, session and group names), where ESC or a newline would let
/// the client rewrite what an operator reads.
/// </summary>
public static class ControlCharacters
{
    /// <summary>The position of the first control character in <paramref name="text"/>, or -1 when there is none.</summary>
    public static int Find(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (char.IsControl(text[i])) return i;
        return -1;
    }

    /// <summary>
    /// Why <paramref name="text"/> (called <paramref name="what"/>) is refused, naming the character by its code point
    /// and position (never the text itself, which is what must not be printed), or null when it has none.
    /// </summary>
    public static string? Problem(string text, string what) =>
        Find(text) is var at and >= 0
            ? $"{what} contains the control character U+{(int)text[at]:X4} at position {at}; control characters are not allowed"
            : null;
}

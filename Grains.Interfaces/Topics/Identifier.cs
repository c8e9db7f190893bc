namespace AkLight;

/// <summary>
/// The text rules for the names the broker keeps and shows besides topics — session ids, consumer-group names,
/// MQTT client ids — which are the same as a topic name's text (1-65535 bytes of UTF-8, no U+0000, no control
/// characters), so one listing or log line never holds a name the other rules would have refused.
/// </summary>
public static class Identifier
{
    /// <summary>Returns why <paramref name="value"/> is not a valid <paramref name="what"/> (e.g. "session id"), or null.</summary>
    public static string? Validate(string? value, string what) => TopicLevels.CheckText(value, what);

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem unless <paramref name="value"/> is a valid <paramref name="what"/>.</summary>
    public static void Check(string? value, string what)
    {
        if (Validate(value, what) is { } error) throw new ArgumentException(error, nameof(value));
    }
}

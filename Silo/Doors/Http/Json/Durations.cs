using System.Globalization;
using System.Xml;

namespace AkLight.Silo.Doors.Http.Json;

/// <summary>Durations in requests: <c>d.hh:mm:ss</c> as in the settings (<c>7.00:00:00</c>) or ISO 8601 (<c>P7D</c>, <c>PT1H</c>).</summary>
internal static class Durations
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="ArgumentException"/> naming <paramref name="field"/> otherwise.</summary>
    public static TimeSpan Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException($"{field} is missing: give a duration such as \"7.00:00:00\" or \"P7D\"");
        var trimmed = text.Trim();
        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span)) return span;
        if (trimmed.StartsWith('P') || trimmed.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                return XmlConvert.ToTimeSpan(trimmed);
            }
            catch (FormatException)
            {
                // Reported below with the accepted forms.
            }
        }
        throw new ArgumentException($"{field} '{text}' is not a duration: use d.hh:mm:ss (\"1.00:00:00\") or ISO 8601 (\"P1D\", \"PT30M\")");
    }

    /// <summary>A duration the way the settings write it: <c>1.00:00:00</c>.</summary>
    public static string Format(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO-8601 time; throws <see cref="ArgumentException"/> naming <paramref name="field"/> otherwise.</summary>
    public static DateTimeOffset ParseTime(string text, string field) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new ArgumentException($"{field} '{text}' is not an ISO-8601 time such as 2025-01-31T12:00:00Z");
}

namespace AkLight.Examples.Sightings;

/// <summary>Formats counts per name the same way everywhere, so lines from different roles compare at a glance.</summary>
internal static class Counts
{
    /// <summary><c>east 48, north 55, …</c> in name order.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, int>> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));
}

namespace AkLight.Producer.Metrics.Host;

/// <summary>
/// Reads cgroup v2 "flat keyed" files — one <c>key value</c> pair per line, such as <c>cpu.stat</c> and
/// <c>memory.stat</c> (see the kernel's cgroup-v2 documentation, "Interface Files").
/// </summary>
internal static class FlatKeyedParser
{
    /// <summary>Every pair whose value is a whole number; other lines are skipped.</summary>
    public static IReadOnlyDictionary<string, ulong> Parse(string text)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            var space = trimmed.IndexOf(' ');
            if (space <= 0) continue;
            if (ulong.TryParse(trimmed[(space + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                values[trimmed[..space].ToString()] = value;
        }
        return values;
    }
}

namespace AkLight.Producer.Metrics.Host;

/// <summary>Reads <c>MemTotal</c> and <c>MemAvailable</c> from the text of <c>/proc/meminfo</c> (lines like <c>MemTotal: 24683656 kB</c>).</summary>
internal static class MemInfoParser
{
    /// <exception cref="FormatException">MemTotal is missing or not a number.</exception>
    public static MemInfo Parse(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var rest = line[(colon + 1)..].Trim();
            var space = rest.IndexOf(' ');
            var number = space < 0 ? rest : rest[..space];
            if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) continue;
            // The kernel writes "kB" but means KiB.
            var bytes = space >= 0 && rest[(space + 1)..].Trim().SequenceEqual("kB") ? value * 1024 : value;
            values[line[..colon].ToString()] = bytes;
        }
        if (!values.TryGetValue("MemTotal", out var total)) throw new FormatException("no MemTotal in /proc/meminfo");
        // MemAvailable exists since Linux 3.14; before it, free plus buffers and page cache is the usual estimate.
        var available = values.TryGetValue("MemAvailable", out var estimate)
            ? estimate
            : values.GetValueOrDefault("MemFree") + values.GetValueOrDefault("Buffers") + values.GetValueOrDefault("Cached");
        return new MemInfo(total, available);
    }
}

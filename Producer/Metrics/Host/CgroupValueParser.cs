namespace AkLight.Producer.Metrics.Host;

/// <summary>Reads single-value cgroup v2 files such as <c>memory.current</c> and <c>memory.max</c>.</summary>
internal static class CgroupValueParser
{
    /// <summary>The number in the file, or null for <c>max</c> (no limit).</summary>
    /// <exception cref="FormatException">The file holds neither a whole number nor <c>max</c>.</exception>
    public static ulong? Parse(string text)
    {
        var value = text.Trim();
        if (value == "max") return null;
        return ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"'{value}' is neither a number nor 'max'");
    }
}

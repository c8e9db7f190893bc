namespace AkLight.Producer.Metrics.Host;

/// <summary>Reads a cgroup v2 <c>cpu.max</c>, <c>$MAX $PERIOD</c>: the CPU time the cgroup may use per period.</summary>
internal static class CpuMaxParser
{
    /// <summary>The limit in CPUs (quota ÷ period, e.g. <c>150000 100000</c> is 1.5), or null for <c>max</c> (no limit).</summary>
    /// <exception cref="FormatException">The text is not a quota (or <c>max</c>) and a period.</exception>
    public static double? Parse(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length is < 1 or > 2) throw new FormatException($"cpu.max '{text.Trim()}' is not '$MAX $PERIOD'");
        if (fields[0] == "max") return null;
        if (!ulong.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var quota)) throw new FormatException($"cpu.max quota '{fields[0]}' is not a number");
        var period = 100_000UL; // the kernel's default when only the quota is written
        if (fields.Length == 2 && (!ulong.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out period) || period == 0))
            throw new FormatException($"cpu.max period '{fields[1]}' is not a positive number");
        return (double)quota / period;
    }
}

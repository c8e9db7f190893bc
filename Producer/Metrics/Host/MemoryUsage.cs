namespace AkLight.Producer.Metrics.Host;

/// <summary>Memory in use and the most there may be, in bytes.</summary>
internal readonly record struct MemoryUsage(ulong UsedBytes, ulong LimitBytes)
{
    /// <summary>Used over limit, as a percentage; 0 when the limit is unknown.</summary>
    public double Percent => LimitBytes == 0 ? 0 : 100.0 * UsedBytes / LimitBytes;

    /// <summary>The whole machine: <c>MemTotal − MemAvailable</c> of <c>MemTotal</c>.</summary>
    public static MemoryUsage FromMemInfo(MemInfo info) =>
        new((ulong)Math.Max(info.UsedBytes, 0), (ulong)Math.Max(info.TotalBytes, 0));

    /// <summary>
    /// A cgroup: <c>memory.current</c> less the inactive page cache (<c>inactive_file</c> of <c>memory.stat</c>),
    /// as <c>docker stats</c> counts it, of <c>memory.max</c>; with no limit (<c>max</c>), or one above the
    /// machine's memory, of the machine's <c>MemTotal</c>.
    /// </summary>
    public static MemoryUsage FromCgroup(ulong current, ulong? inactiveFile, ulong? max, ulong machineTotal)
    {
        var used = inactiveFile is { } cache && cache < current ? current - cache : current;
        var limit = max is { } cap && (machineTotal == 0 || cap < machineTotal) ? cap : machineTotal;
        return new MemoryUsage(used, limit);
    }
}

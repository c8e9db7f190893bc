namespace AkLight.Producer.Metrics.Host;

/// <summary>CPU use between two readings, as a percentage of the CPUs available (0–100).</summary>
internal static class CpuPercent
{
    /// <summary>
    /// From two <c>/proc/stat</c> readings: busy ticks over all ticks. Counters that went backwards (a
    /// reading from before a reset) give 0 rather than nonsense.
    /// </summary>
    public static double FromProcStat(CpuTimes previous, CpuTimes current)
    {
        if (current.Total <= previous.Total || current.Busy < previous.Busy) return 0;
        var total = current.Total - previous.Total;
        var busy = Math.Min(current.Busy - previous.Busy, total);
        return 100.0 * busy / total;
    }

    /// <summary>
    /// From two cgroup <c>usage_usec</c> readings taken <paramref name="elapsed"/> apart: CPU time used over
    /// the CPU time the cgroup could have used, wall time × <paramref name="cpus"/>.
    /// </summary>
    public static double FromCgroupUsage(ulong previousUsec, ulong currentUsec, TimeSpan elapsed, double cpus)
    {
        if (currentUsec <= previousUsec || elapsed <= TimeSpan.Zero || cpus <= 0) return 0;
        var percent = 100.0 * (currentUsec - previousUsec) / (elapsed.TotalMicroseconds * cpus);
        return Math.Min(percent, 100.0); // timer jitter can push a fully busy cgroup a hair over
    }

    /// <summary>
    /// The CPUs a cgroup may use: its <c>cpu.max</c> quota when that is below the CPUs it can run on,
    /// else those CPUs.
    /// </summary>
    public static double EffectiveCpus(double? cpuMax, int processorCount) =>
        cpuMax is { } limit && limit > 0 && limit < processorCount ? limit : Math.Max(processorCount, 1);
}

namespace AkLight.Producer.Metrics.Docker;

/// <summary>
/// CPU and memory figures exactly as the <c>docker stats</c> command computes them from a stats document
/// (docker/cli, <c>cli/command/container/stats_helpers.go</c>), so the agent's numbers match what operators see.
/// </summary>
internal static class DockerStatsCalculator
{
    /// <summary>
    /// CPU % with 100 % per CPU (a container busy on two CPUs reads 200): the container's CPU time over the
    /// machine's between the two readings the document carries, times the online CPUs. 0 when either delta is
    /// not positive (the first reading of a container, or counters reset).
    /// </summary>
    public static double CpuPercent(ContainerStatsSample stats)
    {
        var cpuDelta = (double)stats.CpuTotalUsage - stats.PreCpuTotalUsage;
        var systemDelta = (double)stats.SystemCpuUsage - stats.PreSystemCpuUsage;
        // cgroup v1 engines before API 1.27 did not report online_cpus; the per-CPU list's length stands in.
        double onlineCpus = stats.OnlineCpus != 0 ? stats.OnlineCpus : stats.PerCpuCount;
        return cpuDelta > 0 && systemDelta > 0 ? cpuDelta / systemDelta * onlineCpus * 100.0 : 0;
    }

    /// <summary>
    /// Memory in use less the inactive page cache, which the kernel reclaims before it would kill the
    /// container: <c>total_inactive_file</c> on cgroup v1, <c>inactive_file</c> on v2 — each only when below
    /// the usage — else the usage as it is.
    /// </summary>
    public static ulong MemoryUsedBytes(ContainerStatsSample stats)
    {
        if (stats.MemoryStats.TryGetValue("total_inactive_file", out var v1) && v1 < stats.MemoryUsage) return stats.MemoryUsage - v1;
        if (stats.MemoryStats.TryGetValue("inactive_file", out var v2) && v2 < stats.MemoryUsage) return stats.MemoryUsage - v2;
        return stats.MemoryUsage;
    }

    /// <summary>Used memory (as <see cref="MemoryUsedBytes"/>) over the limit, as a percentage; 0 without a limit.</summary>
    public static double MemoryPercent(ContainerStatsSample stats) =>
        stats.MemoryLimit == 0 ? 0 : (double)MemoryUsedBytes(stats) / stats.MemoryLimit * 100.0;
}

using Docker.DotNet.Models;

namespace AkLight.Producer.Metrics.Docker;

/// <summary>Turns Docker.DotNet's stats response into the plain <see cref="ContainerStatsSample"/>; missing parts count as zero.</summary>
internal static class DockerStatsMapper
{
    public static ContainerStatsSample From(ContainerStatsResponse stats)
    {
        ulong rx = 0, tx = 0;
        foreach (var network in stats.Networks?.Values ?? [])
        {
            rx += network.RxBytes;
            tx += network.TxBytes;
        }
        ulong read = 0, write = 0;
        foreach (var entry in stats.BlkioStats?.IoServiceBytesRecursive ?? [])
        {
            // cgroup v2 engines write "read"/"write", v1 "Read"/"Write" next to "Sync", "Async" and "Total".
            if (string.Equals(entry.Op, "read", StringComparison.OrdinalIgnoreCase)) read += entry.Value;
            else if (string.Equals(entry.Op, "write", StringComparison.OrdinalIgnoreCase)) write += entry.Value;
        }
        var memory = stats.MemoryStats;
        return new ContainerStatsSample(
            CpuTotalUsage: stats.CPUStats?.CPUUsage?.TotalUsage ?? 0,
            PreCpuTotalUsage: stats.PreCPUStats?.CPUUsage?.TotalUsage ?? 0,
            SystemCpuUsage: stats.CPUStats?.SystemUsage ?? 0,
            PreSystemCpuUsage: stats.PreCPUStats?.SystemUsage ?? 0,
            OnlineCpus: stats.CPUStats?.OnlineCPUs ?? 0,
            PerCpuCount: stats.CPUStats?.CPUUsage?.PercpuUsage?.Count ?? 0,
            MemoryUsage: memory?.Usage ?? 0,
            MemoryLimit: memory?.Limit ?? 0,
            MemoryStats: memory?.Stats is { } values ? new Dictionary<string, ulong>(values, StringComparer.Ordinal) : new Dictionary<string, ulong>(),
            NetworkRxBytes: rx,
            NetworkTxBytes: tx,
            BlockReadBytes: read,
            BlockWriteBytes: write);
    }
}

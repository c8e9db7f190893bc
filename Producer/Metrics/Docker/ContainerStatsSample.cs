namespace AkLight.Producer.Metrics.Docker;

/// <summary>
/// The numbers of one Docker stats document (<c>GET /containers/{id}/stats?stream=false</c>) that the agent
/// computes with, free of any Docker client type so the arithmetic can be tested on its own.
/// </summary>
/// <param name="CpuTotalUsage"><c>cpu_stats.cpu_usage.total_usage</c>, nanoseconds of CPU time used by the container.</param>
/// <param name="PreCpuTotalUsage"><c>precpu_stats.cpu_usage.total_usage</c>, the same at the previous reading.</param>
/// <param name="SystemCpuUsage"><c>cpu_stats.system_cpu_usage</c>, nanoseconds of CPU time of the whole machine.</param>
/// <param name="PreSystemCpuUsage"><c>precpu_stats.system_cpu_usage</c>.</param>
/// <param name="OnlineCpus"><c>cpu_stats.online_cpus</c>; 0 when the engine did not say.</param>
/// <param name="PerCpuCount">How many entries <c>cpu_stats.cpu_usage.percpu_usage</c> has (cgroup v1 only).</param>
/// <param name="MemoryUsage"><c>memory_stats.usage</c>, bytes, page cache included.</param>
/// <param name="MemoryLimit"><c>memory_stats.limit</c>, bytes.</param>
/// <param name="MemoryStats"><c>memory_stats.stats</c>: cgroup v2 <c>inactive_file</c> or v1 <c>total_inactive_file</c>, among others.</param>
/// <param name="NetworkRxBytes">Received bytes summed over every interface of <c>networks</c>.</param>
/// <param name="NetworkTxBytes">Sent bytes summed over every interface of <c>networks</c>.</param>
/// <param name="BlockReadBytes">Read bytes summed over the <c>blkio_stats.io_service_bytes_recursive</c> entries.</param>
/// <param name="BlockWriteBytes">Written bytes summed likewise.</param>
internal sealed record class ContainerStatsSample(
    ulong CpuTotalUsage,
    ulong PreCpuTotalUsage,
    ulong SystemCpuUsage,
    ulong PreSystemCpuUsage,
    uint OnlineCpus,
    int PerCpuCount,
    ulong MemoryUsage,
    ulong MemoryLimit,
    IReadOnlyDictionary<string, ulong> MemoryStats,
    ulong NetworkRxBytes,
    ulong NetworkTxBytes,
    ulong BlockReadBytes,
    ulong BlockWriteBytes);

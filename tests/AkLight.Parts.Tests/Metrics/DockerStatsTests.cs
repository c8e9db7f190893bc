using AkLight.Producer.Metrics.Docker;
using Docker.DotNet.Models;
using Newtonsoft.Json;

namespace AkLight.Parts.Tests.Metrics;

public sealed class DockerStatsTests
{
    /// <summary>Docker.DotNet's models carry the API's field names as data contracts, which Json.NET honours as the client does.</summary>
    private static ContainerStatsSample Map(string json) =>
        DockerStatsMapper.From(JsonConvert.DeserializeObject<ContainerStatsResponse>(json) ?? throw new InvalidOperationException("no document"));

    [Fact]
    public void A_cgroup_v2_document_maps_to_the_numbers_computed_with()
    {
        var stats = Map(DockerSamples.CgroupV2);

        Assert.Equal((152400000000UL, 150000000000UL), (stats.CpuTotalUsage, stats.PreCpuTotalUsage));
        Assert.Equal((91234560000000UL, 91230560000000UL), (stats.SystemCpuUsage, stats.PreSystemCpuUsage));
        Assert.Equal((4U, 0), (stats.OnlineCpus, stats.PerCpuCount));
        Assert.Equal((209715200UL, 1073741824UL), (stats.MemoryUsage, stats.MemoryLimit));
        Assert.Equal(52428800UL, stats.MemoryStats["inactive_file"]);
        Assert.Equal((1_024_000UL, 256_000UL), (stats.NetworkRxBytes, stats.NetworkTxBytes)); // eth0 + eth1
        Assert.Equal((5_000_000UL, 1_048_576UL), (stats.BlockReadBytes, stats.BlockWriteBytes)); // both devices
    }

    [Fact]
    public void A_cgroup_v2_document_gives_what_docker_stats_shows()
    {
        var stats = Map(DockerSamples.CgroupV2);

        // 2.4e9 ns of 4e9 ns, times 4 CPUs, times 100.
        Assert.Equal(240.0, DockerStatsCalculator.CpuPercent(stats), 9);
        // 200 MiB less 50 MiB inactive_file = 150 MiB of 1 GiB.
        Assert.Equal(157_286_400UL, DockerStatsCalculator.MemoryUsedBytes(stats));
        Assert.Equal(14.6484375, DockerStatsCalculator.MemoryPercent(stats), 9);
    }

    [Fact]
    public void A_cgroup_v1_document_counts_cpus_from_the_per_cpu_list_and_leaves_out_total_inactive_file()
    {
        var stats = Map(DockerSamples.CgroupV1);

        Assert.Equal((0U, 2), (stats.OnlineCpus, stats.PerCpuCount));
        // 0.5e9 of 2e9, times 2 CPUs, times 100.
        Assert.Equal(50.0, DockerStatsCalculator.CpuPercent(stats), 9);
        // total_inactive_file (20 MB) wins over inactive_file (30 MB) on v1: 80 MB of 400 MB.
        Assert.Equal(80_000_000UL, DockerStatsCalculator.MemoryUsedBytes(stats));
        Assert.Equal(20.0, DockerStatsCalculator.MemoryPercent(stats), 9);
        // Only Read and Write count; Sync, Async and Total would count the same bytes again.
        Assert.Equal((1000UL, 2000UL), (stats.BlockReadBytes, stats.BlockWriteBytes));
        Assert.Equal((5338UL, 648UL), (stats.NetworkRxBytes, stats.NetworkTxBytes));
    }

    [Theory]
    // cpu delta, system delta, online CPUs, per-CPU entries → %
    [InlineData(1_000_000_000UL, 8_000_000_000UL, 8U, 0, 100.0)]   // one CPU's worth on 8 CPUs
    [InlineData(250_000_000UL, 1_000_000_000UL, 1U, 0, 25.0)]
    [InlineData(300_000_000UL, 2_000_000_000UL, 0U, 4, 60.0)]      // online_cpus 0: the per-CPU list's length
    [InlineData(0UL, 2_000_000_000UL, 2U, 0, 0.0)]                 // idle container
    [InlineData(500_000_000UL, 0UL, 2U, 0, 0.0)]                   // no system progress: 0, never a division by zero
    public void Cpu_percent_is_cpu_delta_over_system_delta_times_online_cpus(ulong cpuDelta, ulong systemDelta, uint online, int perCpu, double percent)
    {
        var stats = Stats(cpu: (10_000_000_000 + cpuDelta, 10_000_000_000), system: (500_000_000_000 + systemDelta, 500_000_000_000), online, perCpu);

        Assert.Equal(percent, DockerStatsCalculator.CpuPercent(stats), 9);
    }

    [Fact]
    public void Counters_that_went_backwards_give_zero_cpu()
    {
        var stats = Stats(cpu: (1_000, 2_000), system: (5_000, 4_000), online: 2, perCpu: 0);

        Assert.Equal(0, DockerStatsCalculator.CpuPercent(stats));
    }

    [Fact]
    public void Memory_without_cache_figures_or_limit()
    {
        var noCache = Stats(memory: (1000, 4000), memoryStats: []);
        var cacheAboveUsage = Stats(memory: (1000, 4000), memoryStats: new() { ["inactive_file"] = 5000 });
        var noLimit = Stats(memory: (1000, 0), memoryStats: []);

        Assert.Equal(1000UL, DockerStatsCalculator.MemoryUsedBytes(noCache));
        Assert.Equal(25.0, DockerStatsCalculator.MemoryPercent(noCache));
        Assert.Equal(1000UL, DockerStatsCalculator.MemoryUsedBytes(cacheAboveUsage));
        Assert.Equal(0, DockerStatsCalculator.MemoryPercent(noLimit));
    }

    [Fact]
    public void An_empty_document_maps_to_zeros()
    {
        var stats = DockerStatsMapper.From(new ContainerStatsResponse());

        Assert.Equal(0, DockerStatsCalculator.CpuPercent(stats));
        Assert.Equal(0UL, DockerStatsCalculator.MemoryUsedBytes(stats));
        Assert.Equal((0UL, 0UL, 0UL, 0UL), (stats.NetworkRxBytes, stats.NetworkTxBytes, stats.BlockReadBytes, stats.BlockWriteBytes));
    }

    private static ContainerStatsSample Stats(
        (ulong Now, ulong Before) cpu = default,
        (ulong Now, ulong Before) system = default,
        uint online = 1,
        int perCpu = 0,
        (ulong Usage, ulong Limit) memory = default,
        Dictionary<string, ulong>? memoryStats = null) =>
        new(cpu.Now, cpu.Before, system.Now, system.Before, online, perCpu, memory.Usage, memory.Limit, memoryStats ?? [], 0, 0, 0, 0);
}

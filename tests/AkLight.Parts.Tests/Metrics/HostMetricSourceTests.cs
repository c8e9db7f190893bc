namespace AkLight.Parts.Tests.Metrics;

/// <summary>The host source over a folder laid out like /proc and a container's /sys/fs/cgroup, holding the sample files.</summary>
public sealed class HostMetricSourceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aklight-host-").FullName;
    private readonly List<string> _warnings = [];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Outside_a_container_cpu_and_memory_come_from_proc()
    {
        var paths = Lay(cgroup: false);
        await using var source = new HostMetricSource("host1", "/", paths, _warnings.Add);

        await source.PrimeAsync(CancellationToken.None);
        File.WriteAllText(paths.ProcStat, HostSamples.ProcStatLater);
        var sample = Assert.Single(await source.SampleAsync(CancellationToken.None));

        Assert.Equal(("host1", "host1", "running"), (sample.Name, sample.Id, sample.State));
        var values = sample.Values.ToDictionary(v => v.Metric);
        Assert.Equal(
            ["cpu", "memory", "memory.limit", "memory.percent", "disk.used", "disk.percent", "net.rx", "net.tx"],
            sample.Values.Select(v => v.Metric));
        Assert.Equal(89.674, values["cpu"].Value, 3);
        Assert.Equal(1470304256, values["memory"].Value);
        Assert.Equal(788671677, values["net.rx"].Value);
        Assert.Equal("%", values["cpu"].Unit);
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task Inside_a_container_memory_comes_from_the_cgroup()
    {
        var paths = Lay(cgroup: true);
        await using var source = new HostMetricSource("c1", "/", paths, _warnings.Add);

        await source.PrimeAsync(CancellationToken.None);
        File.WriteAllText(paths.CpuStat, HostSamples.ContainerCpuStat.Replace("usage_usec 1529043", "usage_usec 1629043", StringComparison.Ordinal));
        var values = Assert.Single(await source.SampleAsync(CancellationToken.None)).Values.ToDictionary(v => v.Metric);

        Assert.Equal(22_904_832, values["memory"].Value); // memory.current less inactive_file
        Assert.Equal(536_870_912, values["memory.limit"].Value);
        Assert.InRange(values["cpu"].Value, 0, 100);
        Assert.Contains(paths.CpuStat, source.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metric_that_cannot_be_read_is_left_out_and_reported_once()
    {
        var paths = Lay(cgroup: false);
        await using var source = new HostMetricSource("host1", Path.Combine(_root, "no-such-disk"), paths, _warnings.Add);
        File.Delete(paths.NetDev);

        await source.PrimeAsync(CancellationToken.None);
        await source.SampleAsync(CancellationToken.None);
        var sample = Assert.Single(await source.SampleAsync(CancellationToken.None));

        Assert.DoesNotContain(sample.Values, v => v.Metric.StartsWith("net.", StringComparison.Ordinal));
        Assert.Contains(sample.Values, v => v.Metric == "cpu");
        Assert.Single(_warnings, w => w.Contains("net", StringComparison.Ordinal));
    }

    private HostPaths Lay(bool cgroup)
    {
        var paths = new HostPaths(Path.Combine(_root, "proc"), Path.Combine(_root, "cgroup"));
        Directory.CreateDirectory(Path.Combine(paths.Proc, "net"));
        Directory.CreateDirectory(paths.Cgroup);
        File.WriteAllText(paths.ProcStat, HostSamples.ProcStat);
        File.WriteAllText(paths.MemInfo, HostSamples.MemInfo);
        File.WriteAllText(paths.NetDev, HostSamples.NetDev);
        File.WriteAllText(paths.CpuStat, HostSamples.RootCpuStat);
        if (!cgroup) return paths;
        File.WriteAllText(Path.Combine(paths.Cgroup, "cgroup.type"), "domain\n");
        File.WriteAllText(paths.CpuStat, HostSamples.ContainerCpuStat);
        File.WriteAllText(paths.CpuMax, "max 100000\n");
        File.WriteAllText(paths.MemoryCurrent, "64053248\n");
        File.WriteAllText(paths.MemoryMax, "536870912\n");
        File.WriteAllText(paths.MemoryStat, HostSamples.ContainerMemoryStat);
        return paths;
    }
}

namespace AkLight.Parts.Tests.Metrics;

public sealed class HostArithmeticTests
{
    [Fact]
    public void Cpu_percent_from_proc_stat_is_busy_ticks_over_all_ticks()
    {
        var before = ProcStatParser.Parse(HostSamples.ProcStat);
        var after = ProcStatParser.Parse(HostSamples.ProcStatLater);

        // Totals 747079 → 1014621 (Δ 267542); idle+iowait 306309 → 333935 (Δ 27626); busy Δ 239916.
        Assert.Equal(239916.0 / 267542 * 100, CpuPercent.FromProcStat(before, after), 9);
        Assert.Equal(89.674, CpuPercent.FromProcStat(before, after), 3);
    }

    [Fact]
    public void Cpu_percent_is_zero_without_progress_or_with_counters_gone_back()
    {
        var times = ProcStatParser.Parse(HostSamples.ProcStat);
        var later = ProcStatParser.Parse(HostSamples.ProcStatLater);

        Assert.Equal(0, CpuPercent.FromProcStat(times, times));
        Assert.Equal(0, CpuPercent.FromProcStat(later, times));
    }

    [Fact]
    public void Cpu_percent_of_an_idle_then_fully_busy_machine()
    {
        var before = new CpuTimes(100, 0, 0, 900, 0, 0, 0, 0);
        var idle = new CpuTimes(100, 0, 0, 1900, 0, 0, 0, 0);
        var busy = new CpuTimes(600, 0, 500, 1900, 0, 0, 0, 0);

        Assert.Equal(0, CpuPercent.FromProcStat(before, idle));
        Assert.Equal(100, CpuPercent.FromProcStat(idle, busy));
        // iowait counts as not busy: 250 user of 250 user + 750 iowait.
        Assert.Equal(25, CpuPercent.FromProcStat(new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0), new CpuTimes(250, 0, 0, 0, 750, 0, 0, 0)));
    }

    [Theory]
    // 1.5 s of CPU in 1 s of wall time on 2 CPUs: 75 %.
    [InlineData(1_000_000UL, 2_500_000UL, 1000, 2.0, 75.0)]
    // 0.75 s of CPU in 1 s under a 1.5-CPU quota: 50 %.
    [InlineData(0UL, 750_000UL, 1000, 1.5, 50.0)]
    // 0.3 s of CPU in 2 s on 4 CPUs: 3.75 %.
    [InlineData(10_000_000UL, 10_300_000UL, 2000, 4.0, 3.75)]
    // No progress.
    [InlineData(5UL, 5UL, 1000, 1.0, 0.0)]
    public void Cpu_percent_from_cgroup_usage_is_cpu_time_over_wall_time_times_cpus(ulong before, ulong after, int milliseconds, double cpus, double percent)
    {
        Assert.Equal(percent, CpuPercent.FromCgroupUsage(before, after, TimeSpan.FromMilliseconds(milliseconds), cpus), 9);
    }

    [Theory]
    [InlineData(null, 8, 8.0)]
    [InlineData(1.5, 8, 1.5)]
    [InlineData(16.0, 8, 8.0)] // a quota above the CPUs there are is no limit
    [InlineData(null, 0, 1.0)]
    public void Effective_cpus_are_the_quota_when_below_the_processors(double? quota, int processors, double cpus)
    {
        Assert.Equal(cpus, CpuPercent.EffectiveCpus(quota, processors));
    }

    [Fact]
    public void Machine_memory_is_total_less_available()
    {
        var memory = MemoryUsage.FromMemInfo(MemInfoParser.Parse(HostSamples.MemInfo));

        Assert.Equal(1470304256UL, memory.UsedBytes);
        Assert.Equal(24683656UL * 1024, memory.LimitBytes);
        Assert.Equal((24683656.0 - 23247812) / 24683656 * 100, memory.Percent, 9);
    }

    [Fact]
    public void Cgroup_memory_leaves_out_inactive_page_cache_and_uses_the_cgroup_limit()
    {
        var inactive = FlatKeyedParser.Parse(HostSamples.ContainerMemoryStat)["inactive_file"];

        // memory.current is anon + file + kernel of that memory.stat: 64,053,248 bytes.
        var memory = MemoryUsage.FromCgroup(current: 64_053_248, inactive, max: 536_870_912, machineTotal: 25_276_063_744);

        Assert.Equal(22_904_832UL, memory.UsedBytes); // 64,053,248 − 41,148,416
        Assert.Equal(536_870_912UL, memory.LimitBytes);
        Assert.Equal(4.266, memory.Percent, 3); // 22,904,832 / 512 MiB
    }

    [Fact]
    public void Cgroup_memory_without_a_limit_is_a_share_of_the_machine()
    {
        var memory = MemoryUsage.FromCgroup(current: 16_011_264, inactiveFile: null, max: null, machineTotal: 25_276_063_744);

        Assert.Equal(16_011_264UL, memory.UsedBytes);
        Assert.Equal(25_276_063_744UL, memory.LimitBytes);
        // A limit above the machine's memory is no limit either; cache above usage is not subtracted.
        Assert.Equal(25_276_063_744UL, MemoryUsage.FromCgroup(100, 200, ulong.MaxValue - 4095, 25_276_063_744).LimitBytes);
        Assert.Equal(100UL, MemoryUsage.FromCgroup(100, 200, null, 1000).UsedBytes);
    }

    [Fact]
    public void Disk_percent_counts_as_df_does()
    {
        // 100 GB disk, 30 GB free of which 20 GB for ordinary users: 70 used / (70 + 20) available to them.
        var disk = new DiskUsage(TotalBytes: 100_000_000_000, FreeBytes: 30_000_000_000, AvailableBytes: 20_000_000_000);

        Assert.Equal(70_000_000_000UL, disk.UsedBytes);
        Assert.Equal(70.0 / 90 * 100, disk.Percent, 9);
        Assert.Equal(0, new DiskUsage(0, 0, 0).Percent);
    }

    [Fact]
    public void Disk_usage_of_the_root_is_read()
    {
        var disk = DiskUsage.Of("/");

        Assert.True(disk.TotalBytes > 0);
        Assert.InRange(disk.Percent, 0, 100);
    }
}

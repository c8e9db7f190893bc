namespace AkLight.Parts.Tests.Metrics;

public sealed class HostParserTests
{
    [Fact]
    public void Proc_stat_gives_the_aggregate_cpu_line()
    {
        var times = ProcStatParser.Parse(HostSamples.ProcStat);

        Assert.Equal(new CpuTimes(382053, 0, 54270, 304487, 1822, 0, 2135, 2312), times);
        Assert.Equal(747079UL, times.Total); // guest and guest_nice are already in user and nice
        Assert.Equal(747079UL - 304487 - 1822, times.Busy);
    }

    [Fact]
    public void Proc_stat_of_an_old_kernel_without_steal_still_parses()
    {
        var times = ProcStatParser.Parse("cpu  100 2 30 400\ncpu0 100 2 30 400\n");

        Assert.Equal(new CpuTimes(100, 2, 30, 400, 0, 0, 0, 0), times);
    }

    [Fact]
    public void Proc_stat_without_a_cpu_line_is_refused()
    {
        Assert.Throws<FormatException>(() => ProcStatParser.Parse("cpu0 1 2 3 4\nctxt 5\n"));
    }

    [Fact]
    public void Meminfo_gives_total_and_available_in_bytes()
    {
        var memory = MemInfoParser.Parse(HostSamples.MemInfo);

        Assert.Equal(24683656L * 1024, memory.TotalBytes);
        Assert.Equal(23247812L * 1024, memory.AvailableBytes);
        Assert.Equal(1470304256L, memory.UsedBytes);
    }

    [Fact]
    public void Meminfo_before_MemAvailable_estimates_it_from_free_buffers_and_cache()
    {
        var memory = MemInfoParser.Parse("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 20 kB\nCached: 300 kB\n");

        Assert.Equal(420L * 1024, memory.AvailableBytes);
    }

    [Fact]
    public void Net_dev_lists_every_interface_and_sums_all_but_loopback()
    {
        var interfaces = NetDevParser.Parse(HostSamples.NetDev);

        Assert.Equal(["lo", "ifb0", "ifb1", "eth0"], interfaces.Select(i => i.Name));
        Assert.Equal(new InterfaceCounters("eth0", 788671677, 1099134), interfaces[3]);
        Assert.Equal((788671677UL, 1099134UL), NetDevParser.TotalExcludingLoopback(interfaces));
    }

    [Fact]
    public void Net_dev_counters_that_fill_the_column_after_the_colon_still_parse()
    {
        // Large counters leave no space after the colon.
        var text = "Inter-|   Receive |  Transmit\n face |bytes packets|bytes\n  eth1:12345678901234 9 0 0 0 0 0 0 98765432109 8 0 0 0 0 0 0\n";

        Assert.Equal(new InterfaceCounters("eth1", 12345678901234, 98765432109), Assert.Single(NetDevParser.Parse(text)));
    }

    [Theory]
    [InlineData(HostSamples.RootCpuStat, 4387920325UL)]
    [InlineData(HostSamples.ContainerCpuStat, 1529043UL)]
    public void Cgroup_cpu_stat_gives_usage_usec(string text, ulong usage)
    {
        Assert.Equal(usage, CgroupCpuStatParser.Parse(text));
    }

    [Fact]
    public void Cgroup_cpu_stat_without_usage_is_refused()
    {
        Assert.Throws<FormatException>(() => CgroupCpuStatParser.Parse("nr_periods 1\n"));
    }

    [Fact]
    public void Memory_stat_is_read_as_flat_keyed_pairs()
    {
        var stat = FlatKeyedParser.Parse(HostSamples.ContainerMemoryStat);

        Assert.Equal(41148416UL, stat["inactive_file"]);
        Assert.Equal(10092544UL, stat["anon"]);
        Assert.Equal(26, stat.Count);
    }

    [Theory]
    [InlineData("16011264\n", 16011264UL)]
    [InlineData("536870912\n", 536870912UL)]
    [InlineData("max\n", null)]
    public void Single_value_cgroup_files_read_max_as_no_limit(string text, ulong? value)
    {
        Assert.Equal(value, CgroupValueParser.Parse(text));
    }

    [Fact]
    public void A_single_value_file_with_something_else_is_refused()
    {
        Assert.Throws<FormatException>(() => CgroupValueParser.Parse("lots\n"));
    }

    [Theory]
    [InlineData("max 100000\n", null)]
    [InlineData("150000 100000\n", 1.5)]
    [InlineData("50000 100000\n", 0.5)]
    [InlineData("200000\n", 2.0)]
    public void Cpu_max_gives_the_limit_in_cpus(string text, double? cpus)
    {
        Assert.Equal(cpus, CpuMaxParser.Parse(text));
    }
}

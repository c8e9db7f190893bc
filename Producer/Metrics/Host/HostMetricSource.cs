using AkLight.Monitoring.Metrics;
namespace AkLight.Producer.Metrics.Host;

/// <summary>
/// The agent's own host — or its own container, when it runs in one — as a single source named after the
/// host: CPU %, memory, disk use of one path, network bytes. Used when Docker is off or unreachable.
/// </summary>
internal sealed class HostMetricSource(string hostName, string diskPath, HostPaths paths, Action<string> warn) : IMetricSource
{
    private readonly HostCpuMeter _cpu = new(paths);
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    public string Description =>
        $"this {(paths.InContainerCgroup ? "container" : "host")} as '{hostName}' (cpu from {_cpu.Source}, memory from {MemorySource}, disk of {diskPath}, network from {paths.NetDev})";

    private string MemorySource => UseCgroupMemory ? paths.MemoryCurrent : paths.MemInfo;

    private bool UseCgroupMemory => paths.InContainerCgroup && File.Exists(paths.MemoryCurrent);

    public Task PrimeAsync(CancellationToken cancellationToken)
    {
        Try("cpu", () => _cpu.Read());
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SourceSample>> SampleAsync(CancellationToken cancellationToken)
    {
        var values = new List<MetricValue>();
        Try(MetricNames.Cpu, () =>
        {
            if (_cpu.Read() is { } percent) values.Add(new(MetricNames.Cpu, percent, MetricNames.Percent));
        });
        Try(MetricNames.Memory, () =>
        {
            var memory = ReadMemory();
            values.Add(new(MetricNames.Memory, memory.UsedBytes, MetricNames.Bytes));
            values.Add(new(MetricNames.MemoryLimit, memory.LimitBytes, MetricNames.Bytes));
            values.Add(new(MetricNames.MemoryPercent, memory.Percent, MetricNames.Percent));
        });
        Try("disk", () =>
        {
            var disk = DiskUsage.Of(diskPath);
            values.Add(new(MetricNames.DiskUsed, disk.UsedBytes, MetricNames.Bytes));
            values.Add(new(MetricNames.DiskPercent, disk.Percent, MetricNames.Percent));
        });
        Try("net", () =>
        {
            var (rx, tx) = NetDevParser.TotalExcludingLoopback(NetDevParser.Parse(File.ReadAllText(paths.NetDev)));
            values.Add(new(MetricNames.NetRx, rx, MetricNames.Bytes));
            values.Add(new(MetricNames.NetTx, tx, MetricNames.Bytes));
        });
        IReadOnlyList<SourceSample> samples = [new SourceSample(hostName, hostName, values, MetricNames.RunningState, Health: null)];
        return Task.FromResult(samples);
    }

    private MemoryUsage ReadMemory()
    {
        var machine = MemInfoParser.Parse(File.ReadAllText(paths.MemInfo));
        if (!UseCgroupMemory) return MemoryUsage.FromMemInfo(machine);
        var current = CgroupValueParser.Parse(File.ReadAllText(paths.MemoryCurrent)) ?? 0;
        var max = File.Exists(paths.MemoryMax) ? CgroupValueParser.Parse(File.ReadAllText(paths.MemoryMax)) : null;
        ulong? inactiveFile = File.Exists(paths.MemoryStat) && FlatKeyedParser.Parse(File.ReadAllText(paths.MemoryStat)).TryGetValue("inactive_file", out var cache)
            ? cache
            : null;
        return MemoryUsage.FromCgroup(current, inactiveFile, max, (ulong)Math.Max(machine.TotalBytes, 0));
    }

    /// <summary>
    /// Runs one group of readings; a group that fails (a missing file, an unmounted disk path) is left out of
    /// this sample and reported once, so the other metrics still flow.
    /// </summary>
    private void Try(string what, Action read)
    {
        try
        {
            read();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            if (_warned.Add(what)) warn($"cannot read {what}: {error.Message}");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

namespace AkLight.Producer.Metrics;

/// <summary>The metric names (last topic level) and units the agent publishes; consumers' rules refer to these names.</summary>
internal static class MetricNames
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string MemoryLimit = "memory.limit";
    public const string MemoryPercent = "memory.percent";
    public const string NetRx = "net.rx";
    public const string NetTx = "net.tx";
    public const string BlockRead = "blkio.read";
    public const string BlockWrite = "blkio.write";
    public const string Restarts = "restarts";
    public const string DiskUsed = "disk.used";
    public const string DiskPercent = "disk.percent";

    /// <summary>The status message: state and health, no value.</summary>
    public const string Status = "status";

    public const string Percent = "%";
    public const string Bytes = "bytes";
    public const string Count = "count";
}

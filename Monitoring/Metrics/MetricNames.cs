namespace AkLight.Monitoring.Metrics;

/// <summary>
/// The metric names (last level of <c>metrics/docker/{host}/{container}/{metric}</c>), units and states the
/// agent publishes and the monitor reads: one contract for both sides. Rules may name any metric; these are
/// the ones the agent sends and the container table shows.
/// </summary>
public static class MetricNames
{
    /// <summary>CPU use in percent.</summary>
    public const string Cpu = "cpu";

    /// <summary>Memory in use, in bytes.</summary>
    public const string Memory = "memory";

    /// <summary>The container's memory limit, in bytes.</summary>
    public const string MemoryLimit = "memory.limit";

    /// <summary>Memory in use as a percentage of the limit.</summary>
    public const string MemoryPercent = "memory.percent";

    /// <summary>Network bytes received (a total in bytes, or a rate with unit <c>B/s</c>).</summary>
    public const string NetRx = "net.rx";

    /// <summary>Network bytes sent.</summary>
    public const string NetTx = "net.tx";

    /// <summary>Block I/O bytes read.</summary>
    public const string BlockRead = "blkio.read";

    /// <summary>Block I/O bytes written.</summary>
    public const string BlockWrite = "blkio.write";

    /// <summary>How many times Docker restarted the container.</summary>
    public const string Restarts = "restarts";

    /// <summary>Disk space in use, in bytes (host mode).</summary>
    public const string DiskUsed = "disk.used";

    /// <summary>Disk space in use, in percent (host mode).</summary>
    public const string DiskPercent = "disk.percent";

    /// <summary>Status messages: <c>state</c> (running, stopped, ...) and <c>health</c>, no value needed.</summary>
    public const string Status = "status";

    /// <summary>The <c>state</c> of a running container.</summary>
    public const string RunningState = "running";

    /// <summary>The <c>state</c> of a container that ended on purpose: no silence alarm for it.</summary>
    public const string StoppedState = "stopped";

    public const string Percent = "%";
    public const string Bytes = "bytes";
    public const string Count = "count";
}

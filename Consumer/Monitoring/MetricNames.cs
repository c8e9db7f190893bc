namespace AkLight.Consumer.Monitoring;

/// <summary>
/// The metric names (last level of <c>metrics/docker/{host}/{container}/{metric}</c>) the container table
/// shows: the names the metrics agent publishes. Other metrics are still stored and checked against the
/// rules; they just have no column.
/// </summary>
internal static class MetricNames
{
    /// <summary>CPU use in percent.</summary>
    public const string Cpu = "cpu";

    /// <summary>Memory in use, in bytes.</summary>
    public const string MemoryUsage = "memory";

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

    /// <summary>Status messages: <c>state</c> (running, stopped, ...) and <c>health</c>, no value needed.</summary>
    public const string Status = "status";

    /// <summary>The <c>state</c> of a status reading for a container that ended on purpose: no silence alarm for it.</summary>
    public const string StoppedState = "stopped";
}

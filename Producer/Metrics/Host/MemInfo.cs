namespace AkLight.Producer.Metrics.Host;

/// <summary>The machine's memory from <c>/proc/meminfo</c>, in bytes.</summary>
internal readonly record struct MemInfo(long TotalBytes, long AvailableBytes)
{
    /// <summary>Memory in use as <c>free</c> counts it: total less what is available without swapping.</summary>
    public long UsedBytes => TotalBytes - AvailableBytes;
}

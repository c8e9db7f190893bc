namespace AkLight.Producer.Metrics.Host;

/// <summary>The aggregate <c>cpu</c> line of <c>/proc/stat</c>, in clock ticks since boot.</summary>
internal readonly record struct CpuTimes(ulong User, ulong Nice, ulong System, ulong Idle, ulong IoWait, ulong Irq, ulong SoftIrq, ulong Steal)
{
    /// <summary>Every tick counted once. Guest time is left out: the kernel already counts it in user and nice.</summary>
    public ulong Total => User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal;

    /// <summary>Ticks spent working: the total less idle and waiting for I/O.</summary>
    public ulong Busy => Total - Idle - IoWait;
}

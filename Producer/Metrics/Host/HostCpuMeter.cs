using System.Diagnostics;

namespace AkLight.Producer.Metrics.Host;

/// <summary>
/// CPU % of the agent's own container (cgroup v2 <c>cpu.stat</c>) or, outside one, of the whole machine
/// (<c>/proc/stat</c>), between one reading and the next.
/// </summary>
internal sealed class HostCpuMeter(HostPaths paths)
{
    private readonly bool _cgroup = paths.InContainerCgroup && File.Exists(paths.CpuStat);
    private CpuTimes? _previousTimes;
    private (ulong Usec, long Ticks)? _previousUsage;

    /// <summary>Which file the numbers come from.</summary>
    public string Source => _cgroup ? paths.CpuStat : paths.ProcStat;

    /// <summary>Takes a reading; returns the CPU % since the previous one, or null for the very first.</summary>
    public double? Read()
    {
        if (_cgroup)
        {
            var usec = CgroupCpuStatParser.Parse(File.ReadAllText(paths.CpuStat));
            var now = Stopwatch.GetTimestamp();
            double? percent = _previousUsage is { } before
                ? CpuPercent.FromCgroupUsage(before.Usec, usec, Stopwatch.GetElapsedTime(before.Ticks, now), EffectiveCpus())
                : null;
            _previousUsage = (usec, now);
            return percent;
        }
        var times = ProcStatParser.Parse(File.ReadAllText(paths.ProcStat));
        double? result = _previousTimes is { } previous ? CpuPercent.FromProcStat(previous, times) : null;
        _previousTimes = times;
        return result;
    }

    private double EffectiveCpus()
    {
        var limit = File.Exists(paths.CpuMax) ? CpuMaxParser.Parse(File.ReadAllText(paths.CpuMax)) : null;
        return CpuPercent.EffectiveCpus(limit, Environment.ProcessorCount);
    }
}

namespace AkLight.Bench.Measure;

/// <summary>Resident memory and CPU time of processes, from /proc.</summary>
internal static class ProcStats
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>VmRSS of <paramref name="pid"/> in bytes, or null when it cannot be read.</summary>
    public static long? ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>User + system CPU seconds of <paramref name="pid"/> and its live descendants (PostgreSQL's backends).</summary>
    public static double CpuSecondsWithChildren(int pid)
    {
        var parents = ReadParents();
        var total = 0.0;
        var pending = new Stack<int>([pid]);
        var seen = new HashSet<int>();
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current)) continue;
            total += CpuSeconds(current);
            foreach (var (child, parent) in parents)
                if (parent == current) pending.Push(child);
        }
        return total;
    }

    public static double CpuSeconds(int pid)
    {
        var fields = ReadStatFields(pid);
        return fields is null ? 0 : (long.Parse(fields[11]) + long.Parse(fields[12])) / ClockTicksPerSecond;
    }

    /// <summary>The fields of /proc/pid/stat after the command name: [0] is the state, [1] the parent pid, [11] utime, [12] stime.</summary>
    private static string[]? ReadStatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static List<(int Pid, int Parent)> ReadParents()
    {
        var result = new List<(int, int)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            var fields = ReadStatFields(pid);
            if (fields is not null && int.TryParse(fields[1], out var parent)) result.Add((pid, parent));
        }
        return result;
    }
}

namespace AkLight.Cluster.PostgresTests.Faults;

/// <summary>
/// Busy-loop processes (<c>bash -c 'while :; do :; done'</c>, one per core and one more), at the silos' own priority,
/// so the host's CPUs stay at 100 % and the silos compete for every slice. Killed by their ids when disposed.
/// </summary>
public sealed class CpuLoad : IDisposable
{
    private readonly List<Process> _loops = [];

    public CpuLoad(int processes)
    {
        for (var i = 0; i < processes; i++)
        {
            var start = new ProcessStartInfo("bash") { UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("while :; do :; done");
            _loops.Add(Process.Start(start) ?? throw new InvalidOperationException("cannot start a busy loop"));
        }
    }

    /// <summary>Share of the host's CPU time spent busy (not idle or iowait) over <paramref name="window"/>, from /proc/stat.</summary>
    public static async Task<double> MeasureBusyAsync(TimeSpan window)
    {
        var (busy0, total0) = ReadStat();
        await Task.Delay(window);
        var (busy1, total1) = ReadStat();
        return total1 == total0 ? 0 : (double)(busy1 - busy0) / (total1 - total0);
    }

    private static (long Busy, long Total) ReadStat()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var total = fields.Take(8).Sum();
        return (total - fields[3] - fields[4], total);
    }

    public void Dispose()
    {
        foreach (var loop in _loops)
        {
            try
            {
                if (!loop.HasExited) loop.Kill();
                loop.WaitForExit(5_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            loop.Dispose();
        }
    }
}

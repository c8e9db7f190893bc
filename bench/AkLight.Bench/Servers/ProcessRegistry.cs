namespace AkLight.Bench.Servers;

/// <summary>
/// Every process the bench started, by id, so that each is stopped by its pid: at the end of its scenario,
/// on failure, and on Ctrl+C or SIGTERM. Also written to a pid file (one "pid name" a line) that
/// <c>bench/run.sh</c> reads to stop stragglers if the bench itself is killed.
/// </summary>
internal static class ProcessRegistry
{
    private static readonly object Gate = new();
    private static readonly Dictionary<int, (string Name, int StopSignal)> Running = [];

    /// <summary>Where the pid file goes; none when null.</summary>
    public static string? PidFile { get; set; }

    public static void Add(int pid, string name, int stopSignal)
    {
        lock (Gate)
        {
            Running[pid] = (name, stopSignal);
            Write();
        }
    }

    public static void Remove(int pid)
    {
        lock (Gate)
        {
            if (Running.Remove(pid)) Write();
        }
    }

    /// <summary>Stops every registered process: its stop signal first, SIGKILL for any still alive after a grace period.</summary>
    public static void StopAll(TimeSpan grace)
    {
        KeyValuePair<int, (string Name, int StopSignal)>[] all;
        lock (Gate) all = [.. Running];
        if (all.Length == 0) return;
        foreach (var (pid, entry) in all) Signals.Send(pid, entry.StopSignal);
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline && all.Any(p => Signals.IsAlive(p.Key))) Thread.Sleep(100);
        foreach (var (pid, _) in all)
        {
            if (Signals.IsAlive(pid)) Signals.Send(pid, Signals.Kill);
            Remove(pid);
        }
    }

    private static void Write()
    {
        if (PidFile is null) return;
        try
        {
            File.WriteAllLines(PidFile, Running.Select(p => $"{p.Key} {p.Value.Name}"));
        }
        catch (IOException)
        {
            // The pid file is a safety net for the script; the bench still stops what it started.
        }
    }
}

namespace AkLight.Bench.Servers;

/// <summary>
/// A process the bench started: its output goes to a log file, its pid to <see cref="ProcessRegistry"/>,
/// and it is stopped by pid (its stop signal, then SIGKILL after a grace period).
/// </summary>
/// <remarks>Made by <see cref="Start"/>.</remarks>
internal sealed class ChildProcess(string name, Process process, StreamWriter log, string logPath, int stopSignal) : IAsyncDisposable
{
    private readonly Process _process = process;
    private readonly StreamWriter _log = log;
    private readonly object _logGate = new();
    private readonly int _stopSignal = stopSignal;
    private bool _closed;

    public string Name { get; } = name;

    public int Pid => _process.Id;

    public string LogPath { get; } = logPath;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="file"/> with <paramref name="arguments"/>; output is appended to <paramref name="logPath"/>.</summary>
    public static ChildProcess Start(string name, string file, IEnumerable<string> arguments, string workingDirectory, string logPath,
        IReadOnlyDictionary<string, string?>? environment = null, int stopSignal = Signals.Terminate)
    {
        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (key, value) in environment)
                if (value is null) start.Environment.Remove(key);
                else start.Environment[key] = value;

        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var child = new ChildProcess(name, process, log, logPath, stopSignal);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        ProcessRegistry.Add(process.Id, name, stopSignal);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last lines of the log, for error messages.</summary>
    public string LogTail(int lines = 20)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return $"--- {Name} (pid {Pid}), {LogPath} ---\n" + string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return $"--- {Name}: no log ---";
        }
    }

    /// <summary>Sends the stop signal and waits up to <paramref name="grace"/>; SIGKILL if still running.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            Signals.Send(_process.Id, _stopSignal);
            using var limit = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Signals.Send(_process.Id, Signals.Kill);
                using var kill = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(kill.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Reported by the registry's own stop at exit.
                }
            }
        }
        ProcessRegistry.Remove(_process.Id);
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_logGate)
            if (!_closed) _log.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        lock (_logGate)
        {
            _closed = true;
            _log.Dispose();
        }
        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace AkLight.TestSupport;

/// <summary>
/// A child process (<c>dotnet &lt;dll&gt; args</c>) whose output lines are collected as they come. Every wait
/// is bounded; disposing kills the process and its children if still running.
/// </summary>
public sealed class ProcessRunner : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly object _gate = new();

    private ProcessRunner(Process process) => _process = process;

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The standard output lines so far.</summary>
    public IReadOnlyList<string> Stdout
    {
        get { lock (_gate) return _stdout.ToArray(); }
    }

    /// <summary>The standard error lines so far.</summary>
    public IReadOnlyList<string> Stderr
    {
        get { lock (_gate) return _stderr.ToArray(); }
    }

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c>, with <paramref name="environment"/> added to
    /// this process's (a null value removes the variable).
    /// </summary>
    public static ProcessRunner StartDotnet(string dll, IEnumerable<string> args, string? workingDirectory = null, bool withStdin = false,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = withStdin,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        if (withStdin) info.StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("AKLIGHT_BROKERS"); // every test names its broker explicitly
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var runner = new ProcessRunner(process);
        process.OutputDataReceived += (_, e) => runner.Collect(runner._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => runner.Collect(runner._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    /// <summary>Writes <paramref name="text"/> to standard input and closes it.</summary>
    public async Task WriteStdinAndCloseAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        _process.StandardInput.Close();
    }

    /// <summary>Waits until the output so far satisfies <paramref name="condition"/>; fails when the process exits first or the time is up.</summary>
    public async Task WaitForStdoutAsync(Func<IReadOnlyList<string>, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(Stdout))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"process exited with {_process.ExitCode} before the expected output.\n{Describe()}");
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"expected output did not come within {timeout.TotalSeconds} s.\n{Describe()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code; kills it and fails when the time is up.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(timer.Token); // also waits for the output to be read to its end
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"process did not exit within {timeout.TotalSeconds} s and was killed.\n{Describe()}");
        }
        return _process.ExitCode;
    }

    /// <summary>Asks the process to stop as Ctrl+C or a service manager would (SIGTERM); elsewhere than Unix, kills it.</summary>
    public void Terminate()
    {
        if (_process.HasExited) return;
        if (OperatingSystem.IsWindows()) Kill();
        else if (SendSignal(_process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Kills the process and its children, if still running, and waits (bounded) for it to exit.</summary>
    public void Kill()
    {
        try
        {
            if (_process.HasExited) return;
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000); // gone, and its ports free, when this returns
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    /// <summary>The command's output, for failure messages.</summary>
    public string Describe() => Describe(60);

    /// <summary>The command's last <paramref name="lines"/> lines of each stream.</summary>
    public string Describe(int lines) =>
        $"--- stdout ---\n{string.Join('\n', Stdout.TakeLast(lines))}\n--- stderr ---\n{string.Join('\n', Stderr.TakeLast(lines))}";

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Collect(List<string> lines, string? line)
    {
        if (line is null) return;
        lock (_gate) lines.Add(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}

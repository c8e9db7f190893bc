namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>
/// Debian's <c>mosquitto_pub</c> and <c>mosquitto_sub</c> (package mosquitto-clients), run as real processes
/// against a silo's MQTT port on 127.0.0.1. Every run has a time limit of its own.
/// </summary>
public sealed class Mosquitto : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private bool _disposed;

    private Mosquitto(string tool, int port, IEnumerable<string> args)
    {
        // Through stdbuf: piped, the tools would hold their output in a buffer until they exit.
        var info = new ProcessStartInfo("stdbuf") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-oL", tool, "-h", "127.0.0.1", "-p", port.ToString(), .. args]) info.ArgumentList.Add(arg);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Keep(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(_errors, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The messages printed so far (without the debug lines).</summary>
    public IReadOnlyList<string> Lines => Output.Where(l => !IsDebug(l)).ToArray();

    private string[] Output
    {
        get { lock (_output) return _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries); }
    }

    public string Errors
    {
        get { lock (_errors) return _errors.ToString(); }
    }

    /// <summary>
    /// Starts <c>mosquitto_sub</c> with <paramref name="args"/> and its debug output on (which tells when its
    /// SUBACK came: <see cref="WaitForSubackAsync"/>); wait for its messages with <see cref="WaitForLinesAsync"/>.
    /// </summary>
    public static Mosquitto Subscribe(int port, params string[] args) => new("mosquitto_sub", port, ["-d", .. args]);

    /// <summary>Waits until the broker acknowledged the subscription.</summary>
    public Task WaitForSubackAsync() =>
        Wait.UntilAsync(() => Output.Any(l => l.Contains("received SUBACK", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), "mosquitto_sub's SUBACK", Describe);

    /// <summary>Runs <c>mosquitto_pub</c> with <paramref name="args"/> to its end; returns its exit code and error output.</summary>
    public static async Task<(int Exit, string Errors)> PublishAsync(int port, params string[] args)
    {
        using var publish = new Mosquitto("mosquitto_pub", port, args);
        var exit = await publish.WaitForExitAsync(TimeSpan.FromSeconds(20));
        return (exit, publish.Errors);
    }

    /// <summary>Runs <c>mosquitto_pub</c> and fails the test unless it succeeds.</summary>
    public static async Task PublishOkAsync(int port, params string[] args)
    {
        var (exit, errors) = await PublishAsync(port, args);
        Assert.True(exit == 0, $"mosquitto_pub {string.Join(' ', args)} exited {exit}: {errors}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_process.StartInfo.ArgumentList[1]} did not end within {timeout.TotalSeconds:0} s: {Describe()}");
        }
        _process.WaitForExit(); // the last output lines are read
        return _process.ExitCode;
    }

    /// <summary>Waits until <paramref name="count"/> lines were printed; returns them.</summary>
    public async Task<IReadOnlyList<string>> WaitForLinesAsync(int count, TimeSpan timeout)
    {
        await Wait.UntilAsync(() => Lines.Count >= count, timeout, $"{count} lines from {_process.StartInfo.ArgumentList[1]}", Describe);
        return Lines;
    }

    public string Describe() => $"output: [{string.Join(" | ", Output)}] errors: [{Errors}]";

    /// <summary>mosquitto_sub -d's own lines: "Client x sending CONNECT", "Subscribed (mid: 1): 1".</summary>
    private static bool IsDebug(string line) =>
        line.StartsWith("Client ", StringComparison.Ordinal) || line.StartsWith("Subscribed (mid", StringComparison.Ordinal);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (!_process.HasExited) _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // it ended meanwhile
        }
        _process.Dispose();
    }

    private static void Keep(StringBuilder into, string? line)
    {
        if (line is null) return;
        lock (into) into.Append(line).Append('\n');
    }
}

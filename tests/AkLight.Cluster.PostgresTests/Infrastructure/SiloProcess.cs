using System.Collections.Concurrent;

namespace AkLight.Cluster.PostgresTests.Infrastructure;

/// <summary>
/// A real silo process (<c>dotnet Silo/bin/&lt;Configuration&gt;/net10.0/AkLight.Silo.dll</c>) configured on the
/// command line, on free loopback ports. Killed (SIGKILL, the whole tree) when disposed.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int KeptLines = 400;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Process _process;

    private SiloProcess(string name, Process process, int siloPort, int gatewayPort, int? dashboardPort, int mqttPort)
    {
        MqttPort = mqttPort;
        Name = name;
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        DashboardPort = dashboardPort;
    }

    public string Name { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public int? DashboardPort { get; }
    /// <summary>The MQTT door's port: <c>AkLight:Mqtt:Port</c> when the settings give it, else a free one.</summary>
    public int MqttPort { get; }
    public int ProcessId => _process.Id;

    /// <summary>host:port for <c>BrokerConnection.ConnectAsync</c>.</summary>
    public string Gateway => $"127.0.0.1:{GatewayPort}";

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts a silo. <paramref name="settings"/> are configuration keys (<c>AkLight:...</c>) passed as
    /// <c>--key=value</c>; ports are chosen here unless given. <paramref name="workingDirectory"/> holds its
    /// relative paths (the embedded store's data folder).
    /// </summary>
    public static SiloProcess Start(string name, string workingDirectory, IReadOnlyDictionary<string, string> settings,
        int? siloPort = null, int? gatewayPort = null, int? dashboardPort = null, bool dashboard = true)
    {
        var silo = siloPort ?? FreePorts.Pick();
        var gateway = gatewayPort ?? FreePorts.Pick();
        int? http = dashboard ? dashboardPort ?? FreePorts.Pick() : null;
        var all = new Dictionary<string, string>(settings)
        {
            ["AkLight:Silo:SiloPort"] = silo.ToString(),
            ["AkLight:Silo:GatewayPort"] = gateway.ToString(),
            ["AkLight:Dashboard:Enabled"] = dashboard ? "true" : "false",
            ["AkLight:Dashboard:Address"] = "127.0.0.1",
        };
        if (http is { } port) all["AkLight:Dashboard:Port"] = port.ToString();
        all.TryAdd("AkLight:Mqtt:Port", FreePorts.Pick().ToString());
        all.TryAdd("AkLight:Kafka:Port", FreePorts.Pick().ToString());
        // Compaction and retention scenarios shorten retention to milliseconds on purpose.
        all.TryAdd("AkLight:Limits:MinRetention", "00:00:00.001");

        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(RepositoryPaths.SiloDll);
        foreach (var (key, value) in all) start.ArgumentList.Add($"--{key}={value}");
        // Only what the test says: no cluster store inherited from the environment of the test run.
        start.Environment.Remove("AKLIGHT_POSTGRES");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var result = new SiloProcess(name, process, silo, gateway, http, int.Parse(all["AkLight:Mqtt:Port"]));
        process.OutputDataReceived += (_, e) => result.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => result.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Waits until the gateway accepts connections; fails early, with the silo's output, if it exits.</summary>
    public Task WaitForGatewayAsync(TimeSpan timeout) =>
        Wait.UntilAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"silo {Name} exited with {_process.ExitCode}:{Environment.NewLine}{LogTail()}");
            return await FreePorts.IsListeningAsync(GatewayPort);
        }, timeout, $"silo {Name}'s gateway on port {GatewayPort}", () => LogTail());

    /// <summary><c>kill -9</c>: the silo gets no chance to leave the cluster.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>A clean stop (SIGTERM, as <c>docker stop</c> sends); SIGKILL if it has not exited within <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        await Command.RunAsync("kill", ["-TERM", _process.Id.ToString()], TimeSpan.FromSeconds(10));
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>The silo's last output lines.</summary>
    public string LogTail(int lines = 60) => $"--- {Name} (pid {_process.Id}) ---{Environment.NewLine}" +
        string.Join(Environment.NewLine, _lines.TakeLast(lines));

    private void Keep(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        while (_lines.Count > KeptLines) _lines.TryDequeue(out _);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}

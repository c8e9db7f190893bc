namespace AkLight.Cluster.PostgresTests.Infrastructure;

/// <summary>
/// A real silo process of a test cluster (<see cref="SiloRunner"/>), named, on free loopback ports unless given, its
/// dashboard on 127.0.0.1. Killed (SIGKILL, the whole tree) when disposed.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly SiloRunner _runner;

    private SiloProcess(string name, SiloRunner runner, int siloPort, int gatewayPort, int? dashboardPort, int mqttPort)
    {
        Name = name;
        _runner = runner;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        DashboardPort = dashboardPort;
        MqttPort = mqttPort;
    }

    public string Name { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public int? DashboardPort { get; }
    /// <summary>The MQTT door's port: <c>AkLight:Mqtt:Port</c> when the settings give it, else a free one.</summary>
    public int MqttPort { get; }
    public int ProcessId => _runner.Id;

    /// <summary>host:port for <c>BrokerConnection.ConnectAsync</c>.</summary>
    public string Gateway => $"127.0.0.1:{GatewayPort}";

    public bool HasExited => _runner.HasExited;

    /// <summary>
    /// Starts a silo. <paramref name="settings"/> are configuration keys (<c>AkLight:...</c>); ports are chosen here
    /// unless given. <paramref name="workingDirectory"/> holds its relative paths (the embedded store's data folder).
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

        var runner = SiloRunner.Start(all.Select(s => $"{s.Key}={s.Value}"), workingDirectory);
        return new SiloProcess(name, runner, silo, gateway, http, int.Parse(all["AkLight:Mqtt:Port"]));
    }

    /// <summary>Waits until the gateway accepts connections; fails early, with the silo's output, if it exits.</summary>
    public Task WaitForGatewayAsync(TimeSpan timeout) =>
        Wait.UntilAsync(async () =>
        {
            if (_runner.HasExited) throw new InvalidOperationException($"silo {Name} exited:{Environment.NewLine}{LogTail()}");
            return await FreePorts.IsListeningAsync(GatewayPort);
        }, timeout, $"silo {Name}'s gateway on port {GatewayPort}", () => LogTail());

    /// <summary><c>kill -9</c>: the silo gets no chance to leave the cluster.</summary>
    public void Kill() => _runner.Kill();

    /// <summary>A clean stop (SIGTERM, as <c>docker stop</c> sends); SIGKILL if it has not exited within <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_runner.HasExited) return;
        try
        {
            await _runner.StopAsync(timeout);
        }
        catch (TimeoutException)
        {
            // Killed by the runner when the time was up: the outcome this stop promises either way.
        }
    }

    /// <summary>The silo's last output lines.</summary>
    public string LogTail(int lines = 60) => $"--- {Name} (pid {_runner.Id}) ---{Environment.NewLine}{_runner.Describe(lines)}";

    public ValueTask DisposeAsync() => _runner.DisposeAsync();
}

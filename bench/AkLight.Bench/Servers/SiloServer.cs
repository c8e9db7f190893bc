namespace AkLight.Bench.Servers;

/// <summary>
/// One AKLight silo process (<c>dotnet Silo/bin/&lt;Configuration&gt;/net10.0/AkLight.Silo.dll</c>) on loopback ports,
/// configured on the command line. Restartable on the same ports and data.
/// </summary>
internal sealed class SiloServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly string _workingDirectory;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private int _starts;

    public SiloServer(string name, string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        _workingDirectory = workingDirectory;
        SiloPort = FreePorts.Next();
        GatewayPort = FreePorts.Next();
        MqttPort = FreePorts.Next();
        KafkaPort = FreePorts.Next();
        HttpPort = FreePorts.Next();
        _settings = new Dictionary<string, string>(settings)
        {
            ["AkLight:Silo:SiloPort"] = SiloPort.ToString(),
            ["AkLight:Silo:GatewayPort"] = GatewayPort.ToString(),
            ["AkLight:Mqtt:Port"] = MqttPort.ToString(),
            ["AkLight:Kafka:Enabled"] = "true",
            ["AkLight:Kafka:Port"] = KafkaPort.ToString(),
            ["AkLight:Dashboard:Enabled"] = "false",
            // The HTTP listener only for /metrics: the bench reads the collector's figures there (no principals: open).
            ["AkLight:Http:Enabled"] = "true",
            ["AkLight:Dashboard:Port"] = HttpPort.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>The MQTT door's port on 127.0.0.1.</summary>
    public int MqttPort { get; }

    /// <summary>The Kafka door's port on 127.0.0.1.</summary>
    public int KafkaPort { get; }

    /// <summary>The HTTP listener's port on 127.0.0.1 (its <c>/metrics</c>).</summary>
    public int HttpPort { get; }

    /// <summary>host:port for <c>BrokerConnection.ConnectAsync</c>.</summary>
    public string Gateway => $"127.0.0.1:{GatewayPort}";

    public ChildProcess? Process { get; private set; }

    /// <summary>Starts the silo (again) and waits until its gateway accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Process is { HasExited: false }) throw new InvalidOperationException($"{Name} is already running");
        if (Process is not null) await Process.DisposeAsync().ConfigureAwait(false);
        var arguments = new List<string> { RepoPaths.SiloDll };
        arguments.AddRange(_settings.Select(s => $"--{s.Key}={s.Value}"));
        var environment = new Dictionary<string, string?>
        {
            ["AKLIGHT_POSTGRES"] = null, // only what the bench says: no cluster store from the caller's environment
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        _starts++;
        Process = ChildProcess.Start(Name, "dotnet", arguments, _workingDirectory, Path.Combine(_workingDirectory, $"{Name}.{_starts}.log"), environment);
        await FreePorts.WaitListeningAsync(GatewayPort, Process, StartTimeout, cancellationToken).ConfigureAwait(false);
        // The MQTT door opens once the silo runs (after the gateway), when it has read the retained messages.
        await FreePorts.WaitListeningAsync(MqttPort, Process, StartTimeout, cancellationToken).ConfigureAwait(false);
        await FreePorts.WaitListeningAsync(KafkaPort, Process, StartTimeout, cancellationToken).ConfigureAwait(false);
        await FreePorts.WaitListeningAsync(HttpPort, Process, StartTimeout, cancellationToken).ConfigureAwait(false);
        SiloMetricsEndpoints.Register(Process.Pid, $"http://127.0.0.1:{HttpPort}/metrics");
    }

    /// <summary>A clean stop (SIGTERM), SIGKILL after 30 s.</summary>
    public Task StopAsync() => Process?.StopAsync(TimeSpan.FromSeconds(30)) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Process is not null) await Process.DisposeAsync().ConfigureAwait(false);
    }
}

namespace AkLight.Pipeline.ProcessTests.Infrastructure;

/// <summary>
/// A real broker silo process on 127.0.0.1 with free ports and its own temporary data folder, which outlives
/// restarts; no HTTP, MQTT or Kafka door, so nothing listens on a fixed port. Disposing kills it and deletes the folder.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly SiloRunner _runner;

    private SiloProcess(int siloPort, int gatewayPort, SiloRunner runner)
    {
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        _runner = runner;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public string DataDirectory => _runner.WorkingDirectory;

    /// <summary>The address to pass as <c>--broker</c>.</summary>
    public string Broker => $"127.0.0.1:{GatewayPort}";

    /// <summary>Starts a silo on fresh ports and a fresh data folder, and waits until it accepts clients.</summary>
    public static async Task<SiloProcess> StartAsync()
    {
        var ports = FreePorts.Pick(2);
        var runner = SiloRunner.StartEmbedded("aklight-e2e-", ports[0], ports[1],
        [
            // No HTTP dashboard: its fixed port would clash between test silos and with a developer's broker.
            "AkLight:Dashboard:Enabled=false",
            // No MQTT listener either: its fixed port would clash the same way.
            "AkLight:Mqtt:Enabled=false",
            // Nor Kafka.
            "AkLight:Kafka:Enabled=false",
        ]);
        var silo = new SiloProcess(ports[0], ports[1], runner);
        try
        {
            await runner.WaitUntilStartedAsync(StartTimeout);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
        return silo;
    }

    /// <summary>Stops the silo gracefully and starts it again on the same ports and data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _runner.Relaunch();
        await _runner.WaitUntilStartedAsync(StartTimeout);
    }

    /// <summary>Stops the silo as a service manager would (SIGTERM) and waits for it to exit.</summary>
    public Task<int> StopAsync() => _runner.StopAsync(StopTimeout);

    public string Describe() => _runner.Describe();

    public ValueTask DisposeAsync() => _runner.DisposeAsync();
}

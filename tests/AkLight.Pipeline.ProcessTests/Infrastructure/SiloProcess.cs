namespace AkLight.Pipeline.ProcessTests.Infrastructure;

/// <summary>
/// A real broker silo process on 127.0.0.1 with free ports and its own temporary data folder, which outlives
/// restarts. Disposing kills it and deletes the folder.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private ProcessRunner _runner;

    private SiloProcess(int siloPort, int gatewayPort, string dataDirectory, ProcessRunner runner)
    {
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        DataDirectory = dataDirectory;
        _runner = runner;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public string DataDirectory { get; }

    /// <summary>The address to pass as <c>--broker</c>.</summary>
    public string Broker => $"127.0.0.1:{GatewayPort}";

    /// <summary>Starts a silo on fresh ports and a fresh data folder, and waits until it accepts clients.</summary>
    public static async Task<SiloProcess> StartAsync()
    {
        var ports = FreePorts.Pick(2);
        var data = Path.Combine(Path.GetTempPath(), "aklight-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(data);
        var silo = new SiloProcess(ports[0], ports[1], data, Launch(ports[0], ports[1], data));
        try
        {
            await silo.WaitUntilReadyAsync();
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
        _runner.Dispose();
        _runner = Launch(SiloPort, GatewayPort, DataDirectory);
        await WaitUntilReadyAsync();
    }

    /// <summary>Stops the silo as a service manager would (SIGTERM) and waits for it to exit.</summary>
    public async Task<int> StopAsync()
    {
        _runner.Terminate();
        return await _runner.WaitForExitAsync(StopTimeout);
    }

    public string Describe() => _runner.Describe();

    public ValueTask DisposeAsync()
    {
        _runner.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
        return ValueTask.CompletedTask;
    }

    private static ProcessRunner Launch(int siloPort, int gatewayPort, string data) =>
        ProcessRunner.StartDotnet(RepositoryPaths.SiloDll,
        [
            $"--AkLight:Silo:SiloPort={siloPort}",
            $"--AkLight:Silo:GatewayPort={gatewayPort}",
            $"--AkLight:Storage:DataDirectory={data}",
            // No HTTP dashboard: its fixed port would clash between test silos and with a developer's broker.
            "--AkLight:Dashboard:Enabled=false",
            // No MQTT listener either: its fixed port would clash the same way.
            "--AkLight:Mqtt:Enabled=false",
            // Nor Kafka.
            "--AkLight:Kafka:Enabled=false",
            // appsettings.json quiets "Microsoft" to Warning; the readiness line is logged at Information.
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        ], workingDirectory: data);

    private Task WaitUntilReadyAsync() =>
        _runner.WaitForStdoutAsync(lines => lines.Any(l => l.Contains("Application started", StringComparison.Ordinal)), StartTimeout);
}

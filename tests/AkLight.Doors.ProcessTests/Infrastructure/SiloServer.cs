using System.Net.Sockets;

namespace AkLight.Doors.ProcessTests.Infrastructure;

/// <summary>
/// A real silo process on the embedded store: free ports on 127.0.0.1 (silo, gateway, HTTP) and a temporary data
/// folder. Started and waited for until it answers HTTP (or, without HTTP, until it says it started); disposing
/// kills it and deletes the folder.
/// </summary>
public sealed class SiloServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly SiloRunner _runner;

    private SiloServer(int httpPort, int gatewayPort, int mqttPort, SiloRunner runner)
    {
        HttpPort = httpPort;
        MqttPort = mqttPort;
        Gateway = $"127.0.0.1:{gatewayPort}";
        _runner = runner;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    /// <summary>The HTTP port (<c>AkLight:Dashboard:Port</c>), whether or not anything listens on it.</summary>
    public int HttpPort { get; }

    public Uri BaseAddress { get; }

    /// <summary>The MQTT door's port (<c>AkLight:Mqtt:Port</c>) on 127.0.0.1.</summary>
    public int MqttPort { get; }

    /// <summary>The gateway the .NET client connects to (<c>host:port</c>).</summary>
    public string Gateway { get; }

    public string DataDirectory => _runner.WorkingDirectory;

    /// <summary>The embedded store's SQLite file.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "aklight.db");

    /// <summary>
    /// Starts a silo with <paramref name="settings"/> (<c>Key=Value</c>, as on its command line) on top of the ports
    /// and data folder; <paramref name="servesHttp"/> says whether to wait for HTTP answers or only for the start.
    /// </summary>
    public static async Task<SiloServer> StartAsync(IEnumerable<string>? settings = null, bool servesHttp = true)
    {
        var ports = FreePorts.Pick(5);
        var runner = SiloRunner.StartEmbedded("aklight-api-", ports[0], ports[1],
            [$"AkLight:Dashboard:Port={ports[2]}", $"AkLight:Mqtt:Port={ports[3]}", $"AkLight:Kafka:Port={ports[4]}", .. settings ?? []]);
        var silo = new SiloServer(ports[2], ports[1], ports[3], runner);
        try
        {
            await runner.WaitUntilStartedAsync(StartTimeout);
            if (servesHttp) await silo.WaitForHttpAsync();
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
        return silo;
    }

    /// <summary>A client for this silo's HTTP port; long enough a timeout for long-polls.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>True when something accepts TCP connections on the HTTP port.</summary>
    public async Task<bool> IsHttpPortOpenAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", HttpPort).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception error) when (error is SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The silo's output, for failure messages.</summary>
    public string Describe() => _runner.Describe();

    public ValueTask DisposeAsync() => _runner.DisposeAsync();

    private async Task WaitForHttpAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("api/topics");
                // A silo with principals answers 401 to a request without a key: it is up all the same.
                if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Unauthorized) return;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (_runner.HasExited) throw new InvalidOperationException($"the silo exited before answering HTTP.\n{Describe()}");
            if (clock.Elapsed > StartTimeout) throw new TimeoutException($"the silo did not answer HTTP within {StartTimeout.TotalSeconds} s.\n{Describe()}");
            await Task.Delay(200);
        }
    }
}

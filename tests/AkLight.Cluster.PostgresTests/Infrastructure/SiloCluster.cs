namespace AkLight.Cluster.PostgresTests.Infrastructure;

/// <summary>
/// Silo processes in cluster mode on one PostgreSQL database, with a client connected to all their gateways.
/// Disposing kills every silo it started.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    /// <summary>Orleans.Runtime.SiloStatus.Active as the membership table stores it.</summary>
    public const int ActiveStatus = 3;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<SiloProcess> _silos = [];
    private readonly string _workingDirectory;

    /// <summary>
    /// The cluster id the silos run with: the one <c>BrokerConnection</c> announces by default (a gateway
    /// refuses clients of another cluster). Each test has a database of its own, so clusters never meet.
    /// </summary>
    public const string ClientClusterId = "aklight";

    public SiloCluster(string connectionString, ITestOutputHelper output)
    {
        ConnectionString = connectionString;
        ClusterId = ClientClusterId;
        Output = output;
        _workingDirectory = Directory.CreateTempSubdirectory("aklight-silos-").FullName;
    }

    public string ConnectionString { get; }
    public string ClusterId { get; }
    public ITestOutputHelper Output { get; }
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>
    /// Starts a silo of this cluster, on new ports unless given (a restarted silo keeps its ports), and waits
    /// for its gateway. <paramref name="extraSettings"/> adds configuration keys (TLS, for example).
    /// </summary>
    public async Task<SiloProcess> StartSiloAsync(string name, int? siloPort = null, int? gatewayPort = null, int? dashboardPort = null,
        IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["AkLight:Postgres:ConnectionString"] = ConnectionString,
            ["AkLight:Cluster:ClusterId"] = ClusterId,
            ["AkLight:Cluster:ServiceId"] = ClusterId,
            ["AkLight:Silo:AdvertisedAddress"] = "127.0.0.1",
            ["AkLight:Silo:ListenOnAnyAddress"] = "false",
            ["AkLight:Storage:DataDirectory"] = Path.Combine(_workingDirectory, name, "data"),
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>()) settings[key] = value;
        var silo = SiloProcess.Start(name, Path.Combine(_workingDirectory, name), settings, siloPort, gatewayPort, dashboardPort);
        _silos.Add(silo);
        await silo.WaitForGatewayAsync(StartTimeout);
        return silo;
    }

    /// <summary>Waits until exactly the running silos' rows are Active in the membership table.</summary>
    public Task WaitForActiveMembersAsync(IReadOnlyCollection<SiloProcess> expected, TimeSpan? timeout = null) =>
        Wait.UntilAsync(async () =>
        {
            var active = (await ReadMembershipAsync()).Where(r => r.Status == ActiveStatus).Select(r => r.Port).Order().ToArray();
            return active.SequenceEqual(expected.Select(s => s.SiloPort).Order());
        }, timeout ?? StartTimeout, $"silos {string.Join(", ", expected.Select(s => s.Name))} (and no others) Active in orleansmembershiptable",
        () => string.Join(Environment.NewLine, _silos.Select(s => s.LogTail(20))));

    /// <summary>The rows of this cluster in orleansmembershiptable.</summary>
    public async Task<IReadOnlyList<MembershipRow>> ReadMembershipAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT address, port, generation, status, proxyport FROM orleansmembershiptable WHERE deploymentid = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ClusterId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync())
            rows.Add(new MembershipRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4)));
        return rows;
    }

    /// <summary>A client connected through every running silo's gateway.</summary>
    public Task<BrokerConnection> ConnectAsync() =>
        BrokerConnection.ConnectAsync(_silos.Where(s => !s.HasExited).Select(s => s.Gateway).ToArray(), TimeSpan.FromSeconds(30));

    /// <summary>The silos' last output, for failure messages.</summary>
    public string Logs(int lines = 40) => string.Join(Environment.NewLine, _silos.Select(s => s.LogTail(lines)));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

/// <summary>One row of orleansmembershiptable.</summary>
public sealed record MembershipRow(string Address, int Port, int Generation, int Status, int? GatewayPort);

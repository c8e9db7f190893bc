namespace AkLight.Bench.Servers;

/// <summary>
/// The AKLight broker as the bench runs it: one embedded silo (SQLite file), or a cluster of silos on one
/// PostgreSQL database. Knows its gateways and the processes whose CPU and memory are the broker's.
/// </summary>
internal sealed class AkLightDeployment : IAsyncDisposable
{
    private readonly List<SiloServer> _silos;
    private readonly PostgresServer? _postgres;

    private AkLightDeployment(string name, List<SiloServer> silos, PostgresServer? postgres)
    {
        Name = name;
        _silos = silos;
        _postgres = postgres;
    }

    /// <summary>
    /// The cluster id every bench silo runs with and every bench client connects with (a gateway refuses a client
    /// of another cluster). The client's default; each bench cluster has a database of its own, so none meets another.
    /// </summary>
    public const string ClusterId = AkLight.Client.Connection.BrokerConnection.DefaultClusterId;

    public string Name { get; }

    public IReadOnlyList<string> Gateways => _silos.Select(s => s.Gateway).ToArray();

    /// <summary>The silos' MQTT door ports on 127.0.0.1.</summary>
    public IReadOnlyList<int> MqttPorts => _silos.Select(s => s.MqttPort).ToArray();

    /// <summary>The silos' Kafka door ports on 127.0.0.1.</summary>
    public IReadOnlyList<int> KafkaPorts => _silos.Select(s => s.KafkaPort).ToArray();

    /// <summary>The silo processes' ids (for resident memory).</summary>
    public IReadOnlyList<int> SiloPids => _silos.Where(s => s.Process is { HasExited: false }).Select(s => s.Process!.Pid).ToArray();

    /// <summary>Every process that does the broker's work: the silos and, in cluster mode, PostgreSQL (with its backends).</summary>
    public IReadOnlyList<int> BrokerPids => _postgres is null ? SiloPids : [.. SiloPids, _postgres.Pid];

    /// <summary>One silo with the embedded store in a folder of its own under <paramref name="workRoot"/>.</summary>
    public static async Task<AkLightDeployment> StartEmbeddedAsync(string name, BenchOptions options, string workRoot, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workRoot, name);
        var settings = CommonSettings(options);
        settings["AkLight:Storage:DataDirectory"] = Path.Combine(folder, "data");
        var silo = new SiloServer($"{name}-silo", folder, settings);
        var deployment = new AkLightDeployment(name, [silo], null);
        try
        {
            await silo.StartAsync(cancellationToken).ConfigureAwait(false);
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary><paramref name="silos"/> silos in cluster mode on the database of <paramref name="connectionString"/>.</summary>
    public static async Task<AkLightDeployment> StartClusterAsync(string name, BenchOptions options, PostgresServer postgres, string connectionString,
        int silos, string workRoot, CancellationToken cancellationToken)
    {
        var list = new List<SiloServer>();
        for (var i = 1; i <= silos; i++)
        {
            var folder = Path.Combine(workRoot, $"{name}-{i}");
            var settings = CommonSettings(options);
            settings["AkLight:Postgres:ConnectionString"] = connectionString;
            settings["AkLight:Silo:AdvertisedAddress"] = "127.0.0.1";
            settings["AkLight:Silo:ListenOnAnyAddress"] = "false";
            settings["AkLight:Storage:DataDirectory"] = Path.Combine(folder, "data");
            list.Add(new SiloServer($"{name}-silo{i}", folder, settings));
        }
        var deployment = new AkLightDeployment(name, list, postgres);
        try
        {
            // One after the other: the first silo creates the cluster, the next joins it.
            foreach (var silo in list) await silo.StartAsync(cancellationToken).ConfigureAwait(false);
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary><c>kill -9</c> of silo number <paramref name="index"/> (from 0): it gets no chance to leave the cluster.</summary>
    public void KillSilo(int index)
    {
        if (_silos[index].Process is { } process) Signals.Send(process.Pid, Signals.Kill);
    }

    /// <summary>Stops every silo cleanly and starts them again on the same ports and data.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        foreach (var silo in _silos) await silo.StopAsync().ConfigureAwait(false);
        foreach (var silo in _silos) await silo.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, string> CommonSettings(BenchOptions options) => new()
    {
        ["AkLight:Cluster:ClusterId"] = ClusterId,
        ["AkLight:Cluster:ServiceId"] = ClusterId,
        // Each metric topic carries one key (its container), so one partition per topic is enough.
        ["AkLight:Broker:TopicDefaults:0:Filter"] = "metrics/#",
        ["AkLight:Broker:TopicDefaults:0:Partitions"] = options.PartitionsPerTopic.ToString(),
        ["AkLight:Broker:TopicDefaults:0:Retention"] = "01:00:00",
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync().ConfigureAwait(false);
    }
}

using AkLight.Grains.Hosting;
using AkLight.Storage;
using AkLight.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AkLight.Broker.Tests.Infrastructure;

/// <summary>
/// One in-process broker silo on the embedded store, in a throwaway data folder that outlives silo
/// restarts, so tests can prove what survives one.
/// </summary>
public sealed class BrokerClusterFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aklight-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The running silo's services (a new provider after each restart), for tests that look at its stores.</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services;

    /// <summary>The silo's clock: tests about time move it forward rather than sleep.</summary>
    public MovableClock Clock { get; } = new();

    /// <summary>The client's topic lookups (<c>ITopicGrain.GetOrCreateAsync</c>) in flight.</summary>
    public CallsInFlight TopicLookups { get; } = new(nameof(ITopicGrain.GetOrCreateAsync));

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AkLight:Broker:DefaultPartitions"] = "4",
            ["AkLight:Broker:MaxMessageBytes"] = "65536",
            ["AkLight:Broker:MinRetentionCheck"] = "00:00:01",
            ["AkLight:Limits:MinRetention"] = "00:00:00.050", // retention tests shorten it on purpose
            ["AkLight:Broker:TopicDefaults:0:Filter"] = "defaults/eight/#",
            ["AkLight:Groups:MemberTimeout"] = "00:00:03",
            ["AkLight:Broker:TopicDefaults:0:Partitions"] = "8",
            ["AkLight:Broker:TopicDefaults:0:Retention"] = "01:00:00",
        };
        var storage = new StorageOptions { DataDirectory = _dataDirectory };
        var builder = new InProcessTestClusterBuilder(1);
        // The silo's own configuration, as a host's appsettings would be: options bind from it.
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.AddAkLightBroker();
            // The test host asks the silo how the cluster stands before and after restarts.
            silo.AllowClientSystemTarget("Orleans.Runtime.TestHooks.ITestHooks");
            silo.AddEmbeddedStore(storage);
        });
        builder.ConfigureClient(client =>
        {
            client.AddOutgoingGrainCallFilter(TopicLookups);
            // After a restart the client must find the new silo's gateway soon, not at the default one-minute refresh.
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Stops the silo and starts a new one on the same data folder: only what was stored survives.</summary>
    public async Task RestartSiloAsync()
    {
        var silo = Cluster.Silos[0];
        await Cluster.RestartSiloAsync(silo);
        await Cluster.WaitForLivenessToStabilizeAsync();
        // Bounded: until the client reaches the new silo, so the test's next call does not meet the old one going away.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await Client.GetGrain<ITopicGrain>("restart/probe").GetAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerClusterFixture>
{
    public const string Name = "broker";
}

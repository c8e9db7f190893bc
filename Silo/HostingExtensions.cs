using System.Net;
using System.Net.Sockets;
using AkLight.Grains.Hosting;
using AkLight.Silo.Doors.Http;
using AkLight.Silo.Doors.Kafka;
using AkLight.Silo.Doors.Mqtt;
using AkLight.Silo.Transport;
using AkLight.Storage;
using AkLight.Storage.Hosting;
using AkLight.Storage.Postgres;
using Microsoft.AspNetCore.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace AkLight.Silo;

/// <summary>Builds the broker silo from configuration.</summary>
public static class HostingExtensions
{
    /// <summary>Configuration section whose keys override the failure-detection values of cluster mode.</summary>
    public const string MembershipSection = ClusterIdentityOptions.Section + ":Membership";

    /// <summary>
    /// The broker silo. With a PostgreSQL connection string (<c>AkLight:Postgres:ConnectionString</c> or
    /// <c>AKLIGHT_POSTGRES</c>) it joins a cluster whose members, messages, sessions and reminders live in that
    /// database; otherwise it is the embedded single silo with everything in one SQLite file.
    /// </summary>
    public static IHostApplicationBuilder AddAkLightSilo(this IHostApplicationBuilder builder, bool dashboard = false)
    {
        var configuration = builder.Configuration;
        ConfigurationAliases.Apply(builder.Configuration);
        var siloOptions = configuration.GetValidatedOptions<SiloOptions>(SiloOptions.Section);
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var postgres = configuration.GetSection(PostgresStoreOptions.Section).Get<PostgresStoreOptions>() ?? new PostgresStoreOptions();
        var cluster = configuration.GetValidatedOptions<ClusterIdentityOptions>(ClusterIdentityOptions.Section);
        // Resolved once, at start: in docker the container's host name gives the container's current IP.
        var advertised = postgres.IsConfigured ? ResolveAddress(siloOptions.AdvertisedAddress, $"{SiloOptions.Section}:AdvertisedAddress") : IPAddress.Loopback;
        // Security settings and principals are read once, here; every listener and door asks the policy this registers.
        var security = builder.Services.AddAccessPolicy(configuration);
        // The embedded silo's gateway and silo port are on loopback; a cluster member listens where it is told.
        ListenerExposure.Check(security.RequiresAuthentication, !postgres.IsConfigured ? [] :
            siloOptions.ListenOnAnyAddress
                ? [($"{SiloOptions.Section}:ListenOnAnyAddress", IPAddress.Any)]
                : [($"{SiloOptions.Section}:AdvertisedAddress", advertised)]);
        builder.UseOrleans(silo =>
        {
            if (postgres.IsConfigured)
            {
                ConfigureCluster(silo, configuration, siloOptions, cluster, advertised);
                silo.AddPostgresStore(postgres.ConnectionString!);
            }
            else
            {
                // The embedded default: one silo on this machine, every store in one SQLite file.
                silo.UseLocalhostClustering(siloOptions.SiloPort, siloOptions.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.AddEmbeddedStore(storage);
            }
            silo.AddAkLightBroker();
            silo.AddGatewayConnectionGuard(); // before TLS: a connection over the caps costs no handshake
            silo.AddSiloTls();
            if (dashboard) silo.AddDashboard();
        });
        builder.Services.AddBrokerService(configuration);
        builder.Services.AddKafkaDoor(configuration);
        builder.Services.AddMqttDoor(configuration);
        var mode = postgres.IsConfigured
            ? $"cluster mode: cluster '{cluster.ClusterId}', service '{cluster.ServiceId}', advertised {advertised}:{siloOptions.SiloPort} ('{siloOptions.AdvertisedAddress}'), gateway port {siloOptions.GatewayPort}, store {postgres.Describe()}"
            : $"embedded mode: gateway 127.0.0.1:{siloOptions.GatewayPort}, store {Path.GetFullPath(storage.DatabasePath)}";
        if (configuration.GetValue<bool>($"{SiloTlsOptions.Section}:{nameof(SiloTlsOptions.Enabled)}")) mode += ", TLS on the gateway and silo links";
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<SiloModeLog>(sp, mode));
        return builder;
    }

    /// <summary>
    /// The silo with an HTTP listener on <see cref="SiloDashboardOptions.Address"/>:<see cref="SiloDashboardOptions.Port"/>
    /// for the Orleans dashboard and, when <paramref name="http"/> serves them, the HTTP API and web console.
    /// Call <see cref="MapAkLightHttp"/> on the built application.
    /// </summary>
    public static WebApplicationBuilder AddAkLightSiloWithHttp(this WebApplicationBuilder builder, SiloDashboardOptions dashboard, HttpOptions http)
    {
        builder.AddAkLightSilo(dashboard: dashboard.Enabled);
        var address = ResolveAddress(dashboard.Address, $"{SiloDashboardOptions.Section}:Address");
        var security = builder.Services.AddAccessPolicy(builder.Configuration);
        ListenerExposure.Check(security.RequiresAuthentication, [($"{SiloDashboardOptions.Section}:Address", address)]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, dashboard.Port);
            kestrel.Limits.MaxRequestBodySize = http.MaxRequestBytes;
        });
        builder.Services.AddHttpDoor(http, http.ServesApi(dashboard));
        return builder;
    }

    /// <summary>
    /// The dashboard at <see cref="DashboardPath"/>; the API under <c>/api</c>, its OpenAPI document at
    /// <c>/openapi/v1.json</c> and the web console at <c>/</c> when served, else <c>/</c> leads to the dashboard.
    /// </summary>
    public static WebApplication MapAkLightHttp(this WebApplication app, SiloDashboardOptions dashboard, HttpOptions http)
    {
        var api = http.ServesApi(dashboard);
        app.UseHttpDoor(http, api);
        if (dashboard.Enabled)
        {
            // The dashboard shows every grain and silo: for administrators of every topic only.
            app.MapOrleansDashboard(routePrefix: DashboardPath).RequireAuthorization(HttpDoorServiceExtensions.SuperuserPolicy);
            if (!api) app.MapGet("/", () => Results.Redirect(DashboardPath + "/")).ExcludeFromDescription();
        }
        return app;
    }

    /// <summary>Where the Orleans dashboard is served.</summary>
    public const string DashboardPath = "/dashboard";

    private static void ConfigureCluster(ISiloBuilder silo, IConfiguration configuration, SiloOptions options, ClusterIdentityOptions cluster, IPAddress advertised)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: options.ListenOnAnyAddress);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // Failover in about a second for a small cluster, without declaring a busy silo dead.
            // Each silo probes the others about every effective probe timeout; NumMissedProbesLimit missed probes in a
            // row make it vote the silent silo dead, and NumVotesForDeathDeclaration votes declare it dead. Its
            // partitions then re-activate on the survivors, which read the log end from PostgreSQL.
            //   ProbeTimeout 0.5 s (default 5 s): Orleans adapts the effective timeout, and the period between probes,
            //     to the response times it sees (phi accrual), between MinProbeTimeout (half: 0.25 s) and
            //     MaxProbeTimeout (four times: 2 s), and multiplies it while this silo's own health is degraded (a
            //     starved thread pool, late timers): a loaded silo waits longer before it blames another.
            //   NumMissedProbesLimit 3 (the default): a killed silo refuses the next probes at once, so it is voted
            //     dead after three probe periods, about 0.75-1.5 s.
            //   NumVotesForDeathDeclaration 1 (default 2): with 2 silos the survivor is the only voter. With 3 or
            //     more silos, 2 is safer (one silo's false suspicion alone cannot kill a healthy one): override it
            //     with AkLight:Cluster:Membership:NumVotesForDeathDeclaration.
            //   EnableConnectionLivenessCheck (on, the default) is what keeps a busy silo alive: a vote is dropped while
            //     the connection to the suspect received anything within MaxProbeTimeout x NumMissedProbesLimit (6 s),
            //     and a silo serving under load answers calls even when its probe answers come late. A killed silo's
            //     connections are closed by its host's kernel, so they do not hold its death back.
            //   TableRefreshTimeout 5 s (default 60 s), IAmAliveTablePublishTimeout 5 s (default 30 s): membership
            //     changes and stale rows are noticed from the table quickly too, not only through gossip.
            //   DeathVoteExpirationTimeout 30 s (default 2 min): old suspicions do not add up to a death.
            // Measured in FailoverTests and CpuStressTests (README, Failover).
            o.ProbeTimeout = TimeSpan.FromMilliseconds(500);
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 1;
            o.EnableConnectionLivenessCheck = true;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
            // Any ClusterMembershipOptions property can be overridden under AkLight:Cluster:Membership.
            configuration.GetSection(MembershipSection).Bind(o);
        });
    }

    /// <summary>An IP address as given, or a host name's first IPv4 address (resolved once, at start).</summary>
    private static IPAddress ResolveAddress(string value, string setting)
    {
        if (IPAddress.TryParse(value, out var ip)) return ip;
        try
        {
            return Dns.GetHostAddresses(value).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new ArgumentException($"{setting}: host '{value}' has no IPv4 address");
        }
        catch (SocketException error)
        {
            throw new ArgumentException($"{setting}: cannot resolve host '{value}': {error.Message}", error);
        }
    }
}

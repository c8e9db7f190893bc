using System.Net;
using AkLight.Client.Connection.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkLight.Client.Connection;

/// <summary>A connection to the broker cluster through one or more silo gateways.</summary>
public sealed class BrokerConnection : IAsyncDisposable
{
    /// <summary>The environment variable with comma-separated broker addresses.</summary>
    public const string BrokersVariable = "AKLIGHT_BROKERS";

    /// <summary>The environment variable with the cluster id the brokers run with (default <see cref="DefaultClusterId"/>).</summary>
    public const string ClusterIdVariable = "AKLIGHT_CLUSTER_ID";

    /// <summary>The environment variable with the API key (<c>name:secret</c>) a connection presents when none is given.</summary>
    public const string TokenVariable = "AKLIGHT_TOKEN";

    /// <summary>The brokers' default cluster id (their <c>AkLight:Cluster:ClusterId</c>).</summary>
    public const string DefaultClusterId = "aklight";

    /// <summary>
    /// How long a call waits for its answer. Short, so a request caught by a dying silo fails over in
    /// seconds rather than Orleans' default 30 s; long-poll fetches wait less than this on the broker.
    /// Producers and consumers retry sooner when a gateway connection closes (<see cref="GatewayLoss"/>).
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Where a broker listens when nothing else is said: the embedded silo's gateway.</summary>
    public const string DefaultBroker = "127.0.0.1:30000";

    private readonly IHost _host;

    private BrokerConnection(IHost host, IReadOnlyList<IPEndPoint> brokers)
    {
        _host = host;
        Brokers = brokers;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The gateways this connection uses.</summary>
    public IReadOnlyList<IPEndPoint> Brokers { get; }

    /// <summary>The grain factory for talking to the broker.</summary>
    public IClusterClient Grains { get; }

    /// <summary>
    /// Connects to <paramref name="brokers"/> (host:port; none given: <c>AKLIGHT_BROKERS</c>, else
    /// <see cref="DefaultBroker"/>). Throws <see cref="AkLightException"/> naming the addresses when no broker answers.
    /// </summary>
    /// <param name="token">The API key to present on every call; none given: <c>AKLIGHT_TOKEN</c>, else none (a broker without principals).</param>
    /// <param name="tls">TLS to the gateways; none given: as <see cref="BrokerTls.FromEnvironment"/> says (<c>AKLIGHT_TLS_CA</c>, <c>AKLIGHT_TLS</c>).</param>
    public static async Task<BrokerConnection> ConnectAsync(IReadOnlyList<string>? brokers = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default, string? clusterId = null, string? token = null, BrokerTls? tls = null)
    {
        tls ??= BrokerTls.FromEnvironment();
        var key = token ?? NonEmpty(Environment.GetEnvironmentVariable(TokenVariable));
        var fromEnvironment = Environment.GetEnvironmentVariable(ClusterIdVariable);
        var cluster = clusterId ?? (string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultClusterId : fromEnvironment);
        var addresses = brokers is { Count: > 0 } ? brokers : FromEnvironment();
        var endpoints = addresses.Select(BrokerAddress.Parse).ToArray();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Logging.AddFilter("Orleans", LogLevel.None);
        var loss = new GatewayLoss();
        builder.Services.AddSingleton(loss);
        builder.UseOrleansClient(client =>
        {
            client.AddGatewayCountChangedHandler(loss.OnGatewayCountChanged);
            client.UseStaticClustering(endpoints);
            // A gateway refuses clients of another cluster id, so the client must announce the brokers' id.
            client.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = cluster;
                o.ServiceId = cluster;
            });
            client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
            if (key is not null) client.AddOutgoingGrainCallFilter(new BrokerCredentials(key));
            if (tls is not null) client.UseTls(tls.Configure);
        });
        var host = builder.Build();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        try
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(limit);
            await host.StartAsync(timer.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var reason = error is OperationCanceledException ? $"no answer within {limit.TotalSeconds:0.#} s" : error.Message;
            reason += tls is null
                ? $" (if the broker runs TLS, it closes plain connections: set {BrokerTls.CaVariable} to its CA certificate)"
                : tls.Trust.LastRefusal is { } refusal ? $" (TLS: {refusal})" : "";
            throw new AkLightException($"cannot reach the broker at {string.Join(", ", addresses)}: {reason}", error);
        }
        return new BrokerConnection(host, endpoints);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static IReadOnlyList<string> FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(BrokersVariable);
        return string.IsNullOrWhiteSpace(value)
            ? [DefaultBroker]
            : value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timer = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(timer.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The broker may already be gone; closing the connection must not fail the caller.
        }
        _host.Dispose();
    }
}

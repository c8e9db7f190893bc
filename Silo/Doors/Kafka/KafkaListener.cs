using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using AkLight.Silo.Transport;

namespace AkLight.Silo.Doors.Kafka;

/// <summary>
/// Accepts Kafka clients on <c>AkLight:Kafka:Address</c>:<c>Port</c>, and over TLS on <c>TlsPort</c> when a
/// certificate is configured, and serves each connection until it closes. Each listener holds at most
/// <c>MaxConnections</c> connections, <c>MaxConnectionsPerAddress</c> of them from one address; the connections
/// beyond are closed at once.
/// </summary>
public sealed partial class KafkaListener(
    IOptions<KafkaOptions> options, KafkaApis apis, AccessPolicy policy, ILogger<KafkaListener> logger) : BackgroundService
{
    private TcpListener? _plain;
    private TcpListener? _tls;
    private X509Certificate2? _certificate;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return Task.CompletedTask;
        if (settings.ServesTls) _certificate = LoadCertificate(settings);
        _plain = new TcpListener(settings.ListenAddress, settings.Port);
        PortInUseException.Listen(_plain.Start, "Kafka door", $"{settings.Address}:{settings.Port}", $"{KafkaOptions.Section}:Port");
        LogListening(logger, settings.Address, settings.Port, settings.AdvertisedHostName, settings.AdvertisedPortNumber);
        if (_certificate is not null)
        {
            _tls = new TcpListener(settings.ListenAddress, settings.TlsPort);
            PortInUseException.Listen(_tls.Start, "Kafka door (TLS)", $"{settings.Address}:{settings.TlsPort}", $"{KafkaOptions.Section}:TlsPort");
            LogListeningTls(logger, settings.Address, settings.TlsPort, settings.AdvertisedHostName, settings.AdvertisedTlsPortNumber);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_plain is null) return;
        await Task.WhenAll(AcceptAsync(_plain, null, stoppingToken), _tls is null ? Task.CompletedTask : AcceptAsync(_tls, _certificate, stoppingToken));
    }

    public override void Dispose()
    {
        _certificate?.Dispose();
        base.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, X509Certificate2? certificate, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var limiter = new ConnectionLimiter(settings.MaxConnections, settings.MaxConnectionsPerAddress);
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var socket = await listener.AcceptSocketAsync(stoppingToken);
                var remote = (socket.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
                if (!limiter.TryAdmit(remote, out var lease))
                {
                    LogRefused(logger, remote, ((IPEndPoint)listener.LocalEndpoint).Port, limiter.Open);
                    socket.Close(0);
                    continue;
                }
                socket.NoDelay = true;
                var connection = new KafkaConnection(socket, certificate, apis, policy, settings, logger);
                connections.Add(ServeAsync(connection, lease, stoppingToken));
                connections.RemoveAll(c => c.IsCompleted);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            listener.Stop();
            await Task.WhenAll(connections);
        }
    }

    private static async Task ServeAsync(KafkaConnection connection, IDisposable lease, CancellationToken stoppingToken)
    {
        using (lease) await connection.RunAsync(stoppingToken);
    }

    /// <summary>The PEM certificate and key; on Linux, exported and reloaded so SslStream can use the key.</summary>
    private static X509Certificate2 LoadCertificate(KafkaOptions settings)
    {
        using var pem = X509Certificate2.CreateFromPemFile(settings.CertificatePath!, settings.KeyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    // Debug: a flood of refused connections must not flood the log as well.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Kafka client {Remote} refused on port {Port}: {Open} connections open reach AkLight:Kafka:MaxConnections or MaxConnectionsPerAddress")]
    private static partial void LogRefused(ILogger logger, IPAddress remote, int port, int open);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka door listening on {Address}:{Port}, advertised as {Host}:{AdvertisedPort}")]
    private static partial void LogListening(ILogger logger, string address, int port, string host, int advertisedPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka door listening for TLS on {Address}:{Port}, advertised as {Host}:{AdvertisedPort}")]
    private static partial void LogListeningTls(ILogger logger, string address, int port, string host, int advertisedPort);
}

using System.Net.Sockets;
using AkLight.Grains.Security;
using AkLight.Silo.Doors.Kafka.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AkLight.Silo.Doors.Kafka;

/// <summary>Accepts Kafka clients on <c>AkLight:Kafka:Address</c>:<c>Port</c> and serves each connection until it closes.</summary>
public sealed partial class KafkaListener(
    IOptions<KafkaOptions> options, KafkaApis apis, AccessPolicy policy, ILogger<KafkaListener> logger) : BackgroundService
{
    private TcpListener? _listener;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return Task.CompletedTask;
        _listener = new TcpListener(settings.ListenAddress, settings.Port);
        _listener.Start();
        LogListening(logger, settings.Address, settings.Port, settings.AdvertisedHostName, settings.AdvertisedPortNumber);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listener is null) return;
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(stoppingToken);
                socket.NoDelay = true;
                var connection = new KafkaConnection(socket, apis, policy, options.Value, logger);
                connections.Add(connection.RunAsync(stoppingToken));
                connections.RemoveAll(c => c.IsCompleted);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            _listener.Stop();
            await Task.WhenAll(connections);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka door listening on {Address}:{Port}, advertised as {Host}:{AdvertisedPort}")]
    private static partial void LogListening(ILogger logger, string address, int port, string host, int advertisedPort);
}

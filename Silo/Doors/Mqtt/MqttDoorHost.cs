using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Server.Internal.Adapter;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// The MQTT listener: an MQTTnet server whose events are translated into the broker service. Starts after the
/// silo, once the retained messages are read, and stops before it.
/// </summary>
internal sealed class MqttDoorHost(
    IOptions<MqttOptions> options, MqttListenAddress address, AccessPolicy policy, Publisher publisher,
    ConsumerSessions sessions, GroupMembership groups, RetainedMessages retained, IGrainFactory grains, ILocalSiloDetails silo,
    IOptions<BrokerOptions> broker, ILogger<MqttDoorHost> log) : IHostedService
{
    private MqttDoorContext? _door;
    private RetainedMirror? _mirror;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var maxPacketSize = settings.EffectiveMaxPacketSize(broker.Value.MaxMessageBytes);
        var server = new MqttServerFactory().CreateMqttServer(ServerOptions(settings, address.Value),
            [new MqttSizeLimitedServerAdapter(new MqttTcpServerAdapter(), settings, maxPacketSize)]);
        var door = _door = new MqttDoorContext(settings, server, policy, publisher, sessions, groups, retained, grains,
            silo.SiloAddress.ToParsableString(), log);
        var connections = new MqttConnectionHandler(door);
        var publishes = new MqttPublishHandler(door);
        door.Wills = new MqttWills(door, publishes);
        var subscriptions = new MqttSubscriptionHandler(door);
        server.ValidatingConnectionAsync += connections.OnValidatingAsync;
        server.ClientConnectedAsync += connections.OnConnectedAsync;
        server.ClientDisconnectedAsync += connections.OnDisconnectedAsync;
        server.SessionDeletedAsync += connections.OnSessionDeletedAsync;
        var aliases = new MqttTopicAliasLimit(server, door.Clients, (ushort)settings.TopicAliasMaximum);
        server.InterceptingInboundPacketAsync += async args =>
        {
            if (aliases.Refuses(args)) return;
            MqttSharedSubscriptions.Disguise(args.Packet);
            await connections.OnInboundPacketAsync(args);
            await publishes.OnInboundPacketAsync(args);
        };
        server.InterceptingPublishAsync += publishes.OnPublishAsync;
        server.InterceptingSubscriptionAsync += subscriptions.OnSubscribingAsync;
        server.ClientSubscribedTopicAsync += subscriptions.OnSubscribedAsync;
        server.ClientUnsubscribedTopicAsync += subscriptions.OnUnsubscribedAsync;
        server.InterceptingClientEnqueueAsync += MqttDelivery.OnEnqueue;
        server.InterceptingOutboundPacketAsync += async args =>
        {
            if (args.Packet is MqttPubAckPacket or MqttPubRecPacket) await publishes.OnAcknowledgementLeavingAsync(args);
            if (args.Packet is MqttPublishPacket publish && door.Clients.Find(args.ClientId) is { } client) MqttDelivery.OnSending(client, publish);
            MqttSharedSubscriptions.Announce(args.Packet);
            aliases.Announce(args.Packet);
            door.KeepAlive.Announce(args.Packet);
            if (args.Packet is MqttConnAckPacket connack)
            {
                connack.MaximumPacketSize = maxPacketSize;
                connections.OnConnAck(args.ClientId, connack);
            }
        };
        server.ClientAcknowledgedPublishPacketAsync += args =>
        {
            if (door.Clients.Find(args.ClientId) is { } client) MqttDelivery.OnAcknowledged(client, args);
            return Task.CompletedTask;
        };
        // The retained messages are read before the listener opens, so the first subscriber gets them too.
        var mirror = _mirror = new RetainedMirror(retained, log);
        await mirror.CatchUpAsync(cancellationToken);
        server.LoadingRetainedMessageAsync += mirror.OnLoadingAsync;
        // MQTTnet opens the plain and the TLS port together: with TLS, either may be the one in use.
        await PortInUseException.ListenAsync(server.StartAsync, "MQTT door", $"{address.Value}:{settings.Port}" +
            (settings.CertificatePath is null ? "" : $" or TLS {address.Value}:{settings.TlsPort}"),
            settings.CertificatePath is null ? $"{MqttOptions.Section}:Port" : $"{MqttOptions.Section}:Port or {MqttOptions.Section}:TlsPort");
        mirror.Follow(server);
        log.LogInformation("MQTT door listening on {Address}:{Port}{Tls}", address.Value, settings.Port,
            settings.CertificatePath is null ? "" : $" and TLS {address.Value}:{settings.TlsPort}");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_door is not { } door) return;
        if (_mirror is not null) await _mirror.DisposeAsync();
        await door.Server.StopAsync(new MqttServerStopOptions());
        await Task.WhenAll(door.Clients.All.Select(c => c.Pump?.StopAsync() ?? Task.CompletedTask));
        await Task.WhenAll(door.Clients.All.SelectMany(c => c.Shared.Values).Select(m => m.StopAsync()));
        door.Server.Dispose();
    }

    private static MqttServerOptions ServerOptions(MqttOptions settings, IPAddress address)
    {
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(settings.Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(Math.Max(1000, settings.MaxInFlight * 4));
        if (address.Equals(IPAddress.Any)) builder.WithDefaultEndpointBoundIPV6Address(IPAddress.IPv6Any);
        else builder.WithDefaultEndpointBoundIPV6Address(IPAddress.None);
        if (settings.CertificatePath is { } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.CertificatePassword);
            builder.WithEncryptedEndpoint().WithEncryptedEndpointBoundIPAddress(address).WithEncryptedEndpointPort(settings.TlsPort)
                .WithEncryptionCertificate(certificate);
            builder.WithEncryptedEndpointBoundIPV6Address(address.Equals(IPAddress.Any) ? IPAddress.IPv6Any : IPAddress.None);
        }
        return builder.Build();
    }
}

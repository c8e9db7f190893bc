using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using AkLight.Silo.Transport;
using MQTTnet.Adapter;
using MQTTnet.Channel;
using MQTTnet.Diagnostics.Logger;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// MQTTnet's TCP listener with the door's bounds on what a client can make the silo hold before it is authenticated:
/// connections per port and per remote address (refused at once), the time to send CONNECT, the size of CONNECT, and
/// then the door's Maximum Packet Size, each checked from a packet's header before its body is read.
/// </summary>
internal sealed class MqttSizeLimitedServerAdapter(IMqttServerAdapter inner, MqttOptions settings, uint maxPacketSize) : IMqttServerAdapter
{
    private readonly ConcurrentDictionary<int, ConnectionLimiter> _caps = new();

    public Func<IMqttChannelAdapter, Task> ClientHandler { get; set; } = _ => Task.CompletedTask;

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        inner.ClientHandler = HandleAsync;
        return inner.StartAsync(options, logger);
    }

    public Task StopAsync() => inner.StopAsync();

    public void Dispose() => inner.Dispose();

    private async Task HandleAsync(IMqttChannelAdapter channel)
    {
        if (channel is not MqttChannelAdapter adapter) throw new InvalidOperationException($"MQTTnet gave a {channel.GetType().Name}; the door bounds MqttChannelAdapter's connections only");
        var port = (channel.LocalEndPoint as IPEndPoint)?.Port ?? 0;
        var cap = _caps.GetOrAdd(port, _ => new ConnectionLimiter(settings.MaxConnectionsPerPort, settings.MaxConnectionsPerAddress));
        var remote = (channel.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        if (!cap.TryAdmit(remote, out var lease)) return; // MQTTnet's listener closes the socket: nothing was read from it
        using (lease)
        using (var connectDeadline = new CancellationTokenSource(settings.ConnectTimeout))
            await ClientHandler(Bound(adapter, (uint)settings.MaxConnectPacketSize, maxPacketSize, connectDeadline.Token));
    }

    /// <summary>
    /// <paramref name="adapter"/>'s connection with its packets bounded from their headers: CONNECT by
    /// <paramref name="connectLimit"/> and within <paramref name="connectDeadline"/>, every later packet by
    /// <paramref name="maxPacketSize"/>.
    /// </summary>
    public static MqttSizeLimitedChannel Bound(MqttChannelAdapter adapter, uint connectLimit, uint maxPacketSize, CancellationToken connectDeadline)
    {
        // MQTTnet reads a packet's body into an array of the size its header announces, so the bound must sit under
        // its reader; it offers no hook between the socket and the reader, hence the field.
        var frames = new MqttInboundFrames(connectLimit, maxPacketSize);
        ChannelOf(adapter) = new MqttBoundedChannel(ChannelOf(adapter), frames, connectDeadline);
        return new MqttSizeLimitedChannel(adapter, maxPacketSize, frames);
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_channel")]
    private static extern ref IMqttChannel ChannelOf(MqttChannelAdapter adapter);
}

/// <summary>
/// A connection whose packets are bounded (<see cref="MqttInboundFrames"/>): a packet after CONNECT larger than the
/// door's Maximum Packet Size is a protocol error (MQTT 5 §3.2.2.3.6): DISCONNECT 0x95 "packet too large" (MQTT 5),
/// then the connection is closed, so a will goes out. An oversize CONNECT just closes it. A DISCONNECT whose bytes said
/// Session Expiry Interval 0 is marked for the door (<see cref="MqttDisconnectExpiry"/>).
/// </summary>
internal sealed class MqttSizeLimitedChannel(IMqttChannelAdapter inner, uint maxPacketSize, MqttInboundFrames frames) : IMqttChannelAdapter
{
    public long BytesReceived => inner.BytesReceived;

    public long BytesSent => inner.BytesSent;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public async Task<MqttPacket?> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        try
        {
            var packet = await inner.ReceivePacketAsync(cancellationToken);
            // The frames have read this whole packet: it is their last DISCONNECT.
            if (packet is MqttDisconnectPacket disconnect && frames.DisconnectSessionExpiry == 0) MqttDisconnectExpiry.MarkEndsSession(disconnect);
            if (packet is MqttPublishPacket publish && frames.PublishTopicAlias == 0) MqttTopicAliasLimit.MarkZeroAlias(publish);
            return packet;
        }
        catch (Exception error) when (TooLarge(error) is { } tooLarge)
        {
            if (!tooLarge.IsConnect && inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V500)
            {
                await inner.SendPacketAsync(new MqttDisconnectPacket
                {
                    ReasonCode = MqttDisconnectReasonCode.PacketTooLarge,
                    ReasonString = $"packets are limited to {maxPacketSize} bytes (the CONNACK's Maximum Packet Size)",
                }, cancellationToken);
            }
            throw tooLarge;
        }
    }

    /// <summary>The bound's refusal, which MQTTnet's adapter hands on wrapped in its own communication error.</summary>
    private static MqttPacketTooLargeException? TooLarge(Exception? error) => error switch
    {
        null => null,
        MqttPacketTooLargeException tooLarge => tooLarge,
        AggregateException aggregate => aggregate.InnerExceptions.Select(TooLarge).FirstOrDefault(e => e is not null),
        _ => TooLarge(error.InnerException),
    };

    public void ResetStatistics() => inner.ResetStatistics();

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);

    public void Dispose() => inner.Dispose();
}

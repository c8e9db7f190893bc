using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>MQTTnet's TCP listener, whose connections refuse packets larger than the door's Maximum Packet Size.</summary>
internal sealed class MqttSizeLimitedServerAdapter(IMqttServerAdapter inner, uint maxPacketSize) : IMqttServerAdapter
{
    public Func<IMqttChannelAdapter, Task> ClientHandler { get; set; } = _ => Task.CompletedTask;

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        inner.ClientHandler = channel => ClientHandler(MqttSizeLimitedChannel.Wrap(channel, maxPacketSize));
        return inner.StartAsync(options, logger);
    }

    public Task StopAsync() => inner.StopAsync();

    public void Dispose() => inner.Dispose();
}

/// <summary>
/// A connection that refuses packets larger than the door's Maximum Packet Size, a protocol error (MQTT 5
/// §3.2.2.3.6): DISCONNECT 0x95 "packet too large" (MQTT 5), then the connection is closed, so a will goes out.
/// A packet's fixed header is checked as it is read (<see cref="MqttPacketLengthGuard"/>), before MQTTnet allocates
/// the body it declares; each packet read is also measured whole, as MQTTnet decoded it.
/// </summary>
internal sealed class MqttSizeLimitedChannel(IMqttChannelAdapter inner, uint maxPacketSize, MqttPacketLengthGuard? guard) : IMqttChannelAdapter
{
    private MqttPacketSize? _size;

    /// <summary><paramref name="inner"/> limited to <paramref name="maxPacketSize"/>, its fixed headers guarded where MQTTnet allows it.</summary>
    public static MqttSizeLimitedChannel Wrap(IMqttChannelAdapter inner, uint maxPacketSize) =>
        new(inner, maxPacketSize, MqttPacketLengthGuard.TryInstall(inner, maxPacketSize));

    /// <summary>True when packets are refused from their fixed header, before their body is read.</summary>
    public bool GuardsHeaders => guard is not null;

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
        var packet = await inner.ReceivePacketAsync(cancellationToken);
        if (packet is null && guard?.Refusal is { } refusal)
        {
            await SayTooLargeAsync(cancellationToken);
            throw new MqttPacketTooLargeException(refusal);
        }
        if (packet is null or MqttConnectPacket) return packet;
        _size ??= new MqttPacketSize(inner.PacketFormatterAdapter.ProtocolVersion);
        if (!_size.Exceeds(packet, maxPacketSize)) return packet;
        await SayTooLargeAsync(cancellationToken);
        throw new MqttPacketTooLargeException($"a {packet.GetType().Name} larger than {maxPacketSize} bytes");
    }

    /// <summary>MQTT 5 clients are told why they are disconnected; the protocol gives earlier versions no way to.</summary>
    private async Task SayTooLargeAsync(CancellationToken cancellationToken)
    {
        if (inner.PacketFormatterAdapter.ProtocolVersion != MqttProtocolVersion.V500) return;
        await inner.SendPacketAsync(new MqttDisconnectPacket
        {
            ReasonCode = MqttDisconnectReasonCode.PacketTooLarge,
            ReasonString = $"packets are limited to {maxPacketSize} bytes (the CONNACK's Maximum Packet Size)",
        }, cancellationToken);
    }

    public void ResetStatistics() => inner.ResetStatistics();

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);

    public void Dispose() => inner.Dispose();
}

using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Exceptions;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>MQTTnet's TCP listener, whose connections refuse packets larger than the door's Maximum Packet Size.</summary>
internal sealed class MqttSizeLimitedServerAdapter(IMqttServerAdapter inner, uint maxPacketSize) : IMqttServerAdapter
{
    public Func<IMqttChannelAdapter, Task> ClientHandler { get; set; } = _ => Task.CompletedTask;

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        inner.ClientHandler = channel => ClientHandler(new MqttSizeLimitedChannel(channel, maxPacketSize));
        return inner.StartAsync(options, logger);
    }

    public Task StopAsync() => inner.StopAsync();

    public void Dispose() => inner.Dispose();
}

/// <summary>
/// A connection that measures each packet it receives: one larger than the door's Maximum Packet Size is a protocol
/// error (MQTT 5 §3.2.2.3.6): DISCONNECT 0x95 "packet too large" (MQTT 5), then the connection is closed, so a will
/// goes out. MQTTnet reads a packet whole before it is measured, so the limit bounds what is stored, not what is read.
/// </summary>
internal sealed class MqttSizeLimitedChannel(IMqttChannelAdapter inner, uint maxPacketSize) : IMqttChannelAdapter
{
    private MqttPacketSize? _size;

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
        if (packet is null or MqttConnectPacket) return packet;
        _size ??= new MqttPacketSize(inner.PacketFormatterAdapter.ProtocolVersion);
        if (!_size.Exceeds(packet, maxPacketSize)) return packet;
        if (inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V500)
            await inner.SendPacketAsync(new MqttDisconnectPacket
            {
                ReasonCode = MqttDisconnectReasonCode.PacketTooLarge,
                ReasonString = $"packets are limited to {maxPacketSize} bytes (the CONNACK's Maximum Packet Size)",
            }, cancellationToken);
        throw new MqttProtocolViolationException($"a {packet.GetType().Name} larger than {maxPacketSize} bytes");
    }

    public void ResetStatistics() => inner.ResetStatistics();

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);

    public void Dispose() => inner.Dispose();
}

using System.Buffers;
using System.Net;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Channel;
using MQTTnet.Exceptions;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// Follows the packets of a connection's byte stream and refuses one whose fixed header declares more than the
/// Maximum Packet Size, as soon as its remaining length is read: MQTTnet allocates a packet's whole body from that
/// length (up to 256 MiB) before reading it, so without this a client could make the broker allocate that for a
/// packet it never sends. MQTTnet 5.2 offers no hook between its listener and the channel it reads, so the guard
/// takes the place of the channel inside MQTTnet's <see cref="MqttChannelAdapter"/>. A refused packet ends the
/// stream as MQTTnet sees it (an exception thrown into its reads comes out wrapped, depending on timing), and
/// <see cref="MqttSizeLimitedChannel"/> reports the <see cref="Refusal"/>.
/// </summary>
internal sealed class MqttPacketLengthGuard(IMqttChannel inner, uint maxPacketSize) : IMqttChannel
{
    private static readonly FieldInfo? ChannelField = typeof(MqttChannelAdapter).GetField("_channel", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Bytes of the fixed header read so far: 0 before a packet, 1 after its type, then one per remaining-length byte.</summary>
    private int _headerBytes;
    private long _remainingLength;
    private long _bodyLeft;

    /// <summary>Why the stream was cut: the packet that declared too much; null while packets are within the limit.</summary>
    public string? Refusal { get; private set; }

    /// <summary>
    /// Puts a guard between <paramref name="adapter"/> and its channel; null when the adapter is not MQTTnet's (or a
    /// new MQTTnet keeps its channel elsewhere: the door's test of this guard fails then).
    /// </summary>
    public static MqttPacketLengthGuard? TryInstall(IMqttChannelAdapter adapter, uint maxPacketSize)
    {
        if (adapter is not MqttChannelAdapter channelAdapter || ChannelField?.GetValue(channelAdapter) is not IMqttChannel channel) return null;
        var guard = new MqttPacketLengthGuard(channel, maxPacketSize);
        ChannelField.SetValue(channelAdapter, guard);
        return guard;
    }

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (Refusal is not null) return 0;
        var read = await inner.ReadAsync(buffer, offset, count, cancellationToken);
        Refusal = Follow(buffer.AsSpan(offset, read));
        return Refusal is null ? read : 0;
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    public void Dispose() => inner.Dispose();

    /// <summary>Follows packet boundaries through <paramref name="bytes"/>; the reason to refuse the packet they declare, or null.</summary>
    private string? Follow(ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        while (at < bytes.Length)
        {
            if (_bodyLeft > 0)
            {
                var skipped = (int)Math.Min(_bodyLeft, bytes.Length - at);
                _bodyLeft -= skipped;
                at += skipped;
                continue;
            }
            var next = bytes[at++];
            if (_headerBytes++ == 0)
            {
                _remainingLength = 0; // the packet type and flags
                continue;
            }
            _remainingLength |= (long)(next & 0x7F) << (7 * (_headerBytes - 2));
            if ((next & 0x80) != 0)
            {
                if (_headerBytes == 5) return "a packet's remaining length is longer than 4 bytes";
                continue;
            }
            var size = _headerBytes + _remainingLength;
            if (size > maxPacketSize) return $"a packet of {size} bytes is larger than {maxPacketSize} bytes (the CONNACK's Maximum Packet Size)";
            _bodyLeft = _remainingLength;
            _headerBytes = 0;
        }
        return null;
    }
}

/// <summary>A packet over the door's Maximum Packet Size: MQTT 5 answers it with DISCONNECT 0x95.</summary>
internal sealed class MqttPacketTooLargeException(string message) : MqttProtocolViolationException(message);

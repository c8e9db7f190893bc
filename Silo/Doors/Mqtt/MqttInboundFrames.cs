using MQTTnet.Exceptions;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// Follows the MQTT framing of the bytes a client sends (fixed header, remaining length, body) and refuses a packet
/// whose size, known from its remaining length, is over the limit before its body is read: the first packet, CONNECT,
/// comes before the client is authenticated and gets the small CONNECT limit, every later one the Maximum Packet Size.
/// A DISCONNECT's body is kept, for the one property MQTTnet cannot tell apart from its absence (<see cref="MqttDisconnectExpiry"/>),
/// and an MQTT 5 PUBLISH's properties are read as they pass for the other (<see cref="MqttPublishAliasScanner"/>).
/// </summary>
internal sealed class MqttInboundFrames(uint connectLimit, uint packetLimit)
{
    private const int MaxLengthBytes = 4; // MQTT's variable byte integer
    private const byte DisconnectType = 0xE0, PublishType = 0x30;
    private const int ProtocolLevelAt = 6; // in CONNECT's body, after the protocol name "MQTT"

    private Part _part = Part.Header;
    private long _length;
    private int _lengthBytes;
    private long _bodyLeft;
    private byte _header;
    private byte[]? _disconnectBody;
    private long _bodyRead;
    private bool _mqtt5, _scanning;
    private readonly MqttPublishAliasScanner _aliases = new();

    /// <summary>Whole packets received so far.</summary>
    public long Packets { get; private set; }

    /// <summary>The Session Expiry Interval of the last whole DISCONNECT, or null when it had none.</summary>
    public uint? DisconnectSessionExpiry { get; private set; }

    /// <summary>The Topic Alias property of the last whole MQTT 5 PUBLISH, or null when it had none.</summary>
    public int? PublishTopicAlias { get; private set; }

    /// <summary>Accounts for <paramref name="bytes"/>, as received; throws <see cref="MqttPacketTooLargeException"/> for a packet over its limit.</summary>
    public void Advance(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_part)
            {
                case Part.Header:
                    _header = bytes[i++];
                    (_part, _length, _lengthBytes) = (Part.Length, 0, 0);
                    break;
                case Part.Length:
                    var digit = bytes[i++];
                    _length |= (long)(digit & 0x7F) << (7 * _lengthBytes++);
                    if ((digit & 0x80) != 0)
                    {
                        if (_lengthBytes == MaxLengthBytes) throw new MqttProtocolViolationException("the remaining length of a packet is longer than 4 bytes");
                        break;
                    }
                    var limit = Packets == 0 ? connectLimit : packetLimit;
                    if (1 + _lengthBytes + _length > limit) throw new MqttPacketTooLargeException(limit, isConnect: Packets == 0);
                    _bodyLeft = _length;
                    // Within the packet limit just checked, as MQTTnet's own copy of the body is.
                    _disconnectBody = (_header & 0xF0) == DisconnectType ? new byte[_length] : null;
                    _bodyRead = 0;
                    _scanning = _mqtt5 && (_header & 0xF0) == PublishType;
                    if (_scanning) _aliases.Start((_header >> 1) & 0x03);
                    if (_bodyLeft == 0) EndPacket();
                    else _part = Part.Body;
                    break;
                default:
                    var taken = (int)Math.Min(_bodyLeft, bytes.Length - i);
                    if (_disconnectBody is { } body) bytes.Slice(i, taken).CopyTo(body.AsSpan((int)(_length - _bodyLeft)));
                    if (Packets == 0 && _bodyRead <= ProtocolLevelAt && ProtocolLevelAt < _bodyRead + taken)
                        _mqtt5 = bytes[i + (int)(ProtocolLevelAt - _bodyRead)] == 5; // CONNECT's protocol level
                    if (_scanning && _aliases.Wants) _aliases.Advance(bytes.Slice(i, taken));
                    _bodyRead += taken;
                    i += taken;
                    _bodyLeft -= taken;
                    if (_bodyLeft == 0) EndPacket();
                    break;
            }
        }
    }

    private void EndPacket()
    {
        if (_disconnectBody is { } body) DisconnectSessionExpiry = MqttDisconnectExpiry.Of(body);
        if (_scanning) PublishTopicAlias = _aliases.Alias;
        _scanning = false;
        _disconnectBody = null;
        _part = Part.Header;
        Packets++;
    }

    private enum Part
    {
        Header,
        Length,
        Body,
    }
}

/// <summary>A client announced a packet larger than the door accepts; nothing of its body was read.</summary>
internal sealed class MqttPacketTooLargeException(uint limit, bool isConnect)
    : MqttProtocolViolationException(isConnect
        ? $"a CONNECT larger than {limit} bytes (AkLight:Mqtt:MaxConnectPacketSize)"
        : $"a packet larger than {limit} bytes (the CONNACK's Maximum Packet Size)")
{
    public uint Limit { get; } = limit;

    /// <summary>True when it was the CONNECT: the client is not authenticated and is told nothing.</summary>
    public bool IsConnect { get; } = isConnect;
}

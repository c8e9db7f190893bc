using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// MQTT 5 §3.14.2.2.2: a DISCONNECT with a Session Expiry Interval of 0 ends the session at once. MQTTnet decodes an
/// absent property as 0 too, so the door reads the property from the DISCONNECT's own bytes
/// (<see cref="MqttInboundFrames"/>) and marks the packet MQTTnet decoded from them.
/// </summary>
internal static class MqttDisconnectExpiry
{
    private const byte SessionExpiryInterval = 0x11, ServerReference = 0x1C, ReasonString = 0x1F, UserProperty = 0x26;

    private static readonly ConditionalWeakTable<MqttDisconnectPacket, object> EndingSession = [];

    /// <summary>Marks <paramref name="disconnect"/> as one that said Session Expiry Interval 0.</summary>
    public static void MarkEndsSession(MqttDisconnectPacket disconnect) => EndingSession.AddOrUpdate(disconnect, EndingSession);

    /// <summary>True when <paramref name="disconnect"/> said Session Expiry Interval 0: the session ends with the connection.</summary>
    public static bool EndsSession(MqttDisconnectPacket disconnect) => EndingSession.TryGetValue(disconnect, out _);

    /// <summary>
    /// The Session Expiry Interval in the body (variable header) of an MQTT 5 DISCONNECT, or null when it has none;
    /// null too for a body MQTTnet will refuse as malformed, which does not end the session either.
    /// </summary>
    public static uint? Of(ReadOnlySpan<byte> body)
    {
        if (body.Length < 2) return null; // no reason code, or no properties
        var at = 1;
        if (!TryReadVariableInteger(body, ref at, out var length) || length > body.Length - at) return null;
        var properties = body.Slice(at, length);
        var i = 0;
        while (i < properties.Length)
        {
            var id = properties[i++];
            var size = id switch
            {
                SessionExpiryInterval => 4,
                ReasonString or ServerReference => StringSize(properties, i),
                UserProperty => StringSize(properties, i) is var name and >= 0 && StringSize(properties, i + name) is var value and >= 0 ? name + value : -1,
                _ => -1,
            };
            if (size < 0 || size > properties.Length - i) return null;
            if (id == SessionExpiryInterval) return BinaryPrimitives.ReadUInt32BigEndian(properties.Slice(i, 4));
            i += size;
        }
        return null;
    }

    /// <summary>The bytes of the UTF-8 string (2-byte length, then its bytes) at <paramref name="at"/>, or -1 when its length is cut off.</summary>
    private static int StringSize(ReadOnlySpan<byte> span, int at) =>
        at + 2 <= span.Length ? 2 + BinaryPrimitives.ReadUInt16BigEndian(span.Slice(at, 2)) : -1;

    private static bool TryReadVariableInteger(ReadOnlySpan<byte> span, ref int at, out int value)
    {
        value = 0;
        for (var shift = 0; shift < 28 && at < span.Length; shift += 7)
        {
            var digit = span[at++];
            value |= (digit & 0x7F) << shift;
            if ((digit & 0x80) == 0) return true;
        }
        return false;
    }
}

using MQTTnet;
using WillPacket = MQTTnet.Server.Internal.Formatter.MqttPublishPacketFactory;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// A connection's will, taken out of its CONNECT so that MQTTnet never publishes it: the door publishes it itself,
/// through the broker service, after the MQTT 5 will delay (or when the session ends, if sooner), and not at all when
/// the client comes back to its session before then.
/// </summary>
internal sealed record MqttWill(MqttApplicationMessage Message, uint DelaySeconds, Principal Principal, string ClientId)
{
    /// <summary>The will of <paramref name="connect"/>, or null; MQTTnet is left with a CONNECT without one.</summary>
    public static MqttWill? Take(MqttConnectPacket connect, Principal principal)
    {
        if (!connect.WillFlag) return null;
        var message = MqttApplicationMessageFactory.Create(WillPacket.Create(connect));
        connect.WillFlag = false;
        return new MqttWill(message, connect.WillDelayInterval, principal, connect.ClientId);
    }

    /// <summary>How long after the connection ends the will is published: its delay, or the session's expiry if shorter.</summary>
    public TimeSpan DelayWithin(uint sessionExpirySeconds) => TimeSpan.FromSeconds(Math.Min(DelaySeconds, sessionExpirySeconds));
}

/// <summary>A will waiting for its delay, cancelled when its client connects to the session again.</summary>
internal sealed class PendingWill(MqttWill will, long connection)
{
    public MqttWill Will { get; } = will;

    /// <summary>The number of the connection the will belongs to (0 for a session that ends with its connection).</summary>
    public long Connection { get; } = connection;

    public CancellationTokenSource Cancel { get; } = new();
}

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// MQTT 5 §3.2.2.3.14: a server may give clients its own keep-alive in CONNACK (Server Keep Alive), which the client
/// must use instead of the one it asked for. MQTTnet never sends one and times a connection out after 1.5 times the
/// CONNECT's keep-alive (§3.1.2.10), so the door writes <see cref="MqttOptions.ServerKeepAlive"/> into both: the
/// CONNECT it validated (what MQTTnet's keep-alive monitor reads for the connection's life) and the CONNACK.
/// </summary>
internal sealed class MqttServerKeepAlive(TimeSpan? keepAlive)
{
    private readonly ushort? _seconds = keepAlive is { } given ? (ushort)given.TotalSeconds : null;

    /// <summary>Holds an MQTT 5 connection to the server's keep-alive instead of the client's.</summary>
    public void Impose(MqttProtocolVersion version, MqttConnectPacket connect)
    {
        if (_seconds is { } seconds && version == MqttProtocolVersion.V500) connect.KeepAlivePeriod = seconds;
    }

    /// <summary>Tells the client in CONNACK (MQTT 3.1.1 has no such field: its encoder leaves it out).</summary>
    public void Announce(MqttPacket packet)
    {
        if (_seconds is { } seconds && packet is MqttConnAckPacket connack) connack.ServerKeepAlive = seconds;
    }
}

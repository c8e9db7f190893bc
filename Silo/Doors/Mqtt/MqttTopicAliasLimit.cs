namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// MQTT 5 §3.3.2.3.4: a client's topic aliases go up to the Topic Alias Maximum the server told in CONNACK; a PUBLISH
/// with a larger one is a protocol error, DISCONNECT 0x94 "topic alias invalid". MQTTnet tells 65,535 and takes any
/// alias, each keeping a topic name for the connection's life; the door tells <see cref="MqttOptions.TopicAliasMaximum"/>
/// and holds clients to it.
/// </summary>
internal sealed class MqttTopicAliasLimit(MqttServer server, ushort maximum)
{
    /// <summary>Sets the CONNACK's Topic Alias Maximum.</summary>
    public void Announce(MqttPacket packet)
    {
        if (packet is MqttConnAckPacket connack) connack.TopicAliasMaximum = maximum;
    }

    /// <summary>True when the arriving packet is a PUBLISH over the limit: it is dropped and the connection closed with 0x94.</summary>
    public bool Refuses(InterceptingPacketEventArgs args)
    {
        if (args.Packet is not MqttPublishPacket { TopicAlias: var alias } || alias <= maximum) return false;
        args.ProcessPacket = false;
        _ = server.DisconnectClientAsync(args.ClientId, new MqttServerClientDisconnectOptions
        {
            ReasonCode = MqttDisconnectReasonCode.TopicAliasInvalid,
            ReasonString = $"topic alias {alias} is above the Topic Alias Maximum of {maximum} (AkLight:Mqtt:TopicAliasMaximum)",
        });
        return true;
    }
}

using System.Runtime.CompilerServices;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// MQTT 5 §3.3.2.3.4: a client's topic aliases go from 1 up to the Topic Alias Maximum the server told in CONNACK, and
/// each maps a topic name for one network connection. MQTTnet tells 65,535, takes any alias, reads an alias of 0 as
/// none and lets a PUBLISH through with an empty topic when its alias was never set. The door tells
/// <see cref="MqttOptions.TopicAliasMaximum"/> and closes the connection on a PUBLISH with alias 0 or above the
/// maximum (DISCONNECT 0x94 "topic alias invalid"), or with an empty topic and an alias not set on this connection
/// (0x82 "protocol error"); the PUBLISH is not stored.
/// </summary>
internal sealed class MqttTopicAliasLimit(MqttServer server, MqttClients clients, ushort maximum)
{
    /// <summary>PUBLISHes whose bytes carried a Topic Alias of 0 (read by <see cref="MqttInboundFrames"/>).</summary>
    private static readonly ConditionalWeakTable<MqttPublishPacket, object> ZeroAlias = [];

    /// <summary>Marks <paramref name="publish"/> as one whose bytes said Topic Alias 0.</summary>
    public static void MarkZeroAlias(MqttPublishPacket publish) => ZeroAlias.AddOrUpdate(publish, ZeroAlias);

    /// <summary>Sets the CONNACK's Topic Alias Maximum.</summary>
    public void Announce(MqttPacket packet)
    {
        if (packet is MqttConnAckPacket connack) connack.TopicAliasMaximum = maximum;
    }

    /// <summary>True when the arriving packet is a PUBLISH with an alias it may not use: it is dropped and the connection closed.</summary>
    public bool Refuses(InterceptingPacketEventArgs args)
    {
        if (args.Packet is not MqttPublishPacket publish) return false;
        var alias = publish.TopicAlias;
        if (ZeroAlias.TryGetValue(publish, out _)) return Refuse(args, MqttDisconnectReasonCode.TopicAliasInvalid, "topic alias 0 is not allowed (MQTT 5 §3.3.2.3.4)");
        if (alias > maximum)
            return Refuse(args, MqttDisconnectReasonCode.TopicAliasInvalid, $"topic alias {alias} is above the Topic Alias Maximum of {maximum} (AkLight:Mqtt:TopicAliasMaximum)");
        if (alias == 0 || clients.Find(args.ClientId) is not { } client) return false;
        lock (client.TopicAliases)
        {
            if (!string.IsNullOrEmpty(publish.Topic)) client.TopicAliases.Add(alias);
            else if (!client.TopicAliases.Contains(alias))
                return Refuse(args, MqttDisconnectReasonCode.ProtocolError, $"topic alias {alias} was not set on this connection and the PUBLISH has no topic name");
        }
        return false;
    }

    private bool Refuse(InterceptingPacketEventArgs args, MqttDisconnectReasonCode code, string reason)
    {
        args.ProcessPacket = false;
        _ = server.DisconnectClientAsync(args.ClientId, new MqttServerClientDisconnectOptions { ReasonCode = code, ReasonString = reason });
        return true;
    }
}

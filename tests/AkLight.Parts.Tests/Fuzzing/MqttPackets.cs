using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>Valid MQTT 3.1.1 and 5 packets as clients send them, encoded by MQTTnet's own formatter: the corpus the MQTT fuzz tests damage.</summary>
internal static class MqttPackets
{
    public static byte[] Connect(MqttProtocolVersion version) => Encode(version, new MqttConnectPacket
    {
        ClientId = "sensor-7",
        CleanSession = false,
        KeepAlivePeriod = 30,
        Username = "agent",
        Password = "secret"u8.ToArray(),
        WillFlag = true,
        WillTopic = "status/sensor-7",
        WillMessage = "offline"u8.ToArray(),
        WillQoS = MqttQualityOfServiceLevel.AtLeastOnce,
        WillRetain = true,
        SessionExpiryInterval = version == MqttProtocolVersion.V500 ? 3600u : 0,
        UserProperties = version == MqttProtocolVersion.V500 ? [Property("aklight-from", "earliest")] : null,
        WillUserProperties = version == MqttProtocolVersion.V500 ? [Property("reason", "lost")] : null,
    });

    /// <summary>What follows a CONNECT: PUBLISH at each QoS, SUBSCRIBE with several filters, UNSUBSCRIBE, PUBACK, PINGREQ.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> AfterConnect(MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        return
        [
            ("PUBLISH QoS 0", Encode(version, new MqttPublishPacket { Topic = "metrics/docker/host1/web-1/cpu", PayloadSegment = "42.5"u8.ToArray() })),
            ("PUBLISH QoS 1", Encode(version, new MqttPublishPacket
            {
                Topic = "orders/eu",
                PayloadSegment = """{"id":7}"""u8.ToArray(),
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
                PacketIdentifier = 1,
                ContentType = v5 ? "application/json" : null,
                ResponseTopic = v5 ? "replies/eu" : null,
                CorrelationData = v5 ? [1, 2, 3] : null,
                MessageExpiryInterval = v5 ? 60u : 0,
                UserProperties = v5 ? [Property("aklight-key", "order-7")] : null,
            })),
            ("PUBLISH QoS 2 retained", Encode(version, new MqttPublishPacket
            {
                Topic = "status/host1",
                PayloadSegment = "online"u8.ToArray(),
                QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce,
                PacketIdentifier = 2,
                Retain = true,
            })),
            ("SUBSCRIBE", Encode(version, new MqttSubscribePacket
            {
                PacketIdentifier = 3,
                TopicFilters =
                [
                    new MqttTopicFilter { Topic = "metrics/docker/+/+/cpu", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce },
                    new MqttTopicFilter { Topic = "$share/billing/orders/#", QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce, NoLocal = v5 },
                ],
                UserProperties = v5 ? [Property("aklight-from", "earliest")] : null,
                SubscriptionIdentifier = v5 ? 9u : 0,
            })),
            ("UNSUBSCRIBE", Encode(version, new MqttUnsubscribePacket { PacketIdentifier = 4, TopicFilters = ["orders/#"] })),
            ("PUBACK", Encode(version, new MqttPubAckPacket { PacketIdentifier = 5 })),
            ("PINGREQ", Encode(version, MqttPingReqPacket.Instance)),
        ];
    }

    private static MqttUserProperty Property(string name, string value) => new(name, new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(value)));

    public static byte[] Encode(MqttProtocolVersion version, MqttPacket packet)
    {
        var formatter = new MqttPacketFormatterAdapter(version, new MqttBufferWriter(4096, 65535));
        return formatter.Encode(packet).Join().ToArray();
    }
}

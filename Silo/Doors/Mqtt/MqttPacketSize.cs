namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// The size of an MQTT packet on the wire (MQTT 5 Maximum Packet Size counts the whole packet). A PUBLISH is first
/// bounded from above cheaply; only one that may exceed the limit is encoded to measure it exactly.
/// </summary>
internal sealed class MqttPacketSize(MqttProtocolVersion version)
{
    private readonly MqttPacketFormatterAdapter _formatter = new(version, new MqttBufferWriter(4096, 65535));

    /// <summary>True when <paramref name="packet"/> is larger than <paramref name="limit"/> bytes (with <paramref name="slack"/> bytes the sender may still add).</summary>
    public bool Exceeds(MqttPacket packet, uint limit, int slack = 0)
    {
        if (packet is MqttPublishPacket publish && UpperBound(publish) + slack <= limit) return false;
        lock (_formatter)
        {
            try
            {
                return _formatter.Encode(packet).Length + (long)slack > limit;
            }
            finally
            {
                _formatter.Cleanup();
            }
        }
    }

    /// <summary>At least the encoded size of <paramref name="publish"/> (UTF-8 takes at most 3 bytes per UTF-16 unit).</summary>
    public static long UpperBound(MqttPublishPacket publish)
    {
        long size = 5 + 2 + 2 + 4 + Text(publish.Topic) + publish.Payload.Length; // fixed header, topic, packet id, properties length
        size += Text(publish.ContentType) + Text(publish.ResponseTopic) + 3 + (publish.CorrelationData?.Length ?? 0) + 2 + 5 + 3;
        foreach (var property in publish.UserProperties ?? []) size += 5 + Text(property.Name) + property.ValueBuffer.Length;
        size += 5L * (publish.SubscriptionIdentifiers?.Count ?? 0);
        return size;
    }

    private static long Text(string? text) => text is null ? 0 : 3 + 3L * text.Length;
}

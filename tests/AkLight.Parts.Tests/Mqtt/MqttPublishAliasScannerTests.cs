namespace AkLight.Parts.Tests.Mqtt;

/// <summary>The Topic Alias of MQTT 5 PUBLISHes, read from their bytes by <see cref="MqttInboundFrames"/> as they pass.</summary>
public sealed class MqttPublishAliasScannerTests
{
    private static readonly byte[] ConnectV5 = [0x10, 0x0A, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x05, 0x02, 0x00, 0x3C];
    private static readonly byte[] ConnectV311 = [0x10, 0x0A, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0x02, 0x00, 0x3C];

    /// <summary>A QoS 1 PUBLISH to "a/b", packet id 7, with <paramref name="properties"/> and a payload that looks like a Topic Alias property.</summary>
    private static byte[] Publish(params byte[] properties)
    {
        byte[] body = [0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x00, 0x07, (byte)properties.Length, .. properties, 0x23, 0x00, 0x09];
        return [0x32, (byte)body.Length, .. body];
    }

    private static MqttInboundFrames Read(byte[] connect, byte[] publish, bool byteByByte)
    {
        var frames = new MqttInboundFrames(1000, 1000);
        frames.Advance(connect);
        if (byteByByte) foreach (var b in publish) frames.Advance([b]);
        else frames.Advance(publish);
        return frames;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_topic_alias_of_zero_is_told_apart_from_none(bool byteByByte)
    {
        Assert.Equal(0, Read(ConnectV5, Publish(0x23, 0x00, 0x00), byteByByte).PublishTopicAlias);
        Assert.Null(Read(ConnectV5, Publish(), byteByByte).PublishTopicAlias);
    }

    [Fact]
    public void The_alias_is_found_after_properties_of_every_kind()
    {
        byte[] properties =
        [
            0x01, 0x01, // payload format
            0x02, 0x00, 0x00, 0x00, 0x3C, // message expiry
            0x03, 0x00, 0x02, (byte)'t', (byte)'x', // content type
            0x26, 0x00, 0x01, (byte)'k', 0x00, 0x01, (byte)'v', // user property
            0x09, 0x00, 0x01, 0x23, // correlation data that looks like an alias
            0x0B, 0x81, 0x01, // subscription identifier 129
            0x23, 0x00, 0x05, // topic alias 5
        ];
        Assert.Equal(5, Read(ConnectV5, Publish(properties), byteByByte: true).PublishTopicAlias);
    }

    [Fact]
    public void An_mqtt_311_publish_has_no_properties_to_read()
    {
        byte[] body = [0x00, 0x01, (byte)'a', 0x00, 0x07, 0x03, 0x23, 0x00, 0x00]; // its payload would read as alias 0
        Assert.Null(Read(ConnectV311, [0x32, (byte)body.Length, .. body], byteByByte: false).PublishTopicAlias);
    }
}

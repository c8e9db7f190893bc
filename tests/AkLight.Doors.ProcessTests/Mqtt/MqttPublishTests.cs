namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>PUBLISH through the MQTT door, read over the HTTP API: QoS 0, 1 and 2, payload bytes, user properties, keys.</summary>
public sealed class MqttPublishTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task Mosquitto_pub_at_every_qos_appends_to_the_topic_of_that_name()
    {
        var topic = Names.Unique("mqtt-pub") + "/sensor";
        foreach (var qos in new[] { "0", "1", "2" })
            await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", $"at qos {qos}", "-q", qos);
        foreach (var qos in new[] { "0", "1", "2" })
            await Mosquitto.PublishOkAsync(MqttPort, "-V", "mqttv5", "-t", topic, "-m", $"v5 at qos {qos}", "-q", qos);

        var messages = await TopicLog.WaitForAsync(Http, topic, 6);
        Assert.Equal(
            ["at qos 0", "at qos 1", "at qos 2", "v5 at qos 0", "v5 at qos 1", "v5 at qos 2"],
            messages.Select(m => m.GetProperty("payload").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Payload_bytes_arrive_untouched()
    {
        var topic = Names.Unique("mqtt-bytes") + "/blob";
        var payload = Enumerable.Range(0, 1024).Select(i => (byte)(i * 7 % 256)).ToArray();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, payload);
            await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-f", file, "-q", "1");
        }
        finally
        {
            File.Delete(file);
        }
        var message = Assert.Single(await TopicLog.WaitForAsync(Http, topic, 1));
        Assert.Equal("base64", message.GetProperty("encoding").GetString());
        Assert.Equal(payload, Convert.FromBase64String(message.GetProperty("payload").GetString()!));
    }

    [Fact]
    public async Task User_properties_become_headers_and_aklight_key_picks_the_partition()
    {
        var topic = Names.Unique("mqtt-props") + "/reading";
        await using var client = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("props")).Build());
        for (var i = 0; i < 6; i++)
        {
            var result = await client.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload($"r{i}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithUserProperty("aklight-key", MqttTestClient.Utf8("web-1")).WithUserProperty("unit", MqttTestClient.Utf8("celsius")).WithContentType("text/plain").Build());
            Assert.True(result.IsSuccess, result.ReasonString);
        }

        var messages = await TopicLog.WaitForAsync(Http, topic, 6);
        // One key, one partition: in publish order there.
        Assert.Single(messages.Select(m => m.GetProperty("partition").GetInt32()).Distinct());
        Assert.Equal(["r0", "r1", "r2", "r3", "r4", "r5"], messages.Select(m => m.GetProperty("payload").GetString()));
        Assert.All(messages, m =>
        {
            Assert.Equal("web-1", m.GetProperty("key").GetString());
            Assert.Equal("celsius", TopicLog.Header(m, "unit"));
            Assert.Equal("text/plain", TopicLog.Header(m, "mqtt-content-type"));
            Assert.Null(TopicLog.Header(m, "aklight-key"));
        });
    }

    [Fact]
    public async Task A_qos2_publish_sent_again_before_pubrel_is_stored_once()
    {
        var topic = Names.Unique("mqtt-qos2") + "/once";
        using var wire = await RawMqtt.ConnectAsync(MqttPort, Names.Unique("raw"));
        var publish = RawMqtt.Publish(topic, Encoding.UTF8.GetBytes("exactly once"), qos: 2, packetId: 7, dup: false);
        await wire.SendAsync(publish);
        Assert.Equal(0x50, (await wire.ReadPacketAsync())[0]); // PUBREC
        await wire.SendAsync(RawMqtt.Publish(topic, Encoding.UTF8.GetBytes("exactly once"), qos: 2, packetId: 7, dup: true));
        Assert.Equal(0x50, (await wire.ReadPacketAsync())[0]); // PUBREC again, nothing stored again
        await wire.SendAsync([0x62, 0x02, 0x00, 0x07]); // PUBREL
        Assert.Equal(0x70, (await wire.ReadPacketAsync())[0]); // PUBCOMP

        Assert.Single(await TopicLog.WaitForAsync(Http, topic, 1));
        // After PUBREL the id is free again: a new message with it is a new message.
        await wire.SendAsync(RawMqtt.Publish(topic, Encoding.UTF8.GetBytes("next"), qos: 2, packetId: 7, dup: false));
        Assert.Equal(0x50, (await wire.ReadPacketAsync())[0]);
        Assert.Equal(2, (await TopicLog.WaitForAsync(Http, topic, 2)).Count);
    }
}

namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>MQTT 5 §3.3.2.3.4: the CONNACK's Topic Alias Maximum is told and held to.</summary>
public sealed class MqttTopicAliasTests(SharedSilo shared) : SharedSiloTest(shared)
{
    private const ushort Maximum = 10; // AkLight:Mqtt:TopicAliasMaximum's default

    [Fact]
    public async Task The_connack_tells_the_topic_alias_maximum()
    {
        var (client, ack) = await MqttTestClient.TryConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("alias")).Build());
        await using (client) Assert.Equal(Maximum, ack.TopicAliasMaximum);
    }

    [Fact]
    public async Task An_alias_up_to_the_maximum_is_taken_and_one_above_it_gets_disconnect_0x94()
    {
        var topic = Names.Unique("mqtt-alias") + "/data";
        using var wire = await RawMqtt.OpenAsync(MqttPort);
        await wire.SendAsync(RawMqtt.ConnectV5(Names.Unique("raw"), sessionExpiry: 0));
        Assert.Equal(0x20, (await wire.ReadPacketAsync())[0]); // CONNACK

        await wire.SendAsync(RawMqtt.PublishV5(topic, Encoding.UTF8.GetBytes("within"), packetId: 1, alias: Maximum));
        Assert.Equal(0x40, (await wire.ReadPacketAsync())[0]); // PUBACK
        await wire.SendAsync(RawMqtt.PublishV5(topic, Encoding.UTF8.GetBytes("above"), packetId: 2, alias: Maximum + 1));
        var disconnect = await wire.ReadPacketAsync();
        Assert.Equal(0xE0, disconnect[0]);
        Assert.Equal(0x94, disconnect[2]); // topic alias invalid
        Assert.True(await wire.IsClosedByBrokerAsync(TimeSpan.FromSeconds(20)));

        var stored = await TopicLog.WaitForAsync(Http, topic, 1);
        Assert.Equal(["within"], stored.Select(m => m.GetProperty("payload").GetString()));
    }

    [Theory]
    [InlineData(0, "", 0x94)] // alias 0 is not allowed: topic alias invalid
    [InlineData(3, "no topic", 0x82)] // an alias never set on this connection with no topic: protocol error
    public async Task A_publish_with_an_alias_it_may_not_use_gets_a_disconnect_and_is_not_stored(ushort alias, string topicless, int reasonCode)
    {
        var topic = Names.Unique("mqtt-alias-bad") + "/data";
        using var wire = await RawMqtt.OpenAsync(MqttPort);
        await wire.SendAsync(RawMqtt.ConnectV5(Names.Unique("raw"), sessionExpiry: 0));
        Assert.Equal(0x20, (await wire.ReadPacketAsync())[0]); // CONNACK
        await wire.SendAsync(RawMqtt.PublishV5(topic, Encoding.UTF8.GetBytes("first"), packetId: 1, alias: 1));
        Assert.Equal(0x40, (await wire.ReadPacketAsync())[0]); // PUBACK

        await wire.SendAsync(RawMqtt.PublishV5(topicless == "" ? topic : "", Encoding.UTF8.GetBytes("refused"), packetId: 2, alias: alias));
        var disconnect = await wire.ReadPacketAsync();
        Assert.Equal(0xE0, disconnect[0]);
        Assert.Equal(reasonCode, disconnect[2]);
        Assert.True(await wire.IsClosedByBrokerAsync(TimeSpan.FromSeconds(20)));

        var stored = await TopicLog.WaitForAsync(Http, topic, 1);
        Assert.Equal(["first"], stored.Select(m => m.GetProperty("payload").GetString()));
    }
}

using MQTTnet.Packets;

namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>SUBSCRIBE through the MQTT door: messages from other doors, wildcards, the live end, replay, sessions.</summary>
public sealed class MqttSubscribeTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task Mosquitto_sub_receives_what_the_http_api_produces()
    {
        var root = Names.Unique("mqtt-sub");
        using var subscriber = Mosquitto.Subscribe(MqttPort, "-t", $"{root}/+/temp", "-q", "1", "-v", "-i", Names.Unique("sub"));
        await subscriber.WaitForSubackAsync();
        using var produced = await Http.PostJsonAsync("api/produce", new { topic = $"{root}/kitchen/temp", payload = "21.5" });
        await produced.JsonAsync();
        using var other = await Http.PostJsonAsync("api/produce", new { topic = $"{root}/kitchen/humidity", payload = "40" });
        await other.JsonAsync();
        using var last = await Http.PostJsonAsync("api/produce", new { topic = $"{root}/hall/temp", payload = "19" });
        await last.JsonAsync();

        var lines = await subscriber.WaitForLinesAsync(2, TimeSpan.FromSeconds(20));
        Assert.Equal([$"{root}/hall/temp 19", $"{root}/kitchen/temp 21.5"], lines.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("humidity", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_mqtt_subscriber_gets_mqtt_publishes_with_their_properties_at_the_lower_qos()
    {
        var topic = Names.Unique("mqtt-both") + "/state";
        await using var subscriber = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("sub")).Build());
        await subscriber.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("pub")).Build());
        await publisher.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("on")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.ExactlyOnce).WithUserProperty("room", MqttTestClient.Utf8("hall"))
            .WithResponseTopic("replies/1").WithCorrelationData([1, 2, 3]).Build());
        await publisher.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("off")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build());

        var received = await subscriber.WaitForAsync(2);
        var on = received.Single(m => m.ConvertPayloadToString() == "on");
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, on.QualityOfServiceLevel); // QoS 2 publish, QoS 1 subscription
        Assert.Equal("hall", Assert.Single(on.UserProperties!).ReadValueAsString());
        Assert.Equal("replies/1", on.ResponseTopic);
        Assert.Equal(new byte[] { 1, 2, 3 }, on.CorrelationData);
        Assert.False(on.Retain);
        Assert.Equal(MqttQualityOfServiceLevel.AtMostOnce, received.Single(m => m.ConvertPayloadToString() == "off").QualityOfServiceLevel);
    }

    [Fact]
    public async Task A_new_subscription_starts_at_the_live_end_unless_aklight_from_asks_for_a_replay()
    {
        var topic = Names.Unique("mqtt-replay") + "/log";
        foreach (var line in new[] { "old-1", "old-2" })
        {
            using var produced = await Http.PostJsonAsync("api/produce", new { topic, payload = line });
            await produced.JsonAsync();
        }
        await using var live = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("live")).Build());
        await live.Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        await using var replay = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("replay")).Build());
        await replay.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce)
            .WithUserProperty("aklight-from", MqttTestClient.Utf8("earliest")).Build());
        using var fresh = await Http.PostJsonAsync("api/produce", new { topic, payload = "new" });
        await fresh.JsonAsync();

        Assert.Equal(["new", "old-1", "old-2"], (await replay.WaitForAsync(3)).Select(m => m.ConvertPayloadToString()).Order(StringComparer.Ordinal));
        Assert.Equal(["new"], (await live.WaitForAsync(1)).Select(m => m.ConvertPayloadToString()));
    }

    [Fact]
    public async Task A_persistent_session_gets_what_arrived_while_the_client_was_away()
    {
        var topic = Names.Unique("mqtt-away") + "/events";
        var clientId = Names.Unique("away");
        // Clean session false: an AKLight persistent session, committed as the client acknowledges.
        using (var first = Mosquitto.Subscribe(MqttPort, "-t", topic, "-q", "1", "-c", "-i", clientId, "-C", "1"))
        {
            await first.WaitForSubackAsync();
            await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", "before", "-q", "1");
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(["before"], first.Lines);
        }
        await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", "while away 1", "-q", "1");
        await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", "while away 2", "-q", "1");

        using var again = Mosquitto.Subscribe(MqttPort, "-t", topic, "-q", "1", "-c", "-i", clientId, "-C", "2");
        Assert.Equal(0, await again.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(["while away 1", "while away 2"], again.Lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Retained_messages_reach_new_subscribers_until_an_empty_payload_clears_them()
    {
        var root = Names.Unique("mqtt-retain");
        await Mosquitto.PublishOkAsync(MqttPort, "-t", $"{root}/a", "-m", "kept a", "-r", "-q", "1");
        await Mosquitto.PublishOkAsync(MqttPort, "-t", $"{root}/b", "-m", "kept b", "-r", "-q", "1");
        using (var first = Mosquitto.Subscribe(MqttPort, "-t", $"{root}/#", "-v", "-C", "2"))
        {
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal([$"{root}/a kept a", $"{root}/b kept b"], first.Lines.Order(StringComparer.Ordinal));
        }

        await Mosquitto.PublishOkAsync(MqttPort, "-t", $"{root}/a", "-n", "-r", "-q", "1");
        await Mosquitto.PublishOkAsync(MqttPort, "-t", $"{root}/c", "-m", "kept c", "-r", "-q", "1");
        await using var later = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("later")).Build());
        await later.Client.SubscribeAsync($"{root}/#", MqttQualityOfServiceLevel.AtLeastOnce);
        var retained = await later.WaitForAsync(2);
        Assert.Equal([$"{root}/b", $"{root}/c"], retained.Select(m => m.Topic).Order(StringComparer.Ordinal));
        Assert.All(retained, m => Assert.True(m.Retain));
        // The retained publishes are in the log too, the clear as an empty message.
        Assert.Equal(2, (await TopicLog.WaitForAsync(Http, $"{root}/a", 2)).Count);
    }

    [Fact]
    public async Task A_will_is_published_when_the_client_vanishes()
    {
        var root = Names.Unique("mqtt-will");
        await using var watcher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("watch")).Build());
        await watcher.Client.SubscribeAsync($"{root}/status", MqttQualityOfServiceLevel.AtLeastOnce);
        using var device = Mosquitto.Subscribe(MqttPort, "-t", $"{root}/commands", "-i", Names.Unique("device"),
            "--will-topic", $"{root}/status", "--will-payload", "gone", "--will-qos", "1");
        await device.WaitForSubackAsync();
        device.Dispose(); // killed: no DISCONNECT, so the broker publishes the will

        var will = Assert.Single(await watcher.WaitForAsync(1));
        Assert.Equal("gone", will.ConvertPayloadToString());
        Assert.Equal("gone", Assert.Single(await TopicLog.WaitForAsync(Http, $"{root}/status", 1)).GetProperty("payload").GetString());
    }
}

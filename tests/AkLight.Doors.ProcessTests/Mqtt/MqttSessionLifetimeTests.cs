namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>
/// What outlives a connection: MQTT 5 will delay (sent after it, or not at all when the client comes back first) and
/// session expiry (an expired session is ended: no session present, no backlog), with mosquitto and MQTTnet clients.
/// </summary>
public sealed class MqttSessionLifetimeTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task A_delayed_will_is_published_after_its_delay()
    {
        var topic = Names.Unique("mqtt-will-delay") + "/status";
        await using var watcher = await WatchAsync(topic);
        using var device = Mosquitto.Subscribe(MqttPort, "-V", "mqttv5", "-t", $"{topic}/commands", "-i", Names.Unique("device"), "-c", "-x", "60",
            "--will-topic", topic, "--will-payload", "gone", "--will-qos", "1", "-D", "will", "will-delay-interval", "3");
        await device.WaitForSubackAsync();
        device.Dispose(); // killed: no DISCONNECT
        var killed = DateTime.UtcNow;

        var will = Assert.Single(await watcher.WaitForAsync(1));
        Assert.Equal("gone", will.ConvertPayloadToString());
        Assert.True(DateTime.UtcNow - killed >= TimeSpan.FromSeconds(2.5), $"the will came {DateTime.UtcNow - killed} after the kill, before its 3 s delay");
    }

    [Fact]
    public async Task A_delayed_will_is_not_published_when_the_client_comes_back_before_the_delay()
    {
        var topic = Names.Unique("mqtt-will-back") + "/status";
        var clientId = Names.Unique("device");
        await using var watcher = await WatchAsync(topic);
        using (var device = Mosquitto.Subscribe(MqttPort, "-V", "mqttv5", "-t", $"{topic}/commands", "-i", clientId, "-c", "-x", "60",
                   "--will-topic", topic, "--will-payload", "gone", "--will-qos", "1", "-D", "will", "will-delay-interval", "3"))
        {
            await device.WaitForSubackAsync();
        }
        await using (var back = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, clientId).WithCleanStart(false).WithSessionExpiryInterval(60).Build()))
        {
            await Task.Delay(TimeSpan.FromSeconds(4)); // past the will delay, connected again
        }
        // After the marker the will would have been there already.
        await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", "marker", "-q", "1");
        Assert.Equal(["marker"], (await watcher.WaitForAsync(1)).Select(m => m.ConvertPayloadToString()));
    }

    [Fact]
    public async Task A_disconnect_with_will_message_publishes_the_will_and_a_normal_one_does_not()
    {
        var topic = Names.Unique("mqtt-will-reason") + "/status";
        await using var watcher = await WatchAsync(topic);
        foreach (var (payload, reason) in new[] { ("normal", MqttClientDisconnectOptionsReason.NormalDisconnection), ("with-will", MqttClientDisconnectOptionsReason.DisconnectWithWillMessage) })
        {
            var device = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("device"))
                .WithWillTopic(topic).WithWillPayload(payload).WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await device.Client.DisconnectAsync(new MqttClientDisconnectOptions { Reason = reason });
            device.Client.Dispose();
        }
        Assert.Equal(["with-will"], (await watcher.WaitForAsync(1)).Select(m => m.ConvertPayloadToString()));
        await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", "marker", "-q", "1");
        Assert.Equal(["with-will", "marker"], (await watcher.WaitForAsync(2)).Select(m => m.ConvertPayloadToString()));
    }

    [Fact]
    public async Task A_disconnect_giving_a_session_expiry_after_a_connect_without_one_is_a_protocol_error_and_the_will_goes_out()
    {
        var topic = Names.Unique("mqtt-will-0x82") + "/status";
        await using var watcher = await WatchAsync(topic);
        var device = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("device"))
            .WithWillTopic(topic).WithWillPayload("gone").WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await device.Client.DisconnectAsync(new MqttClientDisconnectOptions { SessionExpiryInterval = 60 });
        device.Client.Dispose();
        Assert.Equal(["gone"], (await watcher.WaitForAsync(1)).Select(m => m.ConvertPayloadToString()));
    }

    [Fact]
    public async Task An_expired_session_is_ended_and_a_live_one_is_present_with_its_backlog()
    {
        var topic = Names.Unique("mqtt-expiry") + "/events";
        var shortLived = Names.Unique("short");
        var longLived = Names.Unique("long");
        foreach (var (clientId, expiry) in new[] { (shortLived, 1u), (longLived, 600u) })
        {
            await using var first = await MqttTestClient.ConnectAsync(Persistent(clientId, expiry));
            await first.Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }
        await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", "while away", "-q", "1");
        await Task.Delay(TimeSpan.FromSeconds(3)); // the short session's expiry is 1 s

        var (expired, expiredAck) = await MqttTestClient.TryConnectAsync(Persistent(shortLived, 1));
        await using (expired)
        {
            Assert.False(expiredAck.IsSessionPresent);
            // Its subscription is gone with its session: a new one starts at the live end, without the backlog.
            await expired.Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
            await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", "after", "-q", "1");
            Assert.Equal(["after"], (await expired.WaitForAsync(1)).Select(m => m.ConvertPayloadToString()));
        }
        var (live, liveAck) = await MqttTestClient.TryConnectAsync(Persistent(longLived, 600));
        await using (live)
        {
            Assert.True(liveAck.IsSessionPresent);
            Assert.Equal(["while away", "after"], (await live.WaitForAsync(2)).Select(m => m.ConvertPayloadToString()));
        }
    }

    [Fact]
    public async Task A_disconnect_may_shorten_the_session_expiry()
    {
        var topic = Names.Unique("mqtt-expiry-change") + "/events";
        var clientId = Names.Unique("shorten");
        var first = await MqttTestClient.ConnectAsync(Persistent(clientId, 600));
        await first.Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        await first.Client.DisconnectAsync(new MqttClientDisconnectOptions { SessionExpiryInterval = 1 });
        first.Client.Dispose();
        await Task.Delay(TimeSpan.FromSeconds(3));

        var (again, ack) = await MqttTestClient.TryConnectAsync(Persistent(clientId, 600));
        await using (again) Assert.False(ack.IsSessionPresent);
    }

    [Fact]
    public async Task A_disconnect_with_session_expiry_0_ends_the_session_and_one_without_it_keeps_it()
    {
        var ended = Names.Unique("ended");
        var kept = Names.Unique("kept");
        // MQTTnet leaves a session expiry of 0 out of DISCONNECT, as if there were none: these DISCONNECTs are written by hand.
        foreach (var (clientId, expiry) in new[] { (ended, (uint?)0), (kept, null) })
        {
            using var wire = await RawMqtt.OpenAsync(MqttPort);
            await wire.SendAsync(RawMqtt.ConnectV5(clientId, sessionExpiry: 600));
            Assert.Equal(0x20, (await wire.ReadPacketAsync())[0]); // CONNACK
            await wire.SendAsync(RawMqtt.DisconnectV5(expiry));
            Assert.True(await wire.IsClosedByBrokerAsync(TimeSpan.FromSeconds(20)), "the broker did not close the connection after DISCONNECT");
        }

        var (afterZero, zeroAck) = await MqttTestClient.TryConnectAsync(Persistent(ended, 600));
        await using (afterZero) Assert.False(zeroAck.IsSessionPresent, "session expiry 0 in DISCONNECT should have ended the session");
        var (afterNone, noneAck) = await MqttTestClient.TryConnectAsync(Persistent(kept, 600));
        await using (afterNone) Assert.True(noneAck.IsSessionPresent, "a DISCONNECT without a session expiry keeps CONNECT's");
    }

    private MqttClientOptions Persistent(string clientId, uint expiry) =>
        MqttTestClient.Options(MqttPort, clientId).WithCleanStart(false).WithSessionExpiryInterval(expiry).Build();

    private async Task<MqttTestClient> WatchAsync(string topic)
    {
        var watcher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("watch")).Build());
        await watcher.Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        return watcher;
    }
}

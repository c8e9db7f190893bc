namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>
/// MQTT 5 §4.6: the messages of one topic reach a subscriber in the order they were published, live, from a
/// persistent session's backlog, and for readers of the log through other doors.
/// </summary>
public sealed class MqttOrderTests(SharedSilo shared) : SharedSiloTest(shared)
{
    private const int Count = 50;

    private static readonly string[] Expected = [.. Enumerable.Range(0, Count).Select(i => $"m{i}")];

    [Fact]
    public async Task Qos1_publishes_on_one_topic_arrive_in_publish_order()
    {
        var topic = Names.Unique("mqtt-order") + "/events";
        await using var subscriber = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("sub")).Build());
        await subscriber.Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("pub")).Build());

        await PublishAllAsync(publisher, topic);

        Assert.Equal(Expected, (await subscriber.WaitForAsync(Count)).Select(m => m.ConvertPayloadToString()));
    }

    [Fact]
    public async Task A_persistent_sessions_backlog_arrives_in_publish_order()
    {
        var topic = Names.Unique("mqtt-order-away") + "/events";
        var clientId = Names.Unique("away");
        var persistent = MqttTestClient.Options(MqttPort, clientId).WithCleanStart(false).WithSessionExpiryInterval(600).Build();
        await using (var first = await MqttTestClient.ConnectAsync(persistent))
        {
            await first.Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }
        await using (var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("pub")).Build()))
        {
            await PublishAllAsync(publisher, topic);
        }

        var (again, ack) = await MqttTestClient.TryConnectAsync(persistent);
        await using (again)
        {
            Assert.True(ack.IsSessionPresent);
            Assert.Equal(Expected, (await again.WaitForAsync(Count)).Select(m => m.ConvertPayloadToString()));
        }
    }

    [Fact]
    public async Task Mosquitto_pub_messages_are_read_back_in_publish_order()
    {
        var topic = Names.Unique("mqtt-order-cli") + "/events";
        string[] sent = ["first", "second", "third", "fourth", "fifth", "sixth"];
        foreach (var payload in sent)
            await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", payload, "-q", "1");

        // Read back from the start of the log, as a late reader does: the order is the log's, not the live delivery's.
        using var reader = Mosquitto.Subscribe(MqttPort, "-V", "mqttv5", "-t", topic, "-q", "1", "-i", Names.Unique("reader"), "-C", "6",
            "-D", "subscribe", "user-property", "aklight-from", "earliest");
        Assert.Equal(0, await reader.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(sent, reader.Lines);
    }

    /// <summary>Publishes <see cref="Expected"/> in order, all in flight at once (as a busy publisher does), each acknowledged.</summary>
    private static async Task PublishAllAsync(MqttTestClient publisher, string topic)
    {
        var sends = Expected.Select(payload => publisher.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())).ToList();
        Assert.All(await Task.WhenAll(sends), result => Assert.True(result.IsSuccess, result.ReasonString));
    }
}

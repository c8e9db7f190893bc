namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>MQTT 5 §3.8.3.1: a live delivery keeps the retain flag as published for a Retain As Published subscription only.</summary>
public sealed class MqttRetainAsPublishedTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task A_retained_publish_reaches_a_retain_as_published_subscriber_retained_and_others_not()
    {
        var topic = Names.Unique("mqtt-rap") + "/state";
        await using var asPublished = await SubscribeAsync(topic, retainAsPublished: true);
        await using var plain = await SubscribeAsync(topic, retainAsPublished: false);
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("pub")).Build());

        foreach (var (payload, retain) in new[] { ("kept", true), ("passing", false) })
        {
            var result = await publisher.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());
            Assert.True(result.IsSuccess, result.ReasonString);
        }

        Assert.Equal([("kept", true), ("passing", false)], (await asPublished.WaitForAsync(2)).Select(m => (m.ConvertPayloadToString(), m.Retain)));
        Assert.Equal([("kept", false), ("passing", false)], (await plain.WaitForAsync(2)).Select(m => (m.ConvertPayloadToString(), m.Retain)));
    }

    private async Task<MqttTestClient> SubscribeAsync(string topic, bool retainAsPublished)
    {
        var client = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("sub")).Build());
        await client.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(new MqttTopicFilterBuilder().WithTopic(topic)
            .WithAtLeastOnceQoS().WithRetainAsPublished(retainAsPublished).Build()).Build());
        return client;
    }
}

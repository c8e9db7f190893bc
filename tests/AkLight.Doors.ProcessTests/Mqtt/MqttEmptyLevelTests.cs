namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>
/// MQTT §4.7.1 and §4.7.3: an empty level is a level like any other, first one included (<c>/TopicA</c>), in
/// subscriptions, wills and retained messages as in PUBLISH.
/// </summary>
public sealed class MqttEmptyLevelTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task Filters_with_an_empty_first_level_receive_its_publishes()
    {
        var topic = "/" + Names.Unique("mqtt-empty-level");
        await using var exact = await SubscribeAsync(topic);
        await using var wildcard = await SubscribeAsync("/+");
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("pub")).Build());

        var published = await publisher.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("hello")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.True(published.IsSuccess, published.ReasonString);
        Assert.Equal("hello", Assert.Single(await exact.WaitForAsync(1)).ConvertPayloadToString());
        // "/+" matches every one-level topic under the empty level, other tests' too: this one's is among them.
        await Wait.UntilAsync(() => wildcard.Received.Any(m => m.Topic == topic && m.ConvertPayloadToString() == "hello"),
            TimeSpan.FromSeconds(20), $"'{topic}' through '/+'");
    }

    [Fact]
    public async Task A_will_to_a_topic_with_an_empty_first_level_is_published()
    {
        var topic = "/" + Names.Unique("mqtt-empty-will");
        await using var watcher = await SubscribeAsync(topic);
        var device = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("device"))
            .WithWillTopic(topic).WithWillPayload("gone").WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await device.Client.DisconnectAsync(new MqttClientDisconnectOptions { Reason = MqttClientDisconnectOptionsReason.DisconnectWithWillMessage });
        device.Client.Dispose();

        Assert.Equal("gone", Assert.Single(await watcher.WaitForAsync(1)).ConvertPayloadToString());
    }

    [Fact]
    public async Task A_retained_message_on_a_topic_with_an_empty_first_level_reaches_a_later_subscriber()
    {
        var topic = "/" + Names.Unique("mqtt-empty-retained");
        await using (var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("pub")).Build()))
        {
            var published = await publisher.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("kept")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());
            Assert.True(published.IsSuccess, published.ReasonString);
        }

        await using var later = await SubscribeAsync(topic);
        var retained = Assert.Single(await later.WaitForAsync(1));
        Assert.Equal("kept", retained.ConvertPayloadToString());
        Assert.True(retained.Retain);
    }

    /// <summary>A client subscribed to <paramref name="filter"/>; fails the test unless the SUBACK grants it.</summary>
    private async Task<MqttTestClient> SubscribeAsync(string filter)
    {
        var client = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("sub")).Build());
        var result = await client.Client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        var granted = Assert.Single(result.Items);
        Assert.True(granted.ResultCode == MqttClientSubscribeResultCode.GrantedQoS1, $"SUBACK {granted.ResultCode} for '{filter}': {result.ReasonString}");
        return client;
    }
}

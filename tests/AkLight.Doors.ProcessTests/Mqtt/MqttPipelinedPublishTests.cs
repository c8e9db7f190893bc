namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>Many PUBLISHes of one connection in flight at once: each acknowledged once stored, all stored in the order sent.</summary>
public sealed class MqttPipelinedPublishTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task Publishes_in_flight_together_are_all_acknowledged_and_stored_in_order()
    {
        const int Count = 300;
        var topic = Names.Unique("mqtt-pipeline") + "/data";
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("fast")).Build());
        var sends = new List<Task<MqttClientPublishResult>>();
        for (var i = 0; i < Count; i++)
        {
            // One key, so one partition: the log's order is the order sent. QoS 1 and 2 mixed share that order.
            sends.Add(publisher.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload($"m-{i:D4}")
                .WithUserProperty("aklight-key", MqttTestClient.Utf8("one"))
                .WithQualityOfServiceLevel(i % 10 == 0 ? MqttQualityOfServiceLevel.ExactlyOnce : MqttQualityOfServiceLevel.AtLeastOnce).Build()));
        }
        var results = await Task.WhenAll(sends);
        Assert.All(results, r => Assert.True(r.IsSuccess, $"{r.ReasonCode} {r.ReasonString}"));

        var stored = await TopicLog.WaitForAsync(Http, topic, Count);
        var payloads = stored.OrderBy(m => m.GetProperty("offset").GetInt64()).Select(m => m.GetProperty("payload").GetString()).ToArray();
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"m-{i:D4}"), payloads);
    }
}

namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary><c>$share/{group}/{filter}</c>: the subscribers are the members of the AKLight consumer group of that name.</summary>
public sealed class MqttSharedSubscriptionTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task Shared_subscribers_split_the_partitions_of_their_group()
    {
        var topic = Names.Unique("mqtt-share") + "/jobs";
        var group = Names.Unique("workers");
        using (var create = await Http.PostJsonAsync("api/topics", new { topic, partitions = 4 })) await create.JsonAsync(HttpStatusCode.Created);
        await using var first = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("w1")).Build());
        await using var second = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("w2")).Build());
        foreach (var member in new[] { first, second })
        {
            var granted = await member.Client.SubscribeAsync($"$share/{group}/{topic}", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(granted.Items).ResultCode);
        }
        // Both members hold two partitions each before anything is sent, so no rebalance moves work mid-test.
        await Wait.UntilAsync(async () =>
        {
            var description = await Http.GetJsonAsync($"api/groups/{Q(group)}");
            var members = description.GetProperty("members").EnumerateArray().ToArray();
            return members.Length == 2 && members.All(m => m.GetProperty("partitions").GetInt32() == 2);
        }, TimeSpan.FromSeconds(20), "both members to hold two partitions");

        using (var produced = await Http.PostJsonAsync("api/produce",
            new { topic, messages = Enumerable.Range(0, 20).Select(i => new { key = $"job-{i}", payload = $"job {i}" }) }))
            await produced.JsonAsync();

        await Wait.UntilAsync(() => first.Received.Count + second.Received.Count >= 20, TimeSpan.FromSeconds(20), "20 jobs between the members");
        var all = first.Received.Concat(second.Received).Select(m => m.ConvertPayloadToString()).ToArray();
        Assert.Equal(20, all.Distinct().Count());
        Assert.NotEmpty(first.Received);
        Assert.NotEmpty(second.Received);
    }
}

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

    [Fact]
    public async Task Every_message_published_right_after_suback_reaches_one_member_on_topics_old_and_new()
    {
        var prefix = Names.Unique("mqtt-share-now");
        var group = Names.Unique("now");
        // One topic exists before the subscriptions; the others are created by the first publish after SUBACK.
        using (var create = await Http.PostJsonAsync("api/topics", new { topic = $"{prefix}/old", partitions = 2 })) await create.JsonAsync(HttpStatusCode.Created);
        await using var first = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("n1")).Build());
        await using var second = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("n2")).Build());
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("np")).Build());
        foreach (var member in new[] { first, second })
        {
            var granted = await member.Client.SubscribeAsync($"$share/{group}/{prefix}/+", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(granted.Items).ResultCode);
        }

        // At once after the SUBACKs: nothing waits for the group's assignment.
        string[] topics = [$"{prefix}/old", $"{prefix}/new-a", $"{prefix}/new-b"];
        var sent = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var payload = $"m{i}";
            await publisher.Client.PublishStringAsync(topics[i % topics.Length], payload, MqttQualityOfServiceLevel.AtLeastOnce);
            sent.Add(payload);
        }

        string[] Received() => first.Received.Concat(second.Received).Select(m => m.ConvertPayloadToString()).Distinct().ToArray();
        await Wait.UntilAsync(() => Received().Length >= sent.Count, TimeSpan.FromSeconds(30), $"{sent.Count} messages between the members",
            () => $"received: {string.Join(' ', Received().Order())}");
        Assert.Equal(sent.Order(), Received().Order());
    }

    /// <summary>
    /// While one member stays, another joins and then leaves mid-stream: every message published meanwhile reaches a
    /// member. QoS 1 is at least once: a message a leaving member had not acknowledged comes again to the one that
    /// takes its partition, so duplicates are allowed and counted apart.
    /// </summary>
    [Fact]
    public async Task No_message_is_lost_while_members_join_and_leave()
    {
        var prefix = Names.Unique("mqtt-share-churn");
        var group = Names.Unique("churn");
        string[] topics = [.. Enumerable.Range(0, 6).Select(i => $"{prefix}/k{i}")];
        foreach (var topic in topics)
            using (var create = await Http.PostJsonAsync("api/topics", new { topic, partitions = 1 })) await create.JsonAsync(HttpStatusCode.Created);
        await using var stays = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("stays")).Build());
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("cp")).Build());
        var filter = $"$share/{group}/{prefix}/+";
        await stays.Client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);

        var sent = new List<string>();
        MqttTestClient? visitor = null;
        var visitorReceived = Array.Empty<MqttApplicationMessage>();
        try
        {
            for (var i = 0; i < 150; i++)
            {
                if (i == 50)
                {
                    visitor = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("visits")).Build());
                    await visitor.Client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                }
                if (i == 100 && visitor is not null)
                {
                    // The visitor has held partitions (it got messages) before it leaves.
                    await Wait.UntilAsync(() => !visitor.Received.IsEmpty, TimeSpan.FromSeconds(20), "the joining member to get a partition's messages");
                    await visitor.DisposeAsync();
                    visitorReceived = [.. visitor.Received];
                    visitor = null;
                }
                var payload = $"m{i}";
                await publisher.Client.PublishStringAsync(topics[i % topics.Length], payload, MqttQualityOfServiceLevel.AtLeastOnce);
                sent.Add(payload);
            }
        }
        finally
        {
            if (visitor is not null) await visitor.DisposeAsync();
        }

        string[] Received() => stays.Received.Concat(visitorReceived).Select(m => m.ConvertPayloadToString()).ToArray();
        await Wait.UntilAsync(() => Received().Distinct().Count() >= sent.Count, TimeSpan.FromSeconds(40), $"{sent.Count} messages between the members",
            () => $"missing: {string.Join(' ', sent.Except(Received()))}");
        Assert.Equal(sent.Order(), Received().Distinct().Order());
        Assert.NotEmpty(visitorReceived);
    }
}

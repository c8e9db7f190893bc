using System.Collections.Concurrent;

namespace AkLight.Cluster.PostgresTests.Mqtt;

/// <summary>
/// The MQTT door of a two-silo cluster on PostgreSQL: a client on one silo gets what is published on the other,
/// retained messages reach every silo, and after <c>kill -9</c> of its silo a persistent client resumes its session
/// on the survivor with nothing it had not acknowledged lost.
/// </summary>
public sealed class MqttClusterTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private const string Root = "mqtt/cluster";

    [Fact]
    public async Task A_persistent_subscriber_gets_messages_from_the_other_silo_and_resumes_there_after_its_silo_is_killed()
    {
        await using var cluster = await StartClusterAsync("mqtt");
        var (silo1, silo2) = await MqttCluster.WaitForMqttAsync(cluster);

        var received = new ConcurrentQueue<string>();
        using var subscriber = MqttCluster.Client(received);
        Assert.Equal(MqttClientConnectResultCode.Success, (await subscriber.ConnectAsync(MqttCluster.Persistent(silo1.MqttPort, "watcher"))).ResultCode);
        await subscriber.SubscribeAsync($"{Root}/#", MqttQualityOfServiceLevel.AtLeastOnce);

        using var publisher = MqttCluster.Client(new ConcurrentQueue<string>());
        await publisher.ConnectAsync(MqttCluster.Options(silo2.MqttPort, "publisher").WithTimeout(TimeSpan.FromSeconds(90)).Build());
        await PublishAsync(publisher, "before", retain: true);
        await Wait.UntilAsync(() => received.Contains("before-4"), TimeSpan.FromSeconds(30), "messages published on silo2 at the client of silo1", () => cluster.Logs());

        // Retained on silo2, read by a new subscriber of silo1.
        var retained = new ConcurrentQueue<string>();
        using (var late = MqttCluster.Client(retained))
        {
            await late.ConnectAsync(MqttCluster.Options(silo1.MqttPort, "late").Build());
            // Other silos follow the retained messages within about half a second; each SUBSCRIBE gets what is there then.
            await Wait.UntilAsync(async () =>
            {
                await late.SubscribeAsync($"{Root}/retained", MqttQualityOfServiceLevel.AtLeastOnce);
                await Task.Delay(200);
                return retained.Contains("before-retained");
            }, TimeSpan.FromSeconds(30), "the retained message on silo1", () => cluster.Logs());
        }

        silo1.Kill();
        Output.WriteLine($"killed silo1 (pid {silo1.ProcessId})");
        await Wait.UntilAsync(() => !subscriber.IsConnected, TimeSpan.FromSeconds(30), "the subscriber to notice its silo is gone");
        // Acknowledged once durable: these wait for silo1's partitions to come back on silo2.
        await PublishAsync(publisher, "away", retain: false);

        await Wait.UntilAsync(async () =>
        {
            if (!subscriber.IsConnected)
            {
                // No SUBSCRIBE again: the session's subscriptions come back with it.
                var result = await subscriber.ConnectAsync(MqttCluster.Persistent(silo2.MqttPort, "watcher"));
                Output.WriteLine($"reconnect to silo2: {result.ResultCode}");
            }
            return Enumerable.Range(0, 5).All(i => received.Contains($"away-{i}"));
        }, TimeSpan.FromSeconds(120), "the messages published while the subscriber was away, on silo2", () => string.Join("\n", cluster.Logs(400).Split("\n").Where(l => l.Contains("MQTT", StringComparison.Ordinal)).Take(40)));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Contains($"before-{i}", received));
    }

    [Fact]
    public async Task A_topics_messages_reach_a_subscriber_in_publish_order_across_a_kill_of_a_silo()
    {
        await using var cluster = await StartClusterAsync("mqttorder");
        var (silo1, silo2) = await MqttCluster.WaitForMqttAsync(cluster);
        const string Topic = $"{Root}/ordered";

        var received = new ConcurrentQueue<string>();
        using var subscriber = MqttCluster.Client(received);
        Assert.Equal(MqttClientConnectResultCode.Success, (await subscriber.ConnectAsync(MqttCluster.Persistent(silo2.MqttPort, "ordered-watcher"))).ResultCode);
        await subscriber.SubscribeAsync(Topic, MqttQualityOfServiceLevel.AtLeastOnce);
        using var publisher = MqttCluster.Client(new ConcurrentQueue<string>());
        await publisher.ConnectAsync(MqttCluster.Options(silo2.MqttPort, "ordered-publisher").WithTimeout(TimeSpan.FromSeconds(90)).Build());

        // Unkeyed QoS 1 publishes on one topic, before and after the other silo dies (its partitions, maybe this topic's,
        // come back on the survivor): each is acknowledged before the next is sent.
        for (var i = 0; i < 30; i++) await MqttCluster.PublishAsync(publisher, Topic, $"{i}", MqttQualityOfServiceLevel.AtLeastOnce);
        silo1.Kill();
        Output.WriteLine($"killed silo1 (pid {silo1.ProcessId})");
        for (var i = 30; i < 60; i++) await MqttCluster.PublishAsync(publisher, Topic, $"{i}", MqttQualityOfServiceLevel.AtLeastOnce);

        await Wait.UntilAsync(async () =>
        {
            if (!subscriber.IsConnected) await subscriber.ConnectAsync(MqttCluster.Persistent(silo2.MqttPort, "ordered-watcher"));
            return received.Select(int.Parse).Distinct().Count() == 60;
        }, TimeSpan.FromSeconds(120), "all 60 messages at the subscriber", () => cluster.Logs(200));

        // In publish order: QoS 1 may bring a message again after a resume, but never one before an earlier one.
        var firsts = received.Select(int.Parse).Distinct().ToList();
        Assert.Equal(Enumerable.Range(0, 60), firsts);
    }

    private static async Task PublishAsync(IMqttClient publisher, string label, bool retain)
    {
        // The same five topics before and after the kill: what is tested is the session, not finding new topics.
        for (var i = 0; i < 5; i++) await MqttCluster.PublishAsync(publisher, $"{Root}/sensor/{i}", $"{label}-{i}", MqttQualityOfServiceLevel.AtLeastOnce);
        if (retain) await MqttCluster.PublishAsync(publisher, $"{Root}/retained", $"{label}-retained", MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
    }
}

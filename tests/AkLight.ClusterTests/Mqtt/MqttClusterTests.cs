using System.Collections.Concurrent;
using AkLight.ClusterTests.Infrastructure;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AkLight.ClusterTests.Mqtt;

/// <summary>
/// The MQTT door of a two-silo cluster on PostgreSQL: a client on one silo gets what is published on the other,
/// retained messages reach every silo, and after <c>kill -9</c> of its silo a persistent client resumes its session
/// on the survivor with nothing it had not acknowledged lost.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MqttClusterTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string Root = "mqtt/cluster";

    [Fact]
    public async Task A_persistent_subscriber_gets_messages_from_the_other_silo_and_resumes_there_after_its_silo_is_killed()
    {
        await using var cluster = new SiloCluster(await postgres.CreateDatabaseAsync("mqtt"), output);
        var silo1 = await cluster.StartSiloAsync("silo1");
        var silo2 = await cluster.StartSiloAsync("silo2");
        await cluster.WaitForActiveMembersAsync([silo1, silo2]);
        foreach (var silo in new[] { silo1, silo2 })
            await Wait.UntilAsync(() => FreePorts.IsListeningAsync(silo.MqttPort), TimeSpan.FromSeconds(60), $"{silo.Name}'s MQTT port", () => cluster.Logs());

        var received = new ConcurrentQueue<string>();
        using var subscriber = Client(received);
        Assert.Equal(MqttClientConnectResultCode.Success, (await subscriber.ConnectAsync(Persistent(silo1.MqttPort, "watcher"))).ResultCode);
        await subscriber.SubscribeAsync($"{Root}/#", MqttQualityOfServiceLevel.AtLeastOnce);

        using var publisher = Client(new ConcurrentQueue<string>());
        await publisher.ConnectAsync(Options(silo2.MqttPort, "publisher").WithTimeout(TimeSpan.FromSeconds(90)).Build());
        await PublishAsync(publisher, "before", retain: true);
        await Wait.UntilAsync(() => received.Contains("before-4"), TimeSpan.FromSeconds(30), "messages published on silo2 at the client of silo1", () => cluster.Logs());

        // Retained on silo2, read by a new subscriber of silo1.
        var retained = new ConcurrentQueue<string>();
        using (var late = Client(retained))
        {
            await late.ConnectAsync(Options(silo1.MqttPort, "late").Build());
            // Other silos follow the retained messages within about half a second; each SUBSCRIBE gets what is there then.
            await Wait.UntilAsync(async () =>
            {
                await late.SubscribeAsync($"{Root}/retained", MqttQualityOfServiceLevel.AtLeastOnce);
                await Task.Delay(200);
                return retained.Contains("before-retained");
            }, TimeSpan.FromSeconds(30), "the retained message on silo1", () => cluster.Logs());
        }

        silo1.Kill();
        output.WriteLine($"killed silo1 (pid {silo1.ProcessId})");
        await Wait.UntilAsync(() => !subscriber.IsConnected, TimeSpan.FromSeconds(30), "the subscriber to notice its silo is gone");
        // Acknowledged once durable: these wait for silo1's partitions to come back on silo2.
        await PublishAsync(publisher, "away", retain: false);

        await Wait.UntilAsync(async () =>
        {
            if (!subscriber.IsConnected)
            {
                // No SUBSCRIBE again: the session's subscriptions come back with it.
                var result = await subscriber.ConnectAsync(Persistent(silo2.MqttPort, "watcher"));
                output.WriteLine($"reconnect to silo2: {result.ResultCode}");
            }
            return Enumerable.Range(0, 5).All(i => received.Contains($"away-{i}"));
        }, TimeSpan.FromSeconds(120), "the messages published while the subscriber was away, on silo2", () => string.Join("\n", cluster.Logs(400).Split("\n").Where(l => l.Contains("MQTT", StringComparison.Ordinal)).Take(40)));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Contains($"before-{i}", received));
    }

    private static async Task PublishAsync(IMqttClient publisher, string label, bool retain)
    {
        for (var i = 0; i < 5; i++)
        {
            // The same five topics before and after the kill: what is tested is the session, not finding new topics.
            var result = await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{Root}/sensor/{i}").WithPayload($"{label}-{i}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.True(result.IsSuccess, $"{label}-{i}: {result.ReasonCode} {result.ReasonString}");
        }
        if (!retain) return;
        var kept = await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{Root}/retained").WithPayload($"{label}-retained")
            .WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(kept.IsSuccess, kept.ReasonString);
    }

    private static IMqttClient Client(ConcurrentQueue<string> received)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        return client;
    }

    private static MqttClientOptionsBuilder Options(int port, string clientId) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(20));

    /// <summary>Clean start off and a session expiry: an AKLight persistent session.</summary>
    private static MqttClientOptions Persistent(int port, string clientId) =>
        Options(port, clientId).WithCleanStart(false).WithSessionExpiryInterval(3600).Build();
}

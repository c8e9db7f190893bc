using System.Collections.Concurrent;

namespace AkLight.Cluster.PostgresTests.Mqtt;

/// <summary>
/// What a persistent MQTT session keeps beyond its silo, on a two-silo cluster on PostgreSQL: after <c>kill -9</c> of
/// its silo a client takes its session up on the other with session present, its subscriptions at their own QoS, its
/// <c>$share</c> subscription and topics created meanwhile; a session whose expiry passes after its silo died is ended.
/// </summary>
public sealed class MqttClusterResumeTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private const string Root = "mqtt/resume";

    [Fact]
    public async Task After_its_silo_is_killed_a_client_takes_up_its_subscriptions_elsewhere_and_an_expired_session_is_ended()
    {
        await using var cluster = await StartClusterAsync("mqttresume");
        var (silo1, silo2) = await MqttCluster.WaitForMqttAsync(cluster);

        using var publisher = MqttCluster.Client(new ConcurrentQueue<string>());
        await publisher.ConnectAsync(MqttCluster.Options(silo2.MqttPort, "publisher").WithTimeout(TimeSpan.FromSeconds(90)).Build());
        // The topics exist before the subscriptions: what is tested is the session, not finding new topics (but see a/new).
        await PublishAsync(publisher, $"{Root}/a/old", "a-init");
        await PublishAsync(publisher, $"{Root}/b/old", "b-init");

        var received = new ConcurrentQueue<(string Payload, MqttQualityOfServiceLevel Qos)>();
        using var resumer = Client(received);
        Assert.Equal(MqttClientConnectResultCode.Success, (await resumer.ConnectAsync(MqttCluster.Persistent(silo1.MqttPort, "resumer", 3600))).ResultCode);
        await resumer.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"{Root}/a/#", MqttQualityOfServiceLevel.ExactlyOnce)
            .WithTopicFilter($"$share/workers/{Root}/b/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        using var expirer = MqttCluster.Client(new ConcurrentQueue<string>());
        await expirer.ConnectAsync(MqttCluster.Persistent(silo1.MqttPort, "expirer", 3));
        await expirer.SubscribeAsync($"{Root}/c", MqttQualityOfServiceLevel.AtLeastOnce);

        await PublishAsync(publisher, $"{Root}/a/old", "a-before");
        await PublishAsync(publisher, $"{Root}/b/old", "b-before");
        await Wait.UntilAsync(() => received.Any(m => m.Payload == "a-before") && received.Any(m => m.Payload == "b-before"),
            TimeSpan.FromSeconds(30), "the first messages at the client of silo1", () => $"received: {string.Join(", ", received)}\n{cluster.Logs()}");

        silo1.Kill();
        Output.WriteLine($"killed silo1 (pid {silo1.ProcessId})");
        await Wait.UntilAsync(() => !resumer.IsConnected, TimeSpan.FromSeconds(30), "the client to notice its silo is gone");
        // A topic created while silo1 is dead, and one the shared subscription's group reads.
        await PublishAsync(publisher, $"{Root}/a/new", "a-away");
        await PublishAsync(publisher, $"{Root}/b/old", "b-away");

        // No SUBSCRIBE again: the session's subscriptions come back with it, as they were made.
        var connack = await resumer.ConnectAsync(MqttCluster.Persistent(silo2.MqttPort, "resumer", 3600));
        Assert.Equal(MqttClientConnectResultCode.Success, connack.ResultCode);
        Assert.True(connack.IsSessionPresent, "session present after moving to silo2");
        await Wait.UntilAsync(() => received.Any(m => m.Payload == "a-away") && received.Any(m => m.Payload == "b-away"), TimeSpan.FromSeconds(90),
            "the messages published while the client was away, on silo2", () => $"received: {string.Join(", ", received)}\n{cluster.Logs(60)}");
        Assert.Equal(MqttQualityOfServiceLevel.ExactlyOnce, received.First(m => m.Payload == "a-away").Qos); // taken up at QoS 2, not 1

        // The expirer's silo died with its connection: its session expires 3 s after that is noticed.
        await using var admin = await BrokerConnection.ConnectAsync([silo2.Gateway], TimeSpan.FromSeconds(30));
        await Wait.UntilAsync(async () =>
        {
            try
            {
                await admin.Grains.GetGrain<IConsumerSessionGrain>("mqtt:expirer").DescribeAsync();
                return false;
            }
            catch (UnknownSessionException)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(90), "the expired session to be ended", () => cluster.Logs(60));
        var again = await expirer.ConnectAsync(MqttCluster.Persistent(silo2.MqttPort, "expirer", 3));
        Assert.False(again.IsSessionPresent, "an expired session is not present");
    }

    private static Task PublishAsync(IMqttClient publisher, string topic, string payload) =>
        MqttCluster.PublishAsync(publisher, topic, payload, MqttQualityOfServiceLevel.ExactlyOnce);

    private static IMqttClient Client(ConcurrentQueue<(string Payload, MqttQualityOfServiceLevel Qos)> received) =>
        MqttCluster.Client(received, m => (m.ConvertPayloadToString(), m.QualityOfServiceLevel));
}

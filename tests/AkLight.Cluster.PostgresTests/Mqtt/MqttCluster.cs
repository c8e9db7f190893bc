using System.Collections.Concurrent;
using MQTTnet.Formatter;

namespace AkLight.Cluster.PostgresTests.Mqtt;

/// <summary>What the MQTT cluster tests share: two silos with their MQTT ports open, and MQTTnet clients.</summary>
internal static class MqttCluster
{
    /// <summary>Waits until the cluster's two silos listen for MQTT; returns them.</summary>
    public static async Task<(SiloProcess Silo1, SiloProcess Silo2)> WaitForMqttAsync(SiloCluster cluster)
    {
        foreach (var silo in cluster.Silos)
            await Wait.UntilAsync(() => FreePorts.IsListeningAsync(silo.MqttPort), TimeSpan.FromSeconds(60), $"{silo.Name}'s MQTT port", () => cluster.Logs());
        return (cluster.Silos[0], cluster.Silos[1]);
    }

    /// <summary>An MQTTnet client that keeps each message it receives, as <paramref name="keep"/> makes it.</summary>
    public static IMqttClient Client<T>(ConcurrentQueue<T> received, Func<MqttApplicationMessage, T> keep)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(keep(e.ApplicationMessage));
            return Task.CompletedTask;
        };
        return client;
    }

    /// <summary>An MQTTnet client that keeps the payloads it receives.</summary>
    public static IMqttClient Client(ConcurrentQueue<string> received) => Client(received, m => m.ConvertPayloadToString());

    public static MqttClientOptionsBuilder Options(int port, string clientId) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(20));

    /// <summary>Clean start off and a session expiry: an AKLight persistent session.</summary>
    public static MqttClientOptions Persistent(int port, string clientId, uint expiry = 3600) =>
        Options(port, clientId).WithCleanStart(false).WithSessionExpiryInterval(expiry).Build();

    /// <summary>Publishes at <paramref name="qos"/>; fails the test unless acknowledged.</summary>
    public static async Task PublishAsync(IMqttClient publisher, string topic, string payload, MqttQualityOfServiceLevel qos, bool retain = false)
    {
        var result = await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(qos).WithRetainFlag(retain).Build());
        Assert.True(result.IsSuccess, $"{payload}: {result.ReasonCode} {result.ReasonString}");
    }
}

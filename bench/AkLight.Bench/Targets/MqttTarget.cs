using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AkLight.Bench.Targets;

/// <summary>
/// An MQTT broker through MQTTnet — Mosquitto (<c>mosquitto-qos1</c>) or AKLight's MQTT door (<c>aklight-mqtt</c>) —
/// MQTT 3.1.1, QoS 1 both ways: a publish completes on the broker's PUBACK; the consumer subscribes to
/// <c>metrics/docker/#</c> with QoS 1 on a clean session and acknowledges each message. The workload's key is not
/// sent: the topic names the container.
/// </summary>
internal sealed class MqttTarget(string name, int port, Func<IReadOnlyList<int>> brokerPids) : IBenchTarget
{
    public string Name => name;

    public IReadOnlyList<int> BrokerPids => brokerPids();

    public async Task<IAsyncDisposable> StartConsumerAsync(Receiver receiver, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = e.ApplicationMessage.Payload;
            if (payload.IsSingleSegment) receiver.OnMessage(payload.FirstSpan);
            else receiver.OnMessage(payload.ToArray());
            return Task.CompletedTask;
        };
        await client.ConnectAsync(Options("bench-consumer"), cancellationToken).ConfigureAwait(false);
        var subscribe = new MqttClientSubscribeOptionsBuilder().WithTopicFilter("metrics/docker/#", MqttQualityOfServiceLevel.AtLeastOnce).Build();
        await client.SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
        return new Connection(client);
    }

    public async Task<IBenchProducer> CreateProducerAsync(int index, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options($"bench-producer-{index}"), cancellationToken).ConfigureAwait(false);
        return new MqttProducer(client);
    }

    private MqttClientOptions Options(string clientId) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port)
        .WithClientId($"{clientId}-{Guid.NewGuid():N}")
        .WithCleanSession(true)
        .WithProtocolVersion(MqttProtocolVersion.V311)
        .WithTimeout(TimeSpan.FromSeconds(30))
        .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
        .Build();

    private sealed class MqttProducer(IMqttClient client) : IBenchProducer
    {
        public async Task SendAsync(string topic, byte[] key, byte[] payload)
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await client.PublishAsync(message, CancellationToken.None).ConfigureAwait(false);
            if (!result.IsSuccess) throw new InvalidOperationException($"PUBACK {result.ReasonCode}: {result.ReasonString}");
        }

        public ValueTask DisposeAsync() => new Connection(client).DisposeAsync();
    }

    private sealed class Connection(IMqttClient client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), limit.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Already gone.
            }
            client.Dispose();
        }
    }
}

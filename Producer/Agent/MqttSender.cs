using AkLight.Client.Connection;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AkLight.Producer.Agent;

/// <summary>
/// Sends over MQTT 5 to a silo's MQTT door (<c>--mqtt host:port</c>) instead of the gateway: QoS 1, the key as
/// the <c>aklight-key</c> user property, so messages land in the same partitions. With <c>AKLIGHT_TOKEN</c> set,
/// the key's principal is the user name and the key the password. Connects on first use, like the gateway sender.
/// </summary>
internal sealed class MqttSender(string address, AgentStatus status) : IMessageSender
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private IMqttClient? _client;

    public async Task<IReadOnlyList<Task>> SendAsync(IReadOnlyList<OutgoingMessage> batch, CancellationToken cancellationToken)
    {
        var client = _client ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
        return batch.Select(message => PublishAsync(client, message)).ToArray();
    }

    private static async Task PublishAsync(IMqttClient client, OutgoingMessage message)
    {
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic).WithPayload(message.Payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithUserProperty("aklight-key", Encoding.UTF8.GetBytes(message.Key).AsMemory()).Build()).ConfigureAwait(false);
        if (!result.IsSuccess) throw new InvalidOperationException($"the MQTT door refused the message: {result.ReasonCode} {result.ReasonString}");
    }

    private async Task<IMqttClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var colon = address.LastIndexOf(':');
        var options = new MqttClientOptionsBuilder().WithTcpServer(address[..colon], int.Parse(address[(colon + 1)..]))
            .WithProtocolVersion(MqttProtocolVersion.V500).WithClientId($"aklight-agent-{Guid.NewGuid():N}").WithTimeout(ConnectTimeout);
        if (Environment.GetEnvironmentVariable(BrokerConnection.TokenVariable) is { Length: > 0 } token)
            options.WithCredentials(token.Split(':', 2)[0], token);
        var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            var result = await client.ConnectAsync(options.Build(), cancellationToken).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
                throw new InvalidOperationException($"the MQTT door at {address} refused the connection: {result.ResultCode} {result.ReasonString}");
        }
        catch
        {
            client.Dispose();
            throw;
        }
        _client = client;
        status.Connected([$"mqtt://{address}"]);
        return client;
    }

    public async Task ResetAsync()
    {
        var client = _client;
        _client = null;
        if (client is null) return;
        try
        {
            if (client.IsConnected) await client.DisconnectAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The connection is gone already: nothing to close politely.
        }
        client.Dispose();
    }

    public async ValueTask DisposeAsync() => await ResetAsync().ConfigureAwait(false);
}

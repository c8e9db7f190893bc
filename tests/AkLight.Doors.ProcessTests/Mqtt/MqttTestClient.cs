using System.Collections.Concurrent;
using MQTTnet.Formatter;

namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>MQTTnet's client connected to a silo's MQTT port, keeping what it receives.</summary>
public sealed class MqttTestClient : IAsyncDisposable
{
    private MqttTestClient(IMqttClient client) => Client = client;

    public IMqttClient Client { get; }

    public ConcurrentQueue<MqttApplicationMessage> Received { get; } = new();

    /// <summary>A user property value.</summary>
    public static ReadOnlyMemory<byte> Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>Options for 127.0.0.1:<paramref name="port"/>, MQTT 5 unless said otherwise.</summary>
    public static MqttClientOptionsBuilder Options(int port, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithProtocolVersion(version)
            .WithTimeout(TimeSpan.FromSeconds(20));

    /// <summary>Connects; fails the test unless the broker accepts.</summary>
    public static async Task<MqttTestClient> ConnectAsync(MqttClientOptions options)
    {
        var (client, result) = await TryConnectAsync(options);
        Assert.True(result.ResultCode == MqttClientConnectResultCode.Success, $"CONNACK {result.ResultCode}: {result.ReasonString}");
        return client;
    }

    /// <summary>Connects, returning the CONNACK whatever it says.</summary>
    public static async Task<(MqttTestClient Client, MqttClientConnectResult Result)> TryConnectAsync(MqttClientOptions options)
    {
        var client = new MqttTestClient(new MqttClientFactory().CreateMqttClient());
        client.Client.ApplicationMessageReceivedAsync += e =>
        {
            client.Received.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        return (client, await client.Client.ConnectAsync(options));
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived.</summary>
    public async Task<IReadOnlyList<MqttApplicationMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        await Wait.UntilAsync(() => Received.Count >= count, timeout ?? TimeSpan.FromSeconds(20), $"{count} MQTT messages (got {Received.Count})");
        return Received.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected) await Client.DisconnectAsync();
        Client.Dispose();
    }
}

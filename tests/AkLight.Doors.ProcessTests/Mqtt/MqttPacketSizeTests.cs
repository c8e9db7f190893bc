namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>Maximum Packet Size both ways: the door's, told in CONNACK and enforced, and the client's, honoured on delivery.</summary>
public sealed class MqttPacketSizeTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task A_packet_larger_than_the_connack_says_gets_disconnect_packet_too_large()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var reason = new TaskCompletionSource<MqttClientDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            reason.TrySetResult(e.Reason);
            return Task.CompletedTask;
        };
        var connack = await client.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("big")).Build());
        // The broker's largest message (64 KiB for this silo) plus 64 KiB for the topic and properties.
        Assert.Equal((uint)SharedSilo.MaxMessageBytes + 64 * 1024, connack.MaximumPacketSize);

        var topic = Names.Unique("mqtt-too-large");
        await Assert.ThrowsAnyAsync<Exception>(() => client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic)
            .WithPayload(new byte[(int)connack.MaximumPacketSize!.Value]).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
        Assert.Equal(MqttClientDisconnectReason.PacketTooLarge, await reason.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        client.Dispose();
    }

    [Fact]
    public async Task A_message_larger_than_the_client_accepts_is_skipped_as_if_delivered()
    {
        var topic = Names.Unique("mqtt-client-max") + "/data";
        var clientId = Names.Unique("small");
        MqttClientOptions Options() => MqttTestClient.Options(MqttPort, clientId).WithMaximumPacketSize(2000)
            .WithCleanStart(false).WithSessionExpiryInterval(600).Build();
        await using (var subscriber = await MqttTestClient.ConnectAsync(Options()))
        {
            await subscriber.Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
            await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", new string('x', 5000), "-q", "1");
            await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", "small", "-q", "1");
            Assert.Equal(["small"], (await subscriber.WaitForAsync(1)).Select(m => m.ConvertPayloadToString()));
        }
        // Committed past it: the session does not offer it again.
        await using var again = await MqttTestClient.ConnectAsync(Options());
        await Mosquitto.PublishOkAsync(MqttPort, "-t", topic, "-m", "marker", "-q", "1");
        Assert.Equal(["marker"], (await again.WaitForAsync(1)).Select(m => m.ConvertPayloadToString()));
    }
}

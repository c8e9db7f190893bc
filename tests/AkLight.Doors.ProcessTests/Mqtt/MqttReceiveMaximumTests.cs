using System.Collections.Concurrent;

namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>
/// MQTT 5 §3.1.2.11.3 and §4.9: the door never has more unacknowledged QoS 1 and 2 PUBLISHes out to a client than the
/// Receive Maximum it gave in CONNECT, and delivers the rest as the client acknowledges.
/// </summary>
public sealed class MqttReceiveMaximumTests(SharedSilo shared) : SharedSiloTest(shared)
{
    private const ushort ReceiveMaximum = 2;

    [Fact]
    public async Task No_more_than_the_receive_maximum_is_unacknowledged_and_everything_arrives_as_acknowledged()
    {
        var topic = Names.Unique("mqtt-receive-max") + "/t";
        const int count = 12;
        var unacknowledged = new ConcurrentQueue<MqttApplicationMessageReceivedEventArgs>();
        var received = new ConcurrentQueue<string>();
        var mostOutstanding = 0;
        var (subscriber, _) = await MqttTestClient.TryConnectAsync(
            MqttTestClient.Options(MqttPort, Names.Unique("slow")).WithReceiveMaximum(ReceiveMaximum).Build());
        await using var _subscriber = subscriber;
        subscriber.Client.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false; // acknowledged by the test, one at a time
            unacknowledged.Enqueue(e);
            received.Enqueue(e.ApplicationMessage.ConvertPayloadToString());
            InterlockedMax(ref mostOutstanding, unacknowledged.Count);
            return Task.CompletedTask;
        };
        await subscriber.Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.ExactlyOnce);

        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(MqttPort, Names.Unique("fast")).Build());
        for (var i = 0; i < count; i++) await publisher.Client.PublishStringAsync(topic, $"m{i}", i % 2 == 0 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.ExactlyOnce);

        // Everything is stored (each publish was acknowledged) and the window is full; a ping round trip through the
        // same connection gives anything the door sent beyond the window time to show up, before the first acknowledgement.
        await Wait.UntilAsync(() => unacknowledged.Count == ReceiveMaximum, TimeSpan.FromSeconds(20), $"{ReceiveMaximum} unacknowledged messages");
        await subscriber.Client.PingAsync();
        Assert.Equal(ReceiveMaximum, received.Count);

        while (received.Count < count || !unacknowledged.IsEmpty)
        {
            var before = received.Count;
            Assert.True(unacknowledged.TryDequeue(out var oldest), $"nothing to acknowledge after {before} of {count} messages");
            await oldest.AcknowledgeAsync(CancellationToken.None);
            if (before < count)
                await Wait.UntilAsync(() => received.Count > before || (unacknowledged.IsEmpty && received.Count == count), TimeSpan.FromSeconds(20),
                    $"the next message once one was acknowledged (got {received.Count} of {count})");
        }

        Assert.True(mostOutstanding <= ReceiveMaximum, $"{mostOutstanding} messages were out unacknowledged at once; the Receive Maximum is {ReceiveMaximum}");
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"m{i}"), received);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}

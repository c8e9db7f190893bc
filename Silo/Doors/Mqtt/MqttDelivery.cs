using System.Collections;
using System.Collections.Concurrent;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// The door's hand-over to MQTTnet for one receiving client, and how deliveries are matched to acknowledgements:
/// each delivered message carries a user-property list of its own, which MQTTnet keeps in the packet it sends
/// and reports back with the client's PUBACK or PUBCOMP.
/// </summary>
internal static class MqttDelivery
{
    /// <summary>The client a message is being delivered to, in the flow that hands it to MQTTnet.</summary>
    public static readonly AsyncLocal<MqttClientState?> Receiver = new();

    /// <summary>The session items of messages the door delivers, so its publish interceptor lets them through.</summary>
    public static readonly IDictionary Marker = new ConcurrentDictionary<object, object>();

    /// <summary>MQTTnet is about to queue a message for a client: only the receiver the door delivers to takes it.</summary>
    public static Task OnEnqueue(InterceptingClientApplicationMessageEnqueueEventArgs args)
    {
        if (Receiver.Value is not { } receiver) return Task.CompletedTask;
        args.AcceptEnqueue = args.ReceiverClientId == receiver.ClientId;
        if (args.AcceptEnqueue) receiver.Enqueued = true;
        return Task.CompletedTask;
    }

    /// <summary>
    /// A PUBLISH leaves for a client: it gets its retain flag back when a subscription asked for Retain As Published
    /// (MQTTnet sent it with 0, see <see cref="MqttRetainAsPublished"/>); one sent at QoS 0 is done now (no
    /// acknowledgement will come).
    /// </summary>
    public static void OnSending(MqttClientState client, MqttPublishPacket packet)
    {
        if (packet.UserProperties is not { } mark || !client.InFlight.TryGet(mark, out var delivery)) return;
        if (delivery.PublishedRetained && MqttRetainAsPublished.Applies(client.Subscriptions.Values, packet.Topic)) packet.Retain = true;
        if (packet.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce) Done(client, mark);
    }

    /// <summary>The client acknowledged (PUBACK, or PUBCOMP for QoS 2).</summary>
    public static void OnAcknowledged(MqttClientState client, ClientAcknowledgedPublishPacketEventArgs args)
    {
        if (args.IsCompleted && args.PublishPacket.UserProperties is { } mark) Done(client, mark);
    }

    public static void Done(MqttClientState client, List<MqttUserProperty> mark)
    {
        if (client.InFlight.TryRemove(mark, out var delivered)) delivered.Ledger.Acknowledged(delivered.Message.TopicPartition, delivered.Message.Offset);
    }
}

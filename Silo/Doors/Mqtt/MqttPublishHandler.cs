using AkLight.Grains.Security;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// PUBLISH (and wills): an append to the AKLight topic of that name through the broker service. MQTTnet sends
/// PUBACK / PUBREC only after this returns, so only once the append is durable. Nothing is routed inside MQTTnet:
/// subscribers get messages from the log. A refusal gets MQTT 5's reason code; MQTT 3.1.1 has no way to say it,
/// so the connection is closed (its §3.3.5), as it is when the store fails, so the client sends again.
/// </summary>
internal sealed class MqttPublishHandler(MqttDoorContext door)
{
    /// <summary>Notes each incoming PUBLISH's packet id (QoS 2 resends) and PUBREL.</summary>
    public Task OnInboundPacketAsync(InterceptingPacketEventArgs args)
    {
        if (door.Clients.Find(args.ClientId) is not { } client) return Task.CompletedTask;
        switch (args.Packet)
        {
            case MqttPublishPacket { QualityOfServiceLevel: MqttQualityOfServiceLevel.ExactlyOnce } publish:
                client.Receipts.Arrived(publish.PacketIdentifier);
                break;
            case MqttPublishPacket:
                client.Receipts.ArrivedOther();
                break;
            case MqttPubRelPacket release:
                client.Receipts.Released(release.PacketIdentifier);
                break;
        }
        return Task.CompletedTask;
    }

    public async Task OnPublishAsync(InterceptingPublishEventArgs args)
    {
        if (ReferenceEquals(args.SessionItems, MqttDelivery.Marker)) return; // the door's own delivery to a subscriber
        args.ProcessPublish = false;
        var client = door.Clients.Find(args.ClientId);
        var exactlyOnce = client?.Receipts.Take();
        if (exactlyOnce is { Resend: true }) return; // QoS 2 resend before PUBREL: stored already
        var message = args.ApplicationMessage;
        try
        {
            await PublishAsync(client?.Principal ?? door.Policy.Authenticate(null, null), message, args.ClientId);
            if (exactlyOnce is { } received) client!.Receipts.Stored(received.Id);
        }
        catch (Exception error) when (Refusal(error) is { } code)
        {
            if (client?.Version == MqttProtocolVersion.V500) args.Response.ReasonCode = code;
            else args.CloseConnection = true;
            args.Response.ReasonString = error.Message;
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT publish of client {Client} to '{Topic}' was not stored; closing its connection so it sends again", args.ClientId, message.Topic);
            args.CloseConnection = true;
        }
    }

    /// <summary>Appends <paramref name="message"/> of <paramref name="clientId"/> (a PUBLISH or a will); a retained one also sets its topic's retained message.</summary>
    public async Task PublishAsync(Principal principal, MqttApplicationMessage message, string clientId)
    {
        var record = MqttMessageMapping.ToRecord(message, clientId, door.Options.KeyRules);
        var outcome = (await door.Publisher.PublishAsync(principal, message.Topic, [record]))[0];
        if (outcome.Error is { } failed) throw failed;
        if (message.Retain)
        {
            await door.Retained.SetAsync(message.Topic, record);
            await door.Server.UpdateRetainedMessageAsync(message); // here at once; other silos read it from the log
        }
    }

    /// <summary>The PUBACK reason code of a publish the broker refused, or null when it failed for another reason.</summary>
    private static MqttPubAckReasonCode? Refusal(Exception error) => error switch
    {
        AccessDeniedException or AuthenticationRequiredException => MqttPubAckReasonCode.NotAuthorized,
        LimitExceededException => MqttPubAckReasonCode.QuotaExceeded,
        ArgumentException => MqttPubAckReasonCode.TopicNameInvalid,
        _ => null,
    };
}

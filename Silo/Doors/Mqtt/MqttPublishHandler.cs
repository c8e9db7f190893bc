using MQTTnet;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// PUBLISH (and wills): an append to the AKLight topic of that name through the broker service. A connection's
/// publishes go through its <see cref="MqttPublishPipeline"/>, and its PUBACK / PUBREC leaves only once the append
/// is durable (the door holds it at MQTTnet's outbound interceptor), in order. Nothing is routed inside MQTTnet:
/// subscribers get messages from the log. A refusal gets MQTT 5's reason code; MQTT 3.1.1 has no way to say it,
/// so the connection is closed (its §3.3.5), as it is when the store fails, so the client sends again.
/// </summary>
internal sealed class MqttPublishHandler(MqttDoorContext door)
{
    /// <summary>Notes each incoming PUBLISH's packet id (acknowledgements, QoS 2 resends) and PUBREL.</summary>
    public Task OnInboundPacketAsync(InterceptingPacketEventArgs args)
    {
        if (door.Clients.Find(args.ClientId) is not { } client) return Task.CompletedTask;
        switch (args.Packet)
        {
            case MqttPublishPacket { QualityOfServiceLevel: MqttQualityOfServiceLevel.ExactlyOnce } publish:
                client.ArrivingPacketId = publish.PacketIdentifier;
                client.Receipts.Arrived(publish.PacketIdentifier);
                break;
            case MqttPublishPacket publish:
                client.ArrivingPacketId = publish.PacketIdentifier;
                client.Receipts.ArrivedOther();
                break;
            case MqttPubRelPacket release:
                client.Receipts.Released(release.PacketIdentifier);
                break;
        }
        return Task.CompletedTask;
    }

    public Task OnPublishAsync(InterceptingPublishEventArgs args)
    {
        if (ReferenceEquals(args.SessionItems, MqttDelivery.Marker)) return Task.CompletedTask; // the door's own delivery to a subscriber
        args.ProcessPublish = false;
        if (door.Clients.Find(args.ClientId) is not { } client) return PublishUnknownAsync(args);
        var exactlyOnce = client.Receipts.Take();
        if (exactlyOnce is { Resend: true }) return Task.CompletedTask; // QoS 2 resend before PUBREL: stored already (or being stored)
        var message = args.ApplicationMessage;
        ProduceRecord record;
        try
        {
            Publisher.AuthorizeProduce(client.Principal, message.Topic);
            record = MqttMessageMapping.ToRecord(message, args.ClientId, door.Options.KeyRules);
        }
        catch (Exception error) when (Refusal(error) is { } code)
        {
            if (client.Version == MqttProtocolVersion.V500) args.Response.ReasonCode = code;
            else args.CloseConnection = true;
            args.Response.ReasonString = error.Message;
            return Task.CompletedTask;
        }
        var durable = client.Pipeline(this).Enqueue(client.Principal, message, record);
        if (exactlyOnce is { } received) client.Receipts.Stored(received.Id); // forgotten again if the append fails
        if (message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce) _ = CloseIfFailedAsync(client, message, durable);
        else client.PendingAcks[client.ArrivingPacketId] = new PendingAck(durable, exactlyOnce?.Id);
        return Task.CompletedTask;
    }

    /// <summary>A PUBACK or PUBREC is leaving: it waits for its publish to be durable, and says how that went.</summary>
    public async Task OnAcknowledgementLeavingAsync(InterceptingPacketEventArgs args)
    {
        if (door.Clients.Find(args.ClientId) is not { } client) return;
        var id = args.Packet is MqttPubAckPacket ack ? ack.PacketIdentifier : ((MqttPubRecPacket)args.Packet).PacketIdentifier;
        if (!client.PendingAcks.TryRemove(id, out var pending)) return;
        if (await pending.Durable is not { } error) return;
        if (pending.ExactlyOnceId is { } notStored) client.Receipts.Released(notStored); // a resend must be stored
        if (Refusal(error) is { } code && client.Version == MqttProtocolVersion.V500)
        {
            if (args.Packet is MqttPubAckPacket puback) (puback.ReasonCode, puback.ReasonString) = (code, error.Message);
            else if (args.Packet is MqttPubRecPacket pubrec) (pubrec.ReasonCode, pubrec.ReasonString) = ((MqttPubRecReasonCode)(int)code, error.Message);
            return;
        }
        args.ProcessPacket = false;
        Close(client, error, "a publish");
    }

    /// <summary>Appends <paramref name="message"/> of <paramref name="clientId"/> (a PUBLISH or a will); a retained one also sets its topic's retained message.</summary>
    public async Task PublishAsync(Principal principal, MqttApplicationMessage message, string clientId)
    {
        var record = MqttMessageMapping.ToRecord(message, clientId, door.Options.KeyRules);
        var outcome = (await door.Publisher.PublishAsync(principal, message.Topic, [record]))[0];
        if (outcome.Error is { } failed) throw failed;
        if (message.Retain) await RetainAsync(message, record);
    }

    public Task<ProduceOutcome[]> AppendAsync(Principal principal, string topic, IReadOnlyList<ProduceRecord> records) =>
        door.Publisher.PublishAsync(principal, topic, records);

    public async Task RetainAsync(MqttApplicationMessage message, ProduceRecord record)
    {
        await door.Retained.SetAsync(message.Topic, record);
        await door.Server.UpdateRetainedMessageAsync(message); // here at once; other silos read it from the log
    }

    private async Task CloseIfFailedAsync(MqttClientState client, MqttApplicationMessage message, Task<Exception?> durable)
    {
        if (await durable is { } error) Close(client, error, $"a QoS 0 publish to '{message.Topic}'");
    }

    private void Close(MqttClientState client, Exception error, string what)
    {
        if (Refusal(error) is null) door.Log.LogWarning(error, "MQTT client {Client}: {What} was not stored; closing its connection so it sends again", client.ClientId, what);
        _ = door.Server.DisconnectClientAsync(client.ClientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.UnspecifiedError });
    }

    /// <summary>A publish of a client the door does not know (it cannot happen after CONNECT): stored before it is acknowledged.</summary>
    private async Task PublishUnknownAsync(InterceptingPublishEventArgs args)
    {
        try
        {
            await PublishAsync(await door.Policy.AuthenticateAsync(null, null, address: null), args.ApplicationMessage, args.ClientId);
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT publish of unknown client {Client} was not stored; closing its connection", args.ClientId);
            args.CloseConnection = true;
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

/// <summary>A PUBLISH whose acknowledgement waits for its append, with its QoS 2 packet id (forgotten if it fails).</summary>
internal sealed record PendingAck(Task<Exception?> Durable, ushort? ExactlyOnceId);

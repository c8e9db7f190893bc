namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// SUBSCRIBE and UNSUBSCRIBE: each filter, checked against the principal's consume rules, becomes a filter of the
/// client's AKLight session, starting at the live end, or where the <c>aklight-from</c> user property says
/// (<c>earliest</c>, <c>latest</c> or an ISO-8601 time). MQTTnet keeps the subscription itself (QoS, no-local,
/// retain handling, identifiers) and applies it to every delivery.
/// </summary>
internal sealed class MqttSubscriptionHandler(MqttDoorContext door)
{
    /// <summary>The MQTT 5 user property of SUBSCRIBE that asks for a replay.</summary>
    public const string FromProperty = "aklight-from";

    public async Task OnSubscribingAsync(InterceptingSubscriptionEventArgs args)
    {
        var filter = args.TopicFilter.Topic;
        if (door.Clients.Find(args.ClientId) is not { } client)
        {
            Refuse(args, MqttSubscribeReasonCode.UnspecifiedError, "the client is not connected");
            return;
        }
        try
        {
            if (MqttSharedSubscriptions.TryParse(filter, out var group, out var inner))
            {
                if (args.TopicFilter.NoLocal)
                    throw new ArgumentException("no-local is not allowed on a shared subscription");
                await door.Shared.SubscribeAsync(client, group, inner, args.TopicFilter.QualityOfServiceLevel);
                return; // MQTTnet keeps it too (for SUBACK and the session), but never matches a topic with it
            }
            var parsed = TopicFilter.Parse(filter);
            AccessPolicy.Authorize(client.Principal, BrokerOperation.Consume, parsed);
            var start = args.UserProperties?.FirstOrDefault(p => p.Name == FromProperty) is { } from ? StartPosition.Parse(from.ReadValueAsString()) : StartPosition.Latest;
            Interlocked.Increment(ref client.SubscribesInProgress);
            try
            {
                await door.Subscribers.AddAsync(client, filter, start);
            }
            catch
            {
                Interlocked.Decrement(ref client.SubscribesInProgress);
                throw;
            }
        }
        catch (Exception error)
        {
            var code = error switch
            {
                AccessDeniedException => MqttSubscribeReasonCode.NotAuthorized,
                LimitExceededException => MqttSubscribeReasonCode.QuotaExceeded,
                ArgumentException when TopicFilter.Validate(filter) is not null => MqttSubscribeReasonCode.TopicFilterInvalid,
                ArgumentException => MqttSubscribeReasonCode.ImplementationSpecificError,
                _ => MqttSubscribeReasonCode.UnspecifiedError,
            };
            if (code == MqttSubscribeReasonCode.UnspecifiedError) door.Log.LogWarning(error, "MQTT subscribe of client {Client} to '{Filter}' failed", client.ClientId, filter);
            Refuse(args, code, error.Message);
        }
    }

    /// <summary>MQTTnet made the subscription: delivery may go on.</summary>
    public async Task OnSubscribedAsync(ClientSubscribedTopicEventArgs args)
    {
        if (door.Clients.Find(args.ClientId) is not { } client) return;
        if (!MqttSharedSubscriptions.TryParse(args.TopicFilter.Topic, out _, out _))
        {
            if (Interlocked.Decrement(ref client.SubscribesInProgress) < 0) Interlocked.Exchange(ref client.SubscribesInProgress, 0);
            door.EnsurePump(client);
        }
        var record = MqttSessionResume.ToRecord(args.TopicFilter);
        // Taken up from the record: it is there already, with the client's own retain handling.
        if (client.Subscriptions.TryGetValue(record.Filter, out var known) && known.Qos == record.Qos && known.NoLocal == record.NoLocal
            && known.RetainAsPublished == record.RetainAsPublished) return;
        client.Subscriptions[record.Filter] = record;
        await SaveAsync(client);
    }

    public async Task OnUnsubscribedAsync(ClientUnsubscribedTopicEventArgs args)
    {
        if (door.Clients.Find(args.ClientId) is not { } client) return;
        try
        {
            if (MqttSharedSubscriptions.TryParse(args.TopicFilter, out var group, out var inner)) await door.Shared.UnsubscribeAsync(client, group, inner);
            else await door.Subscribers.RemoveAsync(client, args.TopicFilter);
            if (client.Subscriptions.TryRemove(args.TopicFilter, out _)) await SaveAsync(client);
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT unsubscribe of client {Client} from '{Filter}' failed", client.ClientId, args.TopicFilter);
        }
    }

    /// <summary>Keeps a persistent client's subscriptions with its session, so any silo can take them up.</summary>
    private async Task SaveAsync(MqttClientState client)
    {
        if (!client.Persistent || client.Connection == 0) return;
        try
        {
            await door.SessionOf(client.ClientId).SaveSubscriptionsAsync(client.Connection, [.. client.Subscriptions.Values]);
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT client {Client}: its subscriptions were not recorded; another silo would take up the previous ones", client.ClientId);
        }
    }

    private static void Refuse(InterceptingSubscriptionEventArgs args, MqttSubscribeReasonCode code, string reason)
    {
        args.ProcessSubscription = false;
        args.Response.ReasonCode = code;
        args.ReasonString = reason;
    }
}

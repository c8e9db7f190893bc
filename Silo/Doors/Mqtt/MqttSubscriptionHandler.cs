using AkLight.Grains.Security;
using Microsoft.Extensions.Logging;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

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
    public Task OnSubscribedAsync(ClientSubscribedTopicEventArgs args)
    {
        if (door.Clients.Find(args.ClientId) is not { } client) return Task.CompletedTask;
        if (MqttSharedSubscriptions.TryParse(args.TopicFilter.Topic, out _, out _)) return Task.CompletedTask;
        if (Interlocked.Decrement(ref client.SubscribesInProgress) < 0) Interlocked.Exchange(ref client.SubscribesInProgress, 0);
        door.EnsurePump(client);
        return Task.CompletedTask;
    }

    public async Task OnUnsubscribedAsync(ClientUnsubscribedTopicEventArgs args)
    {
        if (door.Clients.Find(args.ClientId) is not { } client) return;
        try
        {
            if (MqttSharedSubscriptions.TryParse(args.TopicFilter, out var group, out var inner)) await door.Shared.UnsubscribeAsync(client, group, inner);
            else await door.Subscribers.RemoveAsync(client, args.TopicFilter);
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT unsubscribe of client {Client} from '{Filter}' failed", client.ClientId, args.TopicFilter);
        }
    }

    private static void Refuse(InterceptingSubscriptionEventArgs args, MqttSubscribeReasonCode code, string reason)
    {
        args.ProcessSubscription = false;
        args.Response.ReasonCode = code;
        args.ReasonString = reason;
    }
}

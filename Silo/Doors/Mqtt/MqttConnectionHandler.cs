using System.Runtime.CompilerServices;
using AkLight.Silo.Broker;
using Microsoft.Extensions.Logging;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// CONNECT and the end of a connection: the user name and password prove a principal (issue-wide access policy),
/// a clean start ends the client's AKLight session, and a client whose persistent session this silo does not
/// hold (it was served elsewhere, or before a restart) takes that session up from its commits.
/// </summary>
internal sealed class MqttConnectionHandler(MqttDoorContext door)
{
    public Task OnValidatingAsync(ValidatingConnectionEventArgs args)
    {
        var clientId = args.ClientId;
        if (string.IsNullOrEmpty(clientId) && args.ProtocolVersion == MqttProtocolVersion.V500)
            clientId = args.AssignedClientIdentifier = $"aklight-{Guid.NewGuid():N}";
        else if (string.IsNullOrEmpty(clientId) && args.CleanSession == true)
        {
            // MQTT 3.1.1 §3.1.3.1: a zero-length id with clean session gets one from the server. MQTTnet only
            // assigns ids in MQTT 5, so the door sets it in the CONNECT packet itself.
            clientId = ConnectPacketOf(args).ClientId = $"aklight-{Guid.NewGuid():N}";
        }
        if (string.IsNullOrEmpty(clientId)) return Task.CompletedTask; // MQTTnet refuses it: identifier rejected
        if (clientId.StartsWith(GroupMemberSession.Prefix, StringComparison.Ordinal))
        {
            args.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            return Task.CompletedTask;
        }
        try
        {
            var principal = door.Policy.Authenticate(args.UserName, args.RawPassword is null ? null : args.Password);
            // The will is published for the client later, when nobody can be told it was refused: like Mosquitto,
            // a will the principal may not publish refuses the connection.
            var connect = ConnectPacketOf(args);
            if (connect.WillFlag && TopicName.TryParse(connect.WillTopic, out _, out _)) Publisher.AuthorizeProduce(principal, connect.WillTopic);
            var client = door.Clients.GetOrAdd(clientId);
            client.Principal = principal;
            client.Version = args.ProtocolVersion;
            client.CleanStart = args.CleanSession ?? true;
            client.Persistent = args.ProtocolVersion == MqttProtocolVersion.V500 ? args.SessionExpiryInterval > 0 : args.CleanSession == false;
        }
        catch (AuthenticationRequiredException refused)
        {
            args.ReasonCode = string.IsNullOrEmpty(args.UserName)
                ? MqttConnectReasonCode.NotAuthorized
                : MqttConnectReasonCode.BadUserNameOrPassword;
            args.ReasonString = refused.Message;
        }
        catch (AccessDeniedException denied)
        {
            args.ReasonCode = MqttConnectReasonCode.NotAuthorized;
            args.ReasonString = $"the will: {denied.Message}";
        }
        return Task.CompletedTask;
    }

    public async Task OnConnectedAsync(ClientConnectedEventArgs args)
    {
        var client = door.Clients.GetOrAdd(args.ClientId);
        if (client.Pump is { } previous) await previous.StopAsync(); // taken over: the new connection delivers
        client.Connected = true;
        try
        {
            if (client.CleanStart)
            {
                await door.Subscribers.DropAsync(client);
                client.Shared.Clear();
            }
            else if (client.Filters.Count == 0) await ResumeAsync(client);
            await door.Shared.RejoinAsync(client);
        }
        catch (Exception error)
        {
            // Taken up again from its commits at the next connection: MQTTnet may hold none of its subscriptions.
            client.Filters.Clear();
            door.Log.LogWarning(error, "MQTT client {Client}: its session could not be taken up; it may connect again", client.ClientId);
            await door.Server.DisconnectClientAsync(client.ClientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.ServerBusy });
            return;
        }
        door.EnsurePump(client);
    }

    public async Task OnDisconnectedAsync(ClientDisconnectedEventArgs args)
    {
        if (args.DisconnectType == MqttClientDisconnectType.Takeover) return; // the new connection carries on
        if (door.Clients.Find(args.ClientId) is not { } client) return;
        client.Connected = false;
        if (client.Pump is { } pump) await pump.StopAsync();
        try
        {
            await door.Shared.LeaveAllAsync(client);
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT client {Client}: leaving its shared subscription groups failed; they drop it after the member timeout", client.ClientId);
        }
        if (client.Persistent) return;
        door.Clients.Remove(client);
        try
        {
            await door.Subscribers.DropAsync(client);
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT client {Client}: its session could not be closed; it is dropped when idle", client.ClientId);
        }
    }

    /// <summary>MQTTnet forgot a session (expired, or replaced by a clean start): so does the door, unless connected.</summary>
    public Task OnSessionDeletedAsync(SessionDeletedEventArgs args)
    {
        if (door.Clients.Find(args.Id) is { Connected: false } client) door.Clients.Remove(client);
        return Task.CompletedTask;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_connectPacket")]
    private static extern ref MqttConnectPacket ConnectPacketOf(ValidatingConnectionEventArgs args);

    private async Task ResumeAsync(MqttClientState client)
    {
        var filters = await door.Subscribers.ResumeAsync(client);
        if (filters.Count == 0) return;
        door.Log.LogInformation("MQTT client {Client}: persistent session taken up with {Filters} subscriptions", client.ClientId, filters.Count);
        // Served elsewhere before: MQTTnet here has no subscriptions for it; they come back at QoS 1.
        var subscriptions = filters.Select(f => new MqttTopicFilter { Topic = f, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }).ToList();
        await door.Server.SubscribeAsync(client.ClientId, subscriptions);
    }
}

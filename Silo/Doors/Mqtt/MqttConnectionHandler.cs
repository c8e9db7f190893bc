using System.Runtime.CompilerServices;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// CONNECT and the end of a connection: the user name and password prove a principal (issue-wide access policy),
/// the client's session grain says whether a session is present (unexpired, wherever it was served), a clean start
/// ends the client's AKLight session, and a client whose session this silo does not hold takes it up.
/// </summary>
internal sealed class MqttConnectionHandler(MqttDoorContext door)
{
    public async Task OnValidatingAsync(ValidatingConnectionEventArgs args)
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
        if (string.IsNullOrEmpty(clientId)) return; // MQTTnet refuses it: identifier rejected
        if (ClientIdProblem(clientId) is { } problem)
        {
            args.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            args.ReasonString = problem;
            return;
        }
        try
        {
            var principal = await door.Policy.AuthenticateAsync(args.UserName, args.RawPassword is null ? null : args.Password, (args.RemoteEndPoint as System.Net.IPEndPoint)?.Address);
            var connect = ConnectPacketOf(args);
            if (connect.WillFlag && TopicName.TryParse(connect.WillTopic, out _, out _)) AuthorizeWill(principal, connect.WillTopic);
            // A live connection on this silo keeps its client id even without a stored session (clean start): MQTTnet
            // would end it for the newcomer. A stored session's owner is checked by its session grain, on any silo.
            if (door.Clients.Find(clientId) is { Connected: true } live && live.Principal.Name != principal.Name && !principal.IsSuperuser)
                throw AccessDeniedException.NotOwner(principal.Name, "MQTT client id", clientId);
            var cleanStart = args.CleanSession ?? true;
            var expiry = args.ProtocolVersion == MqttProtocolVersion.V500 ? args.SessionExpiryInterval : cleanStart ? 0 : uint.MaxValue;
            CallerIdentity.Set(principal);
            var takeUp = await door.SessionOf(clientId).ConnectAsync(door.SiloName, cleanStart, expiry);
            // Expired, or last served by another silo (or before a restart): what this silo remembers is stale.
            if (!takeUp.SessionPresent || takeUp.PreviousSilo != door.SiloName) await ForgetLocalSessionAsync(clientId);
            var client = door.Clients.GetOrAdd(clientId);
            client.Principal = principal;
            client.Version = args.ProtocolVersion;
            client.CleanStart = cleanStart;
            client.Persistent = expiry > 0;
            client.MaxPacketSize = args.ProtocolVersion == MqttProtocolVersion.V500 ? args.MaximumPacketSize : 0;
            client.InFlight.Capacity = MqttInFlight.CapacityFor(args.ProtocolVersion, args.ReceiveMaximum, door.Options.MaxInFlight);
            door.KeepAlive.Impose(args.ProtocolVersion, connect);
            client.Arrival = new MqttArrival(takeUp, MqttWill.Take(connect, principal), expiry);
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
            args.ReasonString = denied.Message;
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT client {Client}: its session could not be looked up; refusing the connection for now", clientId);
            args.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
        }
    }

    /// <summary>Why a client may not use <paramref name="clientId"/>, or null: ids of group members are the broker's, and control characters would reach logs and terminals.</summary>
    private static string? ClientIdProblem(string clientId) =>
        clientId.StartsWith(GroupMemberSession.Prefix, StringComparison.Ordinal)
            ? $"client ids starting with '{GroupMemberSession.Prefix}' are reserved for consumer-group members"
            : Identifier.Validate(clientId, "client id");

    /// <summary>
    /// The will is published for the client later, when nobody can be told it was refused: like Mosquitto, a will the
    /// principal may not publish refuses the connection.
    /// </summary>
    private static void AuthorizeWill(Principal principal, string willTopic)
    {
        try
        {
            Publisher.AuthorizeProduce(principal, willTopic);
        }
        catch (AccessDeniedException denied)
        {
            throw new AccessDeniedException($"the will: {denied.Message}");
        }
    }

    /// <summary>
    /// MQTT 5 §3.14.2.2.2: a DISCONNECT with a session expiry of 0 ends the session with the connection, as a clean
    /// session does. A DISCONNECT may not give a session expiry above 0 when CONNECT's was 0. It is not a valid
    /// DISCONNECT (so the will is published): the door answers 0x82 protocol error and closes the connection.
    /// </summary>
    public async Task OnInboundPacketAsync(InterceptingPacketEventArgs args)
    {
        if (args.Packet is MqttDisconnectPacket ending && MqttDisconnectExpiry.EndsSession(ending) && door.Clients.Find(args.ClientId) is { Persistent: true } client)
        {
            // Ended in the session grain before MQTTnet closes the connection, so a client that connects again at once
            // finds no session; the end of the connection then drops its AKLight session, as for a clean session.
            client.Persistent = false;
            await RecordDisconnectAsync(client);
            return;
        }
        if (args.Packet is not MqttDisconnectPacket { SessionExpiryInterval: > 0 }) return;
        if (door.Clients.Find(args.ClientId) is not { Persistent: false, Version: MqttProtocolVersion.V500 }) return;
        args.ProcessPacket = false;
        _ = door.Server.DisconnectClientAsync(args.ClientId, new MqttServerClientDisconnectOptions
        {
            ReasonCode = MqttDisconnectReasonCode.ProtocolError,
            ReasonString = "DISCONNECT may not set a session expiry when CONNECT's was 0",
        });
    }

    /// <summary>CONNACK: session present as the session grain says (MQTTnet only knows this silo's sessions).</summary>
    public void OnConnAck(string clientId, MqttConnAckPacket connack)
    {
        if (door.Clients.Find(clientId)?.Arrival is { } arrival && connack.ReasonCode == MqttConnectReasonCode.Success)
            connack.IsSessionPresent = arrival.TakeUp.SessionPresent;
    }

    public async Task OnConnectedAsync(ClientConnectedEventArgs args)
    {
        var client = door.Clients.GetOrAdd(args.ClientId);
        var arrival = client.Arrival ?? new MqttArrival(new MqttSessionTakeUp(0, false, null, []), null, 0);
        client.Arrival = null;
        // Taken over: the new connection delivers. A clean start ends the session below, so it does not wait for the
        // old pump's fetch (a long-poll of up to FetchWait) before the client's first packets are read.
        if (client.Pump is { } previous && previous.StopAsync() is var stopping && !client.CleanStart) await stopping;
        if (client.Connected && client.Will is { } replaced) door.Wills.TakenOver(replaced, client.CleanStart);
        client.Will = arrival.Will;
        client.Connection = arrival.TakeUp.Connection;
        client.ExpirySeconds = arrival.ExpirySeconds;
        client.Connected = true;
        client.PendingAcks.Clear(); // acknowledgements of an earlier connection are never sent
        lock (client.TopicAliases) client.TopicAliases.Clear();
        door.Wills.ConnectionMade(client);
        try
        {
            if (client.CleanStart)
            {
                await door.Subscribers.DropAsync(client);
                client.Shared.Clear();
                client.Subscriptions.Clear();
            }
            else if (client.Filters.Count == 0 && client.Shared.IsEmpty) await new MqttSessionResume(door).ResumeAsync(client, arrival.TakeUp);
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
        // MQTT 5: DISCONNECT may change the session expiry (from 0 it may not: the door refused that DISCONNECT; to 0
        // it ends the session: the client is no longer persistent).
        if (args.SessionExpiryInterval > 0 && client.Persistent) client.ExpirySeconds = args.SessionExpiryInterval;
        var will = client.Will;
        client.Will = null;
        if (will is not null && (args.DisconnectType != MqttClientDisconnectType.Clean || args.ReasonCode == MqttDisconnectReasonCode.DisconnectWithWillMessage))
            door.Wills.ConnectionEnded(client, will);
        if (client.Pump is { } pump) await pump.StopAsync();
        try
        {
            await door.Shared.LeaveAllAsync(client);
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT client {Client}: leaving its shared subscription groups failed; they drop it after the member timeout", client.ClientId);
        }
        if (client.Connection > 0) await RecordDisconnectAsync(client);
        if (client.Persistent)
        {
            _ = ForgetWhenExpiredAsync(client, client.Connection);
            return;
        }
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

    private async Task RecordDisconnectAsync(MqttClientState client)
    {
        try
        {
            await door.SessionOf(client.ClientId).DisconnectAsync(client.Connection, client.Persistent ? client.ExpirySeconds : 0);
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT client {Client}: the end of its connection was not recorded; its session expires from when this is noticed", client.ClientId);
        }
    }

    /// <summary>
    /// The session grain ends an expired session (wherever the client was); this silo forgets its own copy then too,
    /// unless the client came back meanwhile. Sessions that live longer than a day are forgotten at their next connection.
    /// </summary>
    private async Task ForgetWhenExpiredAsync(MqttClientState client, long connection)
    {
        if (client.ExpirySeconds > TimeSpan.FromDays(1).TotalSeconds) return;
        await Task.Delay(TimeSpan.FromSeconds(client.ExpirySeconds));
        if (client.Connected || client.Connection != connection || door.Clients.Find(client.ClientId) != client) return;
        await ForgetLocalSessionAsync(client.ClientId);
    }

    /// <summary>Drops this silo's memory of a client's session (MQTTnet's included) unless it is connected here.</summary>
    private async Task ForgetLocalSessionAsync(string clientId)
    {
        if (door.Clients.Find(clientId) is { Connected: true }) return;
        try
        {
            var session = await door.Server.GetSessionAsync(clientId);
            await session.DeleteAsync();
        }
        catch (InvalidOperationException)
        {
            // MQTTnet holds no session for it
        }
        if (door.Clients.Find(clientId) is { } stale) door.Clients.Remove(stale);
    }
}

namespace AkLight.Grains.Sessions;

/// <summary>
/// An MQTT client's session beyond its connection. A reminder checks it while it may expire: a connection whose
/// silo died counts as ended from then, and a session without a connection for longer than its expiry is ended
/// with its AKLight consumer session (filters and commits), so the client's next connection finds none.
/// The client id belongs to the principal whose session it is: another principal's CONNECT is refused and changes
/// nothing, and the session is ended as its owner, never as the broker.
/// </summary>
public sealed class MqttSessionGrain(
    [PersistentState("mqtt", StorageNames.Sessions)] IPersistentState<MqttSessionState> state,
    IClusterMembershipService membership,
    IOptions<BrokerOptions> brokerOptions,
    TimeProvider time) : Grain, IMqttSessionGrain, IRemindable
{
    private const string ExpiryReminder = "mqtt-session-expiry";

    /// <summary>The AKLight consumer session of an MQTT client (the door's <c>MqttClientState.SessionId</c>).</summary>
    private string ConsumerSessionId => "mqtt:" + ClientId;

    private string ClientId => this.GetPrimaryKeyString();

    public async Task<MqttSessionTakeUp> ConnectAsync(string silo, bool cleanStart, uint expirySeconds)
    {
        var caller = CallerIdentity.Name;
        var previous = state.State;
        var expired = state.RecordExists && previous.IsExpired(time.GetUtcNow());
        // Checked before anything changes: a session that has not expired stays its owner's, live or not.
        if (state.RecordExists && !expired) CallerIdentity.CheckOwner(previous.Owner, "MQTT client id", ClientId);
        if (expired)
        {
            await EndAsync();
            previous = state.State;
        }
        var present = state.RecordExists && !cleanStart;
        if (expirySeconds == 0 && !state.RecordExists) return new MqttSessionTakeUp(0, false, null, []);
        var next = new MqttSessionState
        {
            Connection = previous.Connection + 1,
            Connected = true,
            Silo = silo,
            ExpirySeconds = expirySeconds,
            Subscriptions = present ? previous.Subscriptions : [],
            Resumed = present ? previous.Connection + 1 : previous.Resumed,
            // A superuser taking a session up leaves it its owner's; a session started afresh is the caller's.
            Owner = present ? previous.Owner ?? caller : caller,
        };
        var answer = new MqttSessionTakeUp(next.Connection, present, present ? previous.Silo : null, next.Subscriptions);
        state.State = next;
        await state.WriteStateAsync();
        await ScheduleAsync();
        return answer;
    }

    public async Task DisconnectAsync(long connection, uint expirySeconds)
    {
        if (!state.RecordExists || state.State.Connection != connection || !state.State.Connected) return; // a newer connection carries on
        if (expirySeconds == 0)
        {
            await EndAsync();
            return;
        }
        state.State.Connected = false;
        state.State.DisconnectedAt = time.GetUtcNow();
        state.State.ExpirySeconds = expirySeconds;
        await state.WriteStateAsync();
        await ScheduleAsync();
    }

    public async Task SaveSubscriptionsAsync(long connection, IReadOnlyList<MqttSubscriptionRecord> subscriptions)
    {
        if (!state.RecordExists || state.State.Connection != connection) return;
        state.State.Subscriptions = [.. subscriptions];
        await state.WriteStateAsync();
    }

    public Task<bool> ResumedSinceAsync(long connection) => Task.FromResult(state.State.Resumed > connection);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder) return;
        if (!state.RecordExists)
        {
            await UnscheduleAsync();
            return;
        }
        if (state.State.Connected && ServingSiloIsGone())
        {
            // Its silo died with the connection (no disconnect was recorded): the session expires from now.
            state.State.Connected = false;
            state.State.DisconnectedAt = time.GetUtcNow();
            await state.WriteStateAsync();
        }
        if (state.State.IsExpired(time.GetUtcNow())) await EndAsync();
    }

    private bool ServingSiloIsGone()
    {
        if (state.State.Silo is not { } silo) return true;
        var status = membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(silo));
        return status is SiloStatus.Dead or SiloStatus.None;
    }

    /// <summary>
    /// Ends the session: its AKLight consumer session is closed (commits deleted) and its record removed. Closed as
    /// the session's owner: the consumer session checks who closes it, and a call as the broker would pass any check.
    /// </summary>
    private async Task EndAsync()
    {
        // As its owner; a record from before owners were kept is ended by the broker itself.
        if (state.State.Owner is { } owner) CallerIdentity.SetOwner(owner);
        else CallerIdentity.SetBroker();
        try
        {
            await GrainFactory.GetGrain<IConsumerSessionGrain>(ConsumerSessionId).CloseAsync();
        }
        catch (UnknownSessionException)
        {
        }
        if (state.RecordExists) await state.ClearStateAsync();
        state.State = new MqttSessionState { Connection = state.State.Connection, Resumed = state.State.Resumed };
        await UnscheduleAsync();
    }

    private async Task ScheduleAsync()
    {
        if (state.State.CheckPeriod(brokerOptions.Value.MinRetentionCheck) is { } period) await this.RegisterOrUpdateReminder(ExpiryReminder, period, period);
        else await UnscheduleAsync();
    }

    private async Task UnscheduleAsync()
    {
        if (await this.GetReminder(ExpiryReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }
}

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// Publishes wills for the door (MQTT 5 §3.1.2.5, §3.1.3.2.2): at once without a will delay, else after it unless the
/// client connects to its session again first, on any silo (its session grain numbers the connections). A new
/// connection with clean start ends the session, so a will still waiting is published then.
/// </summary>
internal sealed class MqttWills(MqttDoorContext door, MqttPublishHandler publishes)
{
    /// <summary>The connection ended: its will goes out after its delay (bounded by the session's expiry).</summary>
    public void ConnectionEnded(MqttClientState client, MqttWill will)
    {
        var delay = will.DelayWithin(client.Persistent ? client.ExpirySeconds : 0);
        if (delay <= TimeSpan.Zero)
        {
            _ = PublishAsync(will);
            return;
        }
        var pending = new PendingWill(will, client.Connection);
        Interlocked.Exchange(ref client.PendingWill, pending)?.Cancel.Cancel();
        _ = PublishLaterAsync(client, pending, delay);
    }

    /// <summary>The client connected again: a will still waiting is not sent, unless clean start ended its session.</summary>
    public void ConnectionMade(MqttClientState client)
    {
        if (Interlocked.Exchange(ref client.PendingWill, null) is not { } pending) return;
        pending.Cancel.Cancel();
        if (client.CleanStart) _ = PublishAsync(pending.Will);
    }

    /// <summary>A connection was taken over: its will goes out unless the new connection resumes the session within the delay (it just did, unless clean start).</summary>
    public void TakenOver(MqttWill will, bool cleanStart)
    {
        if (will.DelaySeconds == 0 || cleanStart) _ = PublishAsync(will);
    }

    private async Task PublishLaterAsync(MqttClientState client, PendingWill pending, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, pending.Cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Interlocked.CompareExchange(ref client.PendingWill, null, pending);
        try
        {
            // Taken up on another silo meanwhile: that connection is the session's now, the will is not sent.
            if (pending.Connection > 0 && await door.SessionOf(client.ClientId).ResumedSinceAsync(pending.Connection)) return;
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT client {Client}: could not learn whether its session was taken up elsewhere; publishing its will", client.ClientId);
        }
        await PublishAsync(pending.Will);
    }

    private async Task PublishAsync(MqttWill will)
    {
        try
        {
            await publishes.PublishAsync(will.Principal, will.Message, will.ClientId);
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT client {Client}: its will to '{Topic}' was not published", will.ClientId, will.Message.Topic);
        }
    }
}

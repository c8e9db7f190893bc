namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// Delivers one client's session to it: fetches from the AKLight session, hands each message to MQTTnet for that
/// client alone (MQTTnet applies the client's subscriptions: QoS, no-local, subscription identifiers), and
/// commits what the client acknowledged. A message is handed over only once the client's in-flight window has room
/// (its Receive Maximum), so delivery waits for acknowledgements. Runs while the client is connected, idle while it
/// has no subscription.
/// </summary>
internal sealed partial class MqttDeliveryPump
{
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RoomPause = TimeSpan.FromMilliseconds(20);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public MqttDeliveryPump(MqttClientState client, MqttDoorContext door)
    {
        _running = Task.Run(() => RunAsync(client, door, _stop.Token));
    }

    /// <summary>False once the pump stopped, or ended because the client has no subscription left.</summary>
    public bool IsRunning => !_running.IsCompleted && !_stop.IsCancellationRequested;

    /// <summary>
    /// Stops; messages fetched but not handed to MQTTnet (waiting for room in the window) are read again: the session
    /// is sought back to them.
    /// </summary>
    public Task StopAsync()
    {
        _stop.Cancel();
        return _running;
    }

    private static async Task RunAsync(MqttClientState client, MqttDoorContext door, CancellationToken stop)
    {
        var options = door.Options;
        while (!stop.IsCancellationRequested)
        {
            IReadOnlyList<ConsumedMessage> messages = [];
            var handed = 0;
            var session = Volatile.Read(ref client.SessionEnds);
            try
            {
                await client.InFlight.WaitForRoomAsync(stop);
                if (client.Filters.Count == 0)
                {
                    await Task.WhenAny(Task.Delay(options.FetchWait, stop));
                    continue;
                }
                await door.Subscribers.CommitAsync(client);
                // No more than the window takes now: what is fetched is handed over without a long wait.
                var batch = Math.Min(options.FetchBatch, Math.Max(1, client.InFlight.Room));
                messages = await door.Sessions.FetchAsync(client.Principal, client.SessionId, batch, options.FetchWait);
                // A subscription being made is in the session already but not yet in MQTTnet: wait, or its first messages would find no subscriber.
                for (var i = 0; i < 250 && client.SubscribesInProgress > 0; i++) await Task.Delay(RoomPause, CancellationToken.None);
                for (; handed < messages.Count; handed++) await DeliverAsync(client, door.Server, messages[handed], stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Not into a session opened since (a clean start ended this one while the fetch was out).
                if (Volatile.Read(ref client.SessionEnds) == session) await RewindAsync(client, door, messages.Skip(handed));
            }
            catch (UnknownSessionException) when (client.Filters.Count == 0)
            {
                // unsubscribed from everything meanwhile
            }
            catch (Exception error)
            {
                LogDeliveryFailed(door.Log, error, client.ClientId);
                await Task.Delay(ErrorPause, CancellationToken.None);
            }
        }
        try
        {
            await door.Subscribers.CommitAsync(client);
        }
        catch (Exception error)
        {
            LogLastCommitFailed(door.Log, error, client.ClientId);
        }
    }

    private static async Task DeliverAsync(MqttClientState client, MqttServer server, ConsumedMessage message, CancellationToken stop)
    {
        stop.ThrowIfCancellationRequested(); // stopped while the fetch was out: the rest is read again, not sent to a newer connection
        var partition = new TopicPartition(message.Topic, message.Partition);
        var outgoing = MqttMessageMapping.ToApplicationMessage(message, DateTimeOffset.UtcNow);
        if (outgoing is null || client.TooLargeFor(outgoing))
        {
            client.Ledger.Sent(partition, message.Offset, awaitsAck: false); // expired or too large: never delivered
            return;
        }
        await client.InFlight.AddAsync(outgoing.UserProperties, new InFlightDelivery(client.Ledger,
            new TopicPartitionOffset(message.Topic, message.Partition, message.Offset), MqttMessageMapping.WasPublishedRetained(message)), stop);
        client.Ledger.Sent(partition, message.Offset, awaitsAck: true);
        client.Enqueued = false;
        MqttDelivery.Receiver.Value = client;
        try
        {
            await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(outgoing)
            {
                SenderClientId = MqttMessageMapping.PublisherOf(message),
                CustomSessionItems = MqttDelivery.Marker,
            });
        }
        finally
        {
            MqttDelivery.Receiver.Value = null;
        }
        // Not queued (no subscription of the client takes it, or no-local): nothing to wait for.
        if (!client.Enqueued) MqttDelivery.Done(client, outgoing.UserProperties);
    }

    /// <summary>
    /// Seeks the session back to the first message of each partition that was fetched but not handed over, so the
    /// next connection (or the pump after a takeover) delivers it.
    /// </summary>
    private static async Task RewindAsync(MqttClientState client, MqttDoorContext door, IEnumerable<ConsumedMessage> notHanded)
    {
        foreach (var first in notHanded.GroupBy(m => (m.Topic, m.Partition)).Select(g => g.MinBy(m => m.Offset)!))
        {
            try
            {
                await door.Sessions.SeekAsync(client.Principal, client.SessionId, new TopicPartitionOffset(first.Topic, first.Partition, first.Offset));
            }
            catch (Exception error)
            {
                // A persistent session comes back from its commits at its next take-up; a clean one ends anyway.
                LogRewindFailed(door.Log, error, client.ClientId, first.Topic, first.Partition);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT delivery to client {Client} failed; retrying")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception error, string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT client {Client}: last commit failed; unacknowledged messages come again")]
    private static partial void LogLastCommitFailed(ILogger logger, Exception error, string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT client {Client}: could not seek {Topic}/{Partition} back to the messages it was not sent")]
    private static partial void LogRewindFailed(ILogger logger, Exception error, string client, string topic, int partition);
}

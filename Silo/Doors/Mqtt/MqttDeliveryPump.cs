namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// Delivers one client's session to it: fetches from the AKLight session, hands each message to MQTTnet for that
/// client alone (MQTTnet applies the client's subscriptions: QoS, no-local, subscription identifiers), and
/// commits what the client acknowledged. Pauses while too much is in flight. Runs while the client is connected,
/// idle while it has no subscription.
/// </summary>
internal sealed class MqttDeliveryPump
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

    /// <summary>Stops after the batch in hand is delivered (nothing fetched is dropped).</summary>
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
            try
            {
                while (client.InFlight.Count >= options.MaxInFlight && !stop.IsCancellationRequested) await Task.Delay(RoomPause, CancellationToken.None);
                if (client.Filters.Count == 0)
                {
                    await Task.WhenAny(Task.Delay(options.FetchWait, stop));
                    continue;
                }
                await door.Subscribers.CommitAsync(client);
                var messages = await door.Sessions.FetchAsync(client.Principal, client.SessionId, options.FetchBatch, options.FetchWait);
                // A subscription being made is in the session already but not yet in MQTTnet: wait, or its first messages would find no subscriber.
                for (var i = 0; i < 250 && client.SubscribesInProgress > 0; i++) await Task.Delay(RoomPause, CancellationToken.None);
                foreach (var message in messages) await DeliverAsync(client, door.Server, message);
            }
            catch (UnknownSessionException) when (client.Filters.Count == 0)
            {
                // unsubscribed from everything meanwhile
            }
            catch (Exception error)
            {
                door.Log.LogWarning(error, "MQTT delivery to client {Client} failed; retrying", client.ClientId);
                await Task.Delay(ErrorPause, CancellationToken.None);
            }
        }
        try
        {
            await door.Subscribers.CommitAsync(client);
        }
        catch (Exception error)
        {
            door.Log.LogWarning(error, "MQTT client {Client}: last commit failed; unacknowledged messages come again", client.ClientId);
        }
    }

    private static async Task DeliverAsync(MqttClientState client, MqttServer server, ConsumedMessage message)
    {
        var partition = new TopicPartition(message.Topic, message.Partition);
        var outgoing = MqttMessageMapping.ToApplicationMessage(message, DateTimeOffset.UtcNow);
        if (outgoing is null || client.TooLargeFor(outgoing))
        {
            client.Ledger.Sent(partition, message.Offset, awaitsAck: false); // expired or too large: never delivered
            return;
        }
        client.InFlight[outgoing.UserProperties] = new InFlightDelivery(client.Ledger, new TopicPartitionOffset(message.Topic, message.Partition, message.Offset),
            MqttMessageMapping.WasPublishedRetained(message));
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
}

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// A client's shared subscriptions of one group (<c>$share/{group}/{filter}</c>): one member of the AKLight consumer
/// group of that name, reading the partitions the group gives it. Its pump fetches as the member (which is also its
/// heartbeat), queues each message for the client, and commits to the group what the client acknowledged.
/// </summary>
internal sealed class MqttSharedMember(string group)
{
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RoomPause = TimeSpan.FromMilliseconds(20);
    private readonly Dictionary<string, MqttQualityOfServiceLevel> _filters = new(StringComparer.Ordinal);
    private CancellationTokenSource? _stop;
    private Task _running = Task.CompletedTask;

    public string Group { get; } = group;

    public DeliveryLedger Ledger { get; } = new();

    /// <summary>Serialises joins, leaves and pump changes of this member.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The member's filters and the QoS granted to each.</summary>
    public IReadOnlyDictionary<string, MqttQualityOfServiceLevel> Filters
    {
        get { lock (_filters) return new Dictionary<string, MqttQualityOfServiceLevel>(_filters); }
    }

    public void Add(string filter, MqttQualityOfServiceLevel qos)
    {
        lock (_filters) _filters[filter] = qos;
    }

    public void Remove(string filter)
    {
        lock (_filters) _filters.Remove(filter);
    }

    /// <summary>Joins the group with the member's filters (again, when they changed or the group forgot it).</summary>
    public Task JoinAsync(MqttClientState client, GroupMembership membership) =>
        membership.JoinAsync(client.Principal, Group, client.ClientId, [.. Filters.Keys], StartFrom.Latest);

    public void Start(MqttClientState client, MqttDoorContext door)
    {
        if (!_running.IsCompleted) return;
        _stop = new CancellationTokenSource();
        var stop = _stop.Token;
        _running = Task.Run(() => RunAsync(client, door, stop));
    }

    public async Task StopAsync()
    {
        _stop?.Cancel();
        await _running;
    }

    private async Task RunAsync(MqttClientState client, MqttDoorContext door, CancellationToken stop)
    {
        var options = door.Options;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                while (client.InFlight.Count >= options.MaxInFlight && !stop.IsCancellationRequested) await Task.Delay(RoomPause, CancellationToken.None);
                await CommitAsync(client, door);
                var (_, messages) = await door.Groups.FetchAsync(client.Principal, Group, client.ClientId, options.FetchBatch, options.FetchWait);
                if (messages.Count == 0) continue;
                var session = await door.Server.GetSessionAsync(client.ClientId);
                foreach (var message in messages) Deliver(client, session, message);
            }
            catch (UnknownMemberException)
            {
                await JoinAsync(client, door.Groups); // missed heartbeats (a long pause): the group forgot the member
            }
            catch (Exception error)
            {
                door.Log.LogWarning(error, "MQTT shared delivery of group {Group} to client {Client} failed; retrying", Group, client.ClientId);
                await Task.Delay(ErrorPause, CancellationToken.None);
            }
        }
        try
        {
            await CommitAsync(client, door);
        }
        catch (Exception error)
        {
            door.Log.LogDebug(error, "MQTT client {Client}: last commit to group {Group} failed", client.ClientId, Group);
        }
    }

    private void Deliver(MqttClientState client, MQTTnet.Server.MqttSessionStatus session, ConsumedMessage message)
    {
        var partition = new TopicPartition(message.Topic, message.Partition);
        var outgoing = MqttMessageMapping.ToApplicationMessage(message, DateTimeOffset.UtcNow);
        // The QoS granted to the matching filters bounds the delivery's (MQTTnet's own matching never sees '$share').
        var granted = Filters.Where(f => TopicFilter.Parse(f.Key).Matches(message.Topic)).Select(f => f.Value).DefaultIfEmpty(MqttQualityOfServiceLevel.AtLeastOnce).Max();
        if (outgoing is null || client.TooLargeFor(outgoing))
        {
            Ledger.Sent(partition, message.Offset, awaitsAck: false);
            return;
        }
        if (granted < outgoing.QualityOfServiceLevel) outgoing.QualityOfServiceLevel = granted;
        client.InFlight[outgoing.UserProperties] = new InFlightDelivery(Ledger, new TopicPartitionOffset(message.Topic, message.Partition, message.Offset),
            MqttMessageMapping.WasPublishedRetained(message));
        Ledger.Sent(partition, message.Offset, awaitsAck: true);
        // Not queued (the queue is full): left unacknowledged, so the group delivers it again after a rebalance.
        if (!session.TryEnqueueApplicationMessage(outgoing, out _)) client.InFlight.TryRemove(outgoing.UserProperties, out _);
    }

    private async Task CommitAsync(MqttClientState client, MqttDoorContext door)
    {
        var commits = Ledger.TakeCommits();
        if (commits.Count > 0) await door.Groups.CommitAsync(client.Principal, Group, client.ClientId, commits);
    }
}

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// A client's shared subscriptions of one group (<c>$share/{group}/{filter}</c>): one member of the AKLight consumer
/// group of that name, reading the partitions the group gives it. Its pump fetches as the member (which is also its
/// heartbeat), queues each message for the client once its in-flight window has room (its Receive Maximum, shared
/// with the client's other deliveries), and commits to the group what the client acknowledged. A message fetched and
/// not queued when the member stops is not committed, so the group delivers it again (at least once).
/// </summary>
internal sealed partial class MqttSharedMember(string group)
{
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(1);
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
                await client.InFlight.WaitForRoomAsync(stop);
                await CommitAsync(client, door);
                var batch = Math.Min(options.FetchBatch, Math.Max(1, client.InFlight.Room));
                var (_, messages) = await door.Groups.FetchAsync(client.Principal, Group, client.ClientId, batch, options.FetchWait);
                if (messages.Count == 0) continue;
                var session = await door.Server.GetSessionAsync(client.ClientId);
                foreach (var message in messages) await DeliverAsync(client, session, message, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped while waiting for room: what was not queued is not committed, the group hands it on.
            }
            catch (UnknownMemberException)
            {
                await JoinAsync(client, door.Groups); // missed heartbeats (a long pause): the group forgot the member
            }
            catch (Exception error)
            {
                LogDeliveryFailed(door.Log, error, Group, client.ClientId);
                await Task.Delay(ErrorPause, CancellationToken.None);
            }
        }
        try
        {
            await CommitAsync(client, door);
        }
        catch (Exception error)
        {
            LogLastCommitFailed(door.Log, error, client.ClientId, Group);
        }
    }

    private async Task DeliverAsync(MqttClientState client, MQTTnet.Server.MqttSessionStatus session, ConsumedMessage message, CancellationToken stop)
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
        await client.InFlight.AddAsync(outgoing.UserProperties, new InFlightDelivery(Ledger,
            new TopicPartitionOffset(message.Topic, message.Partition, message.Offset), MqttMessageMapping.WasPublishedRetained(message)), stop);
        Ledger.Sent(partition, message.Offset, awaitsAck: true);
        // Not queued (the queue is full): left unacknowledged, so the group delivers it again after a rebalance.
        if (!session.TryEnqueueApplicationMessage(outgoing, out _)) client.InFlight.TryRemove(outgoing.UserProperties, out _);
    }

    private async Task CommitAsync(MqttClientState client, MqttDoorContext door)
    {
        var commits = Ledger.TakeCommits();
        if (commits.Count > 0) await door.Groups.CommitAsync(client.Principal, Group, client.ClientId, commits);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT shared delivery of group {Group} to client {Client} failed; retrying")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception error, string group, string client);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT client {Client}: last commit to group {Group} failed")]
    private static partial void LogLastCommitFailed(ILogger logger, Exception error, string client, string group);
}

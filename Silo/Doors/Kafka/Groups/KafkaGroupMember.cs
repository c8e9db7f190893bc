using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Silo.Doors.Kafka.Groups;

/// <summary>One member of a <see cref="KafkaGroup"/>: its subscription, liveness and the answers it waits for. Guarded by the group's lock.</summary>
internal sealed class KafkaGroupMember(string id, string clientId)
{
    private TaskCompletionSource<(KafkaErrorCode, byte[])>? _sync;
    private DateTimeOffset _lastSeen;

    public string Id { get; } = id;

    public string ClientId { get; } = clientId;

    public TimeSpan SessionTimeout { get; private set; }

    public TimeSpan RebalanceTimeout { get; private set; }

    public string ProtocolType { get; private set; } = "";

    public IReadOnlyList<(string Name, byte[] Metadata)> Protocols { get; private set; } = [];

    public byte[] Assignment { get; private set; } = [];

    /// <summary>The pending JoinGroup answer while the member waits for the round to complete.</summary>
    public TaskCompletionSource<JoinResult>? Joined { get; private set; }

    public bool IsJoining => Joined is not null;

    public void Rejoin(TimeSpan sessionTimeout, TimeSpan rebalanceTimeout, string protocolType, IReadOnlyList<(string Name, byte[] Metadata)> protocols, DateTimeOffset now)
    {
        SessionTimeout = sessionTimeout;
        RebalanceTimeout = rebalanceTimeout;
        ProtocolType = protocolType;
        Protocols = protocols;
        _lastSeen = now;
        Joined ??= new TaskCompletionSource<JoinResult>(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Seen(DateTimeOffset now) => _lastSeen = now;

    public bool IsExpired(DateTimeOffset now) => now - _lastSeen > SessionTimeout;

    public bool Supports(string protocol) => Protocols.Any(p => p.Name == protocol);

    public byte[] MetadataFor(string? protocol) => Protocols.FirstOrDefault(p => p.Name == protocol).Metadata ?? [];

    public Action CompleteJoin(JoinResult result)
    {
        var joined = Joined;
        Joined = null;
        Assignment = [];
        return () => joined?.TrySetResult(result);
    }

    public Task<(KafkaErrorCode, byte[])> WaitForAssignment()
    {
        _sync ??= new TaskCompletionSource<(KafkaErrorCode, byte[])>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _sync.Task;
    }

    public Action Assign(byte[] assignment)
    {
        Assignment = assignment;
        return CancelSync(KafkaErrorCode.None);
    }

    /// <summary>Answers a waiting SyncGroup with <paramref name="error"/> (and the assignment, when none).</summary>
    public Action CancelSync(KafkaErrorCode error)
    {
        var sync = _sync;
        _sync = null;
        var assignment = error == KafkaErrorCode.None ? Assignment : [];
        return () => sync?.TrySetResult((error, assignment));
    }
}

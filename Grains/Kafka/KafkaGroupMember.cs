namespace AkLight.Grains.Kafka;

/// <summary>One member of a <see cref="KafkaGroup"/>: its subscription, liveness and the answers it waits for.</summary>
internal sealed class KafkaGroupMember(string id, string clientId)
{
    private TaskCompletionSource<KafkaSyncResult>? _sync;
    private DateTimeOffset _lastSeen;

    public string Id { get; } = id;

    public string ClientId { get; } = clientId;

    public TimeSpan SessionTimeout { get; private set; }

    public TimeSpan RebalanceTimeout { get; private set; }

    public string ProtocolType { get; private set; } = "";

    public IReadOnlyList<KafkaGroupProtocol> Protocols { get; private set; } = [];

    public byte[] Assignment { get; private set; } = [];

    /// <summary>The pending JoinGroup answer while the member waits for the round to complete.</summary>
    public TaskCompletionSource<KafkaJoinResult>? Joined { get; private set; }

    /// <summary>The answer of the last round the member completed, for a door that asks again after its wait ran out.</summary>
    public KafkaJoinResult? LastJoin { get; private set; }

    public bool IsJoining => Joined is not null;

    public void Rejoin(KafkaJoinRequest request, DateTimeOffset now)
    {
        SessionTimeout = request.SessionTimeout;
        RebalanceTimeout = request.RebalanceTimeout;
        ProtocolType = request.ProtocolType;
        Protocols = request.Protocols;
        _lastSeen = now;
        Joined ??= new TaskCompletionSource<KafkaJoinResult>(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Seen(DateTimeOffset now) => _lastSeen = now;

    public bool IsExpired(DateTimeOffset now) => now - _lastSeen > SessionTimeout;

    public bool Supports(string protocol) => Protocols.Any(p => p.Name == protocol);

    public byte[] MetadataFor(string? protocol) => Protocols.FirstOrDefault(p => p.Name == protocol)?.Metadata ?? [];

    public void CompleteJoin(KafkaJoinResult result, DateTimeOffset now)
    {
        var joined = Joined;
        Joined = null;
        LastJoin = result;
        Assignment = [];
        // The session timeout runs from the round's end: a round longer than it must not expire its members.
        _lastSeen = now;
        joined?.TrySetResult(result);
    }

    public Task<KafkaSyncResult> WaitForAssignment()
    {
        _sync ??= new TaskCompletionSource<KafkaSyncResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _sync.Task;
    }

    public void Assign(byte[] assignment)
    {
        Assignment = assignment;
        CancelSync(KafkaGroupError.None);
    }

    /// <summary>Answers a waiting SyncGroup with <paramref name="error"/> (and the assignment, when none).</summary>
    public void CancelSync(KafkaGroupError error)
    {
        var sync = _sync;
        _sync = null;
        sync?.TrySetResult(new KafkaSyncResult(error, error == KafkaGroupError.None ? Assignment : []));
    }
}

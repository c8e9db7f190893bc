namespace AkLight.Grains.Kafka;

/// <summary>
/// One Kafka consumer group's membership, run as Kafka's classic group protocol: members join, the group waits
/// until every known member has rejoined (or its rebalance timeout passes), hands the leader everyone's
/// subscriptions, and passes the leader's assignment on at SyncGroup. Not thread-safe: its grain runs it one
/// turn at a time; answers complete asynchronously, so no waiter runs inside a change.
/// </summary>
public sealed class KafkaGroup(string name, TimeProvider time)
{
    private readonly Dictionary<string, KafkaGroupMember> _members = new(StringComparer.Ordinal);
    private GroupPhase _phase = GroupPhase.Empty;
    private DateTimeOffset _rebalanceDeadline;
    private string? _leader;
    private string? _protocol;

    public string Name { get; } = name;

    public int Generation { get; private set; }

    public bool IsEmpty => _members.Count == 0;

    /// <summary>Joins (or rejoins) a member: its id (new ones get one here) and the answer it gets once the round completes.</summary>
    public (string MemberId, Task<KafkaJoinResult> Answer) Join(KafkaJoinRequest request)
    {
        var memberId = request.MemberId ?? "";
        if (memberId.Length > 0 && !_members.ContainsKey(memberId)) return (memberId, Task.FromResult(KafkaJoinResult.Failed(KafkaGroupError.UnknownMemberId, memberId)));
        if (_members.Count > 0 && !request.Protocols.Any(p => _members.Values.All(m => m.Supports(p.Name))))
            return (memberId, Task.FromResult(KafkaJoinResult.Failed(KafkaGroupError.InconsistentGroupProtocol, memberId)));
        var id = memberId.Length == 0 ? $"{request.ClientId}-{Guid.NewGuid():N}" : memberId;
        var member = _members.TryGetValue(id, out var known) ? known : _members[id] = new KafkaGroupMember(id, request.ClientId);
        member.Rejoin(request, time.GetUtcNow());
        if (_phase != GroupPhase.Rebalancing) StartRebalance();
        var joined = member.Joined!.Task;
        TryCompleteJoin(expire: false);
        return (id, joined);
    }

    /// <summary>The round <paramref name="memberId"/> joined: still under way, or its answer once complete.</summary>
    public Task<KafkaJoinResult> AwaitJoinAsync(string memberId) =>
        !_members.TryGetValue(memberId, out var member) ? Task.FromResult(KafkaJoinResult.Failed(KafkaGroupError.UnknownMemberId, memberId))
        : member.Joined is { } joining ? joining.Task
        : Task.FromResult(member.LastJoin ?? KafkaJoinResult.Failed(KafkaGroupError.UnknownMemberId, memberId));

    public Task<KafkaSyncResult> SyncAsync(string memberId, int generation, IReadOnlyList<KafkaMemberAssignment> assignments)
    {
        if (!_members.TryGetValue(memberId, out var member)) return Task.FromResult(new KafkaSyncResult(KafkaGroupError.UnknownMemberId, []));
        if (generation != Generation) return Task.FromResult(new KafkaSyncResult(KafkaGroupError.IllegalGeneration, []));
        if (_phase == GroupPhase.Rebalancing) return Task.FromResult(new KafkaSyncResult(KafkaGroupError.RebalanceInProgress, []));
        member.Seen(time.GetUtcNow());
        var synced = _phase == GroupPhase.Stable ? Task.FromResult(new KafkaSyncResult(KafkaGroupError.None, member.Assignment)) : member.WaitForAssignment();
        if (memberId == _leader && _phase == GroupPhase.AwaitingAssignment)
        {
            var byMember = assignments.ToDictionary(a => a.MemberId, a => a.Assignment, StringComparer.Ordinal);
            foreach (var m in _members.Values) m.Assign(byMember.GetValueOrDefault(m.Id) ?? []);
            _phase = GroupPhase.Stable;
        }
        return synced;
    }

    public KafkaGroupError Heartbeat(string memberId, int generation)
    {
        if (!_members.TryGetValue(memberId, out var member)) return KafkaGroupError.UnknownMemberId;
        member.Seen(time.GetUtcNow());
        if (generation != Generation) return KafkaGroupError.IllegalGeneration;
        return _phase == GroupPhase.Rebalancing ? KafkaGroupError.RebalanceInProgress : KafkaGroupError.None;
    }

    /// <summary>NONE when <paramref name="memberId"/> of <paramref name="generation"/> may commit; a commit without membership (generation -1) always may.</summary>
    public KafkaGroupError CheckCommitter(string memberId, int generation)
    {
        if (generation < 0 && string.IsNullOrEmpty(memberId)) return KafkaGroupError.None;
        if (!_members.TryGetValue(memberId, out var member)) return KafkaGroupError.UnknownMemberId;
        member.Seen(time.GetUtcNow());
        return generation == Generation ? KafkaGroupError.None : KafkaGroupError.IllegalGeneration;
    }

    public KafkaGroupError Leave(string memberId)
    {
        if (!_members.Remove(memberId)) return KafkaGroupError.UnknownMemberId;
        Rebalance();
        return KafkaGroupError.None;
    }

    /// <summary>Drops members silent for their session timeout and finishes a rebalance whose timeout passed.</summary>
    public void Expire()
    {
        var now = time.GetUtcNow();
        var silent = _members.Values.Where(m => !m.IsJoining && m.IsExpired(now)).Select(m => m.Id).ToArray();
        foreach (var id in silent) _members.Remove(id);
        if (_phase == GroupPhase.Rebalancing && now >= _rebalanceDeadline) TryCompleteJoin(expire: true);
        else if (silent.Length > 0) Rebalance();
    }

    public KafkaGroupSnapshot Describe() =>
        new(Name, _phase.ToString(), _members.Values.FirstOrDefault()?.ProtocolType ?? "", _protocol ?? "",
            _members.Values.Select(m => new KafkaGroupMemberSnapshot(m.Id, m.ClientId, m.MetadataFor(_protocol), m.Assignment)).ToArray());

    private void Rebalance()
    {
        if (_members.Count == 0)
        {
            _phase = GroupPhase.Empty;
            _leader = null;
            Generation++;
            return;
        }
        if (_phase != GroupPhase.Rebalancing) StartRebalance();
        TryCompleteJoin(expire: false);
    }

    private void StartRebalance()
    {
        _phase = GroupPhase.Rebalancing;
        _rebalanceDeadline = time.GetUtcNow() + _members.Values.Max(m => m.RebalanceTimeout);
        // Members waiting in SyncGroup learn of the new round and rejoin.
        foreach (var member in _members.Values) member.CancelSync(KafkaGroupError.RebalanceInProgress);
    }

    private void TryCompleteJoin(bool expire)
    {
        if (!expire && _members.Values.Any(m => !m.IsJoining)) return;
        foreach (var late in _members.Values.Where(m => !m.IsJoining).Select(m => m.Id).ToArray()) _members.Remove(late);
        if (_members.Count == 0)
        {
            Rebalance();
            return;
        }
        Generation++;
        _protocol = _members.Values.First().Protocols.Select(p => p.Name).First(p => _members.Values.All(m => m.Supports(p)));
        if (_leader is null || !_members.ContainsKey(_leader)) _leader = _members.Keys.First();
        _phase = GroupPhase.AwaitingAssignment;
        var now = time.GetUtcNow();
        var everyone = _members.Values.Select(m => new KafkaJoinedMember(m.Id, m.MetadataFor(_protocol))).ToArray();
        foreach (var member in _members.Values)
            member.CompleteJoin(new KafkaJoinResult(KafkaGroupError.None, Generation, _protocol, _leader, member.Id, member.Id == _leader ? everyone : []), now);
    }

    private enum GroupPhase { Empty, Rebalancing, AwaitingAssignment, Stable }
}

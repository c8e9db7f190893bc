using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Silo.Doors.Kafka.Groups;

/// <summary>
/// One Kafka consumer group's membership, run as Kafka's classic group protocol: members join, the coordinator
/// waits until every known member has rejoined (or its rebalance timeout passes), hands the leader everyone's
/// subscriptions, and passes the leader's assignment on at SyncGroup. Thread-safe; answers complete outside the lock.
/// </summary>
public sealed class KafkaGroup(string name, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KafkaGroupMember> _members = new(StringComparer.Ordinal);
    private GroupPhase _phase = GroupPhase.Empty;
    private DateTimeOffset _rebalanceDeadline;
    private string? _leader;
    private string? _protocol;

    public string Name { get; } = name;

    public int Generation { get; private set; }

    public bool IsEmpty
    {
        get { lock (_gate) return _members.Count == 0; }
    }

    public Task<JoinResult> JoinAsync(string? memberId, string clientId, TimeSpan sessionTimeout, TimeSpan rebalanceTimeout, string protocolType, IReadOnlyList<(string Name, byte[] Metadata)> protocols)
    {
        var answers = new List<Action>();
        Task<JoinResult> joined;
        lock (_gate)
        {
            if (!string.IsNullOrEmpty(memberId) && !_members.ContainsKey(memberId)) return Task.FromResult(JoinResult.Failed(KafkaErrorCode.UnknownMemberId, memberId));
            if (_members.Count > 0 && !protocols.Any(p => _members.Values.All(m => m.Supports(p.Name)))) return Task.FromResult(JoinResult.Failed(KafkaErrorCode.InconsistentGroupProtocol, memberId ?? ""));
            var id = string.IsNullOrEmpty(memberId) ? $"{clientId}-{Guid.NewGuid():N}" : memberId;
            var member = _members.TryGetValue(id, out var known) ? known : _members[id] = new KafkaGroupMember(id, clientId);
            member.Rejoin(sessionTimeout, rebalanceTimeout, protocolType, protocols, time.GetUtcNow());
            if (_phase != GroupPhase.Rebalancing) StartRebalance(answers);
            joined = member.Joined!.Task;
            TryCompleteJoin(answers, expire: false);
        }
        foreach (var answer in answers) answer();
        return joined;
    }

    public Task<(KafkaErrorCode Error, byte[] Assignment)> SyncAsync(string memberId, int generation, IReadOnlyList<(string Member, byte[] Assignment)> assignments)
    {
        var answers = new List<Action>();
        Task<(KafkaErrorCode, byte[])> synced;
        lock (_gate)
        {
            if (!_members.TryGetValue(memberId, out var member)) return Task.FromResult((KafkaErrorCode.UnknownMemberId, Array.Empty<byte>()));
            if (generation != Generation) return Task.FromResult((KafkaErrorCode.IllegalGeneration, Array.Empty<byte>()));
            if (_phase == GroupPhase.Rebalancing) return Task.FromResult((KafkaErrorCode.RebalanceInProgress, Array.Empty<byte>()));
            member.Seen(time.GetUtcNow());
            synced = _phase == GroupPhase.Stable ? Task.FromResult((KafkaErrorCode.None, member.Assignment)) : member.WaitForAssignment();
            if (memberId == _leader && _phase == GroupPhase.AwaitingAssignment)
            {
                var byMember = assignments.ToDictionary(a => a.Member, a => a.Assignment, StringComparer.Ordinal);
                foreach (var m in _members.Values) answers.Add(m.Assign(byMember.GetValueOrDefault(m.Id) ?? []));
                _phase = GroupPhase.Stable;
            }
        }
        foreach (var answer in answers) answer();
        return synced;
    }

    public KafkaErrorCode Heartbeat(string memberId, int generation)
    {
        lock (_gate)
        {
            if (!_members.TryGetValue(memberId, out var member)) return KafkaErrorCode.UnknownMemberId;
            member.Seen(time.GetUtcNow());
            if (generation != Generation) return KafkaErrorCode.IllegalGeneration;
            return _phase == GroupPhase.Rebalancing ? KafkaErrorCode.RebalanceInProgress : KafkaErrorCode.None;
        }
    }

    /// <summary>NONE when <paramref name="memberId"/> of <paramref name="generation"/> may commit; a commit without membership (generation -1) always may.</summary>
    public KafkaErrorCode CheckCommitter(string memberId, int generation)
    {
        if (generation < 0 && string.IsNullOrEmpty(memberId)) return KafkaErrorCode.None;
        lock (_gate)
        {
            if (!_members.TryGetValue(memberId, out var member)) return KafkaErrorCode.UnknownMemberId;
            member.Seen(time.GetUtcNow());
            return generation == Generation ? KafkaErrorCode.None : KafkaErrorCode.IllegalGeneration;
        }
    }

    public KafkaErrorCode Leave(string memberId)
    {
        var answers = new List<Action>();
        lock (_gate)
        {
            if (!_members.Remove(memberId)) return KafkaErrorCode.UnknownMemberId;
            Rebalance(answers);
        }
        foreach (var answer in answers) answer();
        return KafkaErrorCode.None;
    }

    /// <summary>Drops members silent for their session timeout and finishes a rebalance whose timeout passed.</summary>
    public void Expire()
    {
        var answers = new List<Action>();
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var silent = _members.Values.Where(m => !m.IsJoining && m.IsExpired(now)).Select(m => m.Id).ToArray();
            foreach (var id in silent) _members.Remove(id);
            if (_phase == GroupPhase.Rebalancing && now >= _rebalanceDeadline) TryCompleteJoin(answers, expire: true);
            else if (silent.Length > 0) Rebalance(answers);
        }
        foreach (var answer in answers) answer();
    }

    /// <summary>A snapshot for DescribeGroups and ListGroups.</summary>
    public KafkaGroupSnapshot Describe()
    {
        lock (_gate)
            return new KafkaGroupSnapshot(Name, _phase.ToString(), _members.Values.FirstOrDefault()?.ProtocolType ?? "", _protocol ?? "",
                _members.Values.Select(m => (m.Id, m.ClientId, m.MetadataFor(_protocol), m.Assignment)).ToArray());
    }

    private void Rebalance(List<Action> answers)
    {
        if (_members.Count == 0)
        {
            _phase = GroupPhase.Empty;
            _leader = null;
            Generation++;
            return;
        }
        if (_phase != GroupPhase.Rebalancing) StartRebalance(answers);
        TryCompleteJoin(answers, expire: false);
    }

    private void StartRebalance(List<Action> answers)
    {
        _phase = GroupPhase.Rebalancing;
        _rebalanceDeadline = time.GetUtcNow() + _members.Values.Max(m => m.RebalanceTimeout);
        // Members waiting in SyncGroup learn of the new round and rejoin.
        foreach (var member in _members.Values) answers.Add(member.CancelSync(KafkaErrorCode.RebalanceInProgress));
    }

    private void TryCompleteJoin(List<Action> answers, bool expire)
    {
        if (!expire && _members.Values.Any(m => !m.IsJoining)) return;
        foreach (var late in _members.Values.Where(m => !m.IsJoining).Select(m => m.Id).ToArray()) _members.Remove(late);
        if (_members.Count == 0)
        {
            Rebalance(answers);
            return;
        }
        Generation++;
        _protocol = _members.Values.First().Protocols.Select(p => p.Name).First(p => _members.Values.All(m => m.Supports(p)));
        if (_leader is null || !_members.ContainsKey(_leader)) _leader = _members.Keys.First();
        _phase = GroupPhase.AwaitingAssignment;
        var everyone = _members.Values.Select(m => (m.Id, m.MetadataFor(_protocol))).ToArray();
        foreach (var member in _members.Values)
            answers.Add(member.CompleteJoin(new JoinResult(KafkaErrorCode.None, Generation, _protocol, _leader, member.Id, member.Id == _leader ? everyone : [])));
    }

    private enum GroupPhase { Empty, Rebalancing, AwaitingAssignment, Stable }
}

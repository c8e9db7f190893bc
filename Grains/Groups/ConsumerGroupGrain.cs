using AkLight.Grains.Commits;
using AkLight.Grains.Topics;
using Microsoft.Extensions.Logging;

namespace AkLight.Grains.Groups;

/// <summary>
/// A consumer group's coordinator: membership by heartbeat, a sticky balanced assignment, and the
/// group's committed offsets (a row per partition in the <see cref="IOffsetCommitStore"/>, each save only the partitions
/// that moved). A partition moving from a live member is first revoked: the member commits and releases it, so the
/// next owner starts exactly after the last commit.
/// A partition is first granted where a new member of the group starts: at the live end (or the log start) of a
/// topic that existed when a member joined, at its log start for a topic created later, so every message sent after
/// a member's join (an MQTT shared subscription's SUBACK) reaches the group. Messages never pass through here.
/// </summary>
public sealed partial class ConsumerGroupGrain(
    [PersistentState("group", StorageNames.Sessions)] IPersistentState<GroupState> state,
    IOptions<GroupOptions> groupOptions,
    IOptions<BrokerOptions> brokerOptions,
    IOptions<LimitOptions> limitOptions,
    IOffsetCommitStore commitStore,
    TimeProvider time,
    ILogger<ConsumerGroupGrain> logger) : Grain, IConsumerGroupGrain
{
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<TopicPartition, string> _owners = [];
    private readonly HashSet<TopicPartition> _revoking = [];
    private readonly HashSet<TopicPartition> _partitions = [];
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
    private Dictionary<TopicPartition, string> _target = [];
    private CommittedOffsets? _commits;
    private StartFrom _startFrom = StartFrom.Latest;
    private long _generation;
    private readonly Queue<(string IndexKey, string Entry)> _indexEntries = new();
    private readonly HashSet<TopicPartition> _createdSinceJoin = [];
    private IGrainTimer? _newTopics;
    private DateTimeOffset _lastResolve;
    private TopicResolver? _resolver;

    private string Group => this.GetPrimaryKeyString();

    private void RequireOwner() => CallerIdentity.CheckOwner(state.State.Owner, "consumer group", Group);

    private CommittedOffsets Commits => _commits ??= new CommittedOffsets(commitStore, CommitOwner.Group(Group));

    private TopicResolver Resolver => _resolver ??= new TopicResolver(GrainFactory, this.AsReference<ITopicWatcher>());

    private TopicFilter[] AllFilters => _members.Values.SelectMany(m => m.Filters).Distinct().ToArray();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Loaded whether or not the group has a record: without principals a group commits and never writes its owner.
        await Commits.LoadAsync();
        await LegacyCommits.MoveIntoStoreAsync(state.State.Committed, Commits, state, logger);
        var check = groupOptions.Value.MemberTimeout / 3;
        this.RegisterGrainTimer(HousekeepingAsync, new GrainTimerCreationOptions(check, check) { Interleave = false });
        _newTopics = this.RegisterGrainTimer(TakeNewTopicsAsync,
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = false });
    }

    public async Task<GroupAssignment> JoinAsync(string memberId, IReadOnlyList<string> filters, StartFrom startFrom = StartFrom.Latest)
    {
        if (string.IsNullOrWhiteSpace(memberId)) throw new ArgumentException("a group member needs an id", nameof(memberId));
        Identifier.Check(Group, "consumer group name");
        Identifier.Check(memberId, "group member id");
        var parsed = new SessionOptions(filters, false).ParseFilters().ToArray();
        var limits = limitOptions.Value;
        limits.CheckFilters(parsed.Length);
        var owner = CallerIdentity.CheckOwner(state.State.Owner, "consumer group", Group);
        if (!_members.ContainsKey(memberId) && _members.Count >= limits.MaxGroupMembers)
            throw new LimitExceededException($"members of consumer group '{Group}'", limits.MaxGroupMembers, $"{LimitOptions.Section}:MaxGroupMembers");
        if (owner != state.State.Owner)
        {
            // The first principal to join owns the group from now on, across restarts.
            state.State.Owner = owner;
            await state.WriteStateAsync();
        }
        if (_members.Count == 0)
        {
            _startFrom = startFrom;
            _createdSinceJoin.Clear(); // created while nobody was a member: this join's start applies
            await GrainFactory.GetGrain<IGroupDirectoryGrain>(IGroupDirectoryGrain.Key).AddAsync(Group, owner);
        }
        _members[memberId] = new Member(parsed, time.GetUtcNow());
        LogJoined(logger, Group, memberId, _members.Count);
        await ResolveTopicsAsync();
        await RebalanceAsync();
        return await AssignmentOfAsync(memberId);
    }

    public async Task<GroupAssignment> HeartbeatAsync(string memberId)
    {
        RequireOwner();
        if (!_members.TryGetValue(memberId, out var member)) return new GroupAssignment(-1, [], []); // unknown: join again
        member.LastHeartbeat = time.GetUtcNow();
        return await AssignmentOfAsync(memberId);
    }

    public async Task<IReadOnlyList<TopicPartitionOffset>> CommitAsync(string memberId, IReadOnlyList<TopicPartitionOffset> offsets, IReadOnlyList<TopicPartition> release)
    {
        RequireOwner();
        if (_members.TryGetValue(memberId, out var member)) member.LastHeartbeat = time.GetUtcNow();
        // An offset past its partition's log end is refused before anything is committed.
        var bounds = await Task.WhenAll(offsets.Select(o => BoundsOrNullAsync(o.TopicPartition)));
        for (var i = 0; i < offsets.Count; i++)
            if (bounds[i] is { } b && (offsets[i].Offset > b.EndOffset || offsets[i].Offset < 0))
                throw OffsetOutOfRangeException.For(offsets[i].TopicPartition, offsets[i].Offset, b);
        var refused = new List<TopicPartitionOffset>();
        foreach (var offset in offsets)
        {
            // Fencing: only the current owner's commits count, so a member that lost a partition cannot move it back.
            if (_owners.TryGetValue(offset.TopicPartition, out var owner) && owner == memberId) Commits.Set(offset.TopicPartition, offset.Offset);
            else refused.Add(offset);
        }
        if (refused.Count < offsets.Count) await Commits.SaveAsync();
        var released = false;
        foreach (var partition in release)
        {
            if (!_owners.TryGetValue(partition, out var owner) || owner != memberId) continue;
            _owners.Remove(partition);
            _revoking.Remove(partition);
            released = true;
        }
        if (released) await RebalanceAsync();
        return refused;
    }

    public async Task<IReadOnlyList<TopicPartitionOffset>> CommitUnassignedAsync(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        Identifier.Check(Group, "consumer group name");
        var owner = CallerIdentity.CheckOwner(state.State.Owner, "consumer group", Group);
        // A group is taken by joining it; a first commit taking it would let anyone squat a name its users will join.
        if (offsets.Count > 0 && state.State.Owner is null && !CallerIdentity.IsSuperuserOrBroker)
            throw new AccessDeniedException($"consumer group '{Group}' has no owner yet: join it first (its first member's principal owns it)");
        if (offsets.Count > 0)
        {
            if (_members.Count > 0)
                throw new AkLightException($"consumer group '{Group}' has {_members.Count} members of the .NET client or HTTP right now; they commit its offsets");
            if (state.State.Owner is null) await GrainFactory.GetGrain<IGroupDirectoryGrain>(IGroupDirectoryGrain.Key).AddAsync(Group, owner);
            state.State.Owner = owner;
            foreach (var offset in offsets) Commits.Set(offset.TopicPartition, offset.Offset);
            await Commits.SaveAsync();
        }
        return Commits.Offsets.Select(c => new TopicPartitionOffset(c.Key.Topic, c.Key.Partition, c.Value)).ToArray();
    }

    public async Task<string?> CheckOwnerAsync(bool claim)
    {
        var owner = CallerIdentity.CheckOwner(state.State.Owner, "consumer group", Group);
        if (claim && owner is not null && state.State.Owner is null)
        {
            state.State.Owner = owner;
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IGroupDirectoryGrain>(IGroupDirectoryGrain.Key).AddAsync(Group, owner);
        }
        return state.State.Owner;
    }

    public async Task LeaveAsync(string memberId)
    {
        RequireOwner();
        if (!_members.Remove(memberId)) return;
        LogLeft(logger, Group, memberId, "left");
        await RebalanceAsync();
    }

    public async Task<GroupDescription> DescribeAsync()
    {
        RequireOwner();
        // Partitions with a commit are listed too, so a group with no live member still shows its lag.
        var partitions = _partitions.Union(Commits.Offsets.Keys).Order().ToArray();
        var ends = await Task.WhenAll(partitions.Select(EndOrNullAsync));
        return new GroupDescription(
            Group,
            _members.OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => new GroupMemberDescription(m.Key, m.Value.Filters.Select(f => f.Value).ToArray(), m.Value.LastHeartbeat, _owners.Count(o => o.Value == m.Key)))
                .ToArray(),
            partitions.Select((p, i) => (Partition: p, End: ends[i]))
                .Where(p => p.End is not null) // a deleted topic's partitions have nothing left to describe
                .Select(p => new GroupPartitionDescription(
                    p.Partition.Topic, p.Partition.Partition, _owners.GetValueOrDefault(p.Partition),
                    Commits.Offsets.TryGetValue(p.Partition, out var c) ? c : null, p.End!.Value))
                .ToArray());
    }

    private async Task<long?> EndOrNullAsync(TopicPartition partition) => (await BoundsOrNullAsync(partition))?.EndOffset;

    /// <summary>The partition's bounds, or null when its topic was deleted (a commit to it is then refused as not owned).</summary>
    private async Task<LogBounds?> BoundsOrNullAsync(TopicPartition partition)
    {
        try
        {
            return await GrainFactory.GetPartitionGrain(partition).GetBoundsAsync();
        }
        catch (UnknownTopicException)
        {
            return null;
        }
    }

    /// <summary>
    /// Interleaves with other calls, so it only queues the entry and sets off a non-interleaved turn that adds the
    /// topic and rebalances at once: the new topic's messages wait for an owner until then (the housekeeping tick
    /// would take up to a third of the member timeout).
    /// </summary>
    public Task OnIndexEntryAddedAsync(string indexKey, string entry)
    {
        _indexEntries.Enqueue((indexKey, entry));
        _newTopics?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    private async Task TakeNewTopicsAsync(CancellationToken cancellationToken)
    {
        if (await AddNotifiedTopicsAsync()) await RebalanceAsync();
    }

    /// <summary>Adds the topics the index announced; true when any partition was added.</summary>
    private async Task<bool> AddNotifiedTopicsAsync()
    {
        var added = false;
        while (_members.Count > 0 && _indexEntries.TryDequeue(out var entry))
            added |= await AddTopicsAsync(await Resolver.OnEntryAddedAsync(entry.IndexKey, entry.Entry, AllFilters), createdSinceJoin: true);
        return added;
    }

    /// <summary>Removes members that stopped heartbeating, takes in new topics, renews index watches.</summary>
    private async Task HousekeepingAsync(CancellationToken cancellationToken)
    {
        var rebalance = false;
        var deadline = time.GetUtcNow() - groupOptions.Value.MemberTimeout;
        foreach (var memberId in _members.Where(m => m.Value.LastHeartbeat < deadline).Select(m => m.Key).ToArray())
        {
            _members.Remove(memberId);
            LogLeft(logger, Group, memberId, "timed out");
            rebalance = true;
        }
        rebalance |= await AddNotifiedTopicsAsync();
        if (_members.Count > 0 && time.GetUtcNow() - _lastResolve > brokerOptions.Value.WatchLease / 3)
            rebalance |= await ResolveTopicsAsync(createdSinceJoin: true);
        if (rebalance) await RebalanceAsync();
    }

    /// <summary>
    /// Adds the topics matching the members' filters. A join resolves every topic there is, so a topic first found
    /// outside a join (<paramref name="createdSinceJoin"/>: a missed notification) was created after the members joined.
    /// </summary>
    private async Task<bool> ResolveTopicsAsync(bool createdSinceJoin = false)
    {
        _lastResolve = time.GetUtcNow();
        return await AddTopicsAsync(await Resolver.ResolveAsync(AllFilters), createdSinceJoin);
    }

    /// <summary>
    /// Adds the partitions of topics not known yet; true when any were added. Those of a topic created since the
    /// members joined start at its log start when first granted: everything in it came after the join.
    /// </summary>
    private async Task<bool> AddTopicsAsync(IEnumerable<string> topics, bool createdSinceJoin)
    {
        var added = false;
        foreach (var topic in topics.Where(t => _topics.Add(t)).ToArray())
        {
            var info = await GrainFactory.GetGrain<ITopicGrain>(topic).GetAsync();
            if (info is null) continue;
            for (var p = 0; p < info.Partitions; p++)
            {
                var partition = new TopicPartition(topic, p);
                if (!_partitions.Add(partition)) continue;
                added = true;
                if (createdSinceJoin) _createdSinceJoin.Add(partition);
            }
        }
        return added;
    }

    /// <summary>
    /// Computes the target assignment. Partitions owned by no live member go to their target at once;
    /// partitions a live member must give up are revoked and move when it releases them.
    /// </summary>
    private async Task RebalanceAsync()
    {
        foreach (var (partition, owner) in _owners.ToArray())
            if (!_members.ContainsKey(owner))
            {
                _owners.Remove(partition); // its last commit is what the next owner starts from
                _revoking.Remove(partition);
            }
        var eligible = _partitions.Where(p => _members.Values.Any(m => m.Matches(p.Topic))).ToArray();
        _target = GroupAssignor.Assign(eligible, _members.Keys.ToArray(), (m, p) => _members[m].Matches(p.Topic), _owners);

        var grants = new List<TopicPartition>();
        foreach (var (partition, member) in _target)
        {
            if (!_owners.TryGetValue(partition, out var owner)) grants.Add(partition);
            else if (owner != member) _revoking.Add(partition);
            else _revoking.Remove(partition);
        }
        foreach (var (partition, _) in _owners.Where(o => !_target.ContainsKey(o.Key)).ToArray()) _revoking.Add(partition);
        await FixStartOffsetsAsync(grants);
        foreach (var partition in grants) _owners[partition] = _target[partition];
        _generation++;
    }

    /// <summary>
    /// A partition granted without a commit starts at the group's start position (its log start when its topic was
    /// created since the members joined), resolved now and committed, so an owner that dies before its first commit
    /// hands over the same starting point. A join grants every partition of the topics there are before it returns,
    /// so "latest" is the live end when the member joined, not when it first fetched.
    /// </summary>
    private async Task FixStartOffsetsAsync(List<TopicPartition> grants)
    {
        var uncommitted = grants.Where(p => !Commits.Offsets.ContainsKey(p)).ToArray();
        var createdSinceJoin = grants.Where(_createdSinceJoin.Remove).ToHashSet();
        if (uncommitted.Length == 0) return;
        var bounds = await Task.WhenAll(uncommitted.Select(p => GrainFactory.GetPartitionGrain(p).GetBoundsAsync()));
        for (var i = 0; i < uncommitted.Length; i++)
        {
            var fromStart = _startFrom == StartFrom.Earliest || createdSinceJoin.Contains(uncommitted[i]);
            Commits.Set(uncommitted[i], fromStart ? bounds[i].StartOffset : bounds[i].EndOffset);
        }
        await Commits.SaveAsync();
    }

    private Task<GroupAssignment> AssignmentOfAsync(string memberId)
    {
        var owned = _owners.Where(o => o.Value == memberId).Select(o => o.Key).ToArray();
        var revoked = owned.Where(_revoking.Contains).ToArray();
        var reading = owned.Where(p => !_revoking.Contains(p))
            .Select(p => new TopicPartitionOffset(p.Topic, p.Partition, Commits.Offsets.GetValueOrDefault(p)))
            .ToArray();
        return Task.FromResult(new GroupAssignment(_generation, reading, revoked));
    }

    private sealed class Member(TopicFilter[] filters, DateTimeOffset lastHeartbeat)
    {
        public TopicFilter[] Filters { get; } = filters;

        public DateTimeOffset LastHeartbeat { get; set; } = lastHeartbeat;

        public bool Matches(string topic) => Filters.Any(f => f.Matches(topic));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {Group}: member {Member} joined ({Count} members)")]
    private static partial void LogJoined(ILogger logger, string group, string member, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {Group}: member {Member} {How}; rebalancing")]
    private static partial void LogLeft(ILogger logger, string group, string member, string how);
}

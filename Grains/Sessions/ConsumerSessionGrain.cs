using AkLight.Grains.Commits;
using AkLight.Grains.Telemetry;
using AkLight.Grains.Topics;
using Microsoft.Extensions.Logging;

namespace AkLight.Grains.Sessions;

/// <summary>
/// A consumer session. Resolves its filters through the topic indexes (and watches them for new topics),
/// watches the matching partitions, and on fetch reads only partitions known to have unread data, in
/// parallel; with none ready it waits for a partition's notification or the timeout.
/// A persistent session writes its filters to grain state and its committed offsets to the <see cref="IOffsetCommitStore"/>,
/// a row per partition, each commit only the partitions it moved; a non-persistent one never writes.
/// </summary>
public sealed class ConsumerSessionGrain(
    [PersistentState("session", StorageNames.Sessions)] IPersistentState<SessionState> state,
    IOptions<BrokerOptions> brokerOptions,
    IOptions<LimitOptions> limitOptions,
    SiloLossSignal siloLoss,
    IOffsetCommitStore commitStore,
    TimeProvider time,
    ILogger<ConsumerSessionGrain> logger) : Grain, IConsumerSessionGrain
{
    private static readonly TimeSpan ReadyRetryPause = TimeSpan.FromMilliseconds(50);

    private readonly SubscriptionSet _subscriptions = new();
    private TopicFilter[] _filters = [];
    private bool _open;
    private TaskCompletionSource? _dataArrived;
    private IGrainTimer? _renewal;
    private string? _owner;
    private long _watchedAtLosses; // SiloLossSignal.Losses when the watches were last renewed

    private static readonly IReadOnlyDictionary<TopicPartition, long> NoCommits = new Dictionary<TopicPartition, long>();

    private readonly ActiveMark _active = new(BrokerMeters.ActiveSessions);
    private TopicResolver? _resolver;
    private PartitionSubscriber? _subscriber;
    private ReadyReads? _reads;
    private CommittedOffsets? _commits;

    private string Id => this.GetPrimaryKeyString();

    private TopicResolver Resolver => _resolver ??= new TopicResolver(GrainFactory, this.AsReference<ITopicWatcher>());

    private PartitionSubscriber Subscriber => _subscriber ??= new PartitionSubscriber(GrainFactory, _subscriptions, this.AsReference<IPartitionWatcher>());

    private ReadyReads Reads => _reads ??= new ReadyReads(GrainFactory, _subscriptions, limitOptions.Value.MaxReadBytes);

    /// <summary>The stored commits; loaded at activation when the session has a record (without one it has no rows).</summary>
    private CommittedOffsets Commits => _commits ??= new CommittedOffsets(commitStore, CommitOwner.Session(Id));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _watchedAtLosses = siloLoss.Losses;
        _owner = state.State.Owner;
        if (state.RecordExists)
        {
            await Commits.LoadAsync();
            await LegacyCommits.MoveIntoStoreAsync(state.State.Committed, Commits, state, logger);
        }
        if (!state.State.Open) return;
        // A persistent session comes back after a restart or deactivation: every partition that was
        // subscribed at open has a committed offset; any other was found later, so it starts at its log start.
        _subscriptions.Persistent = true;
        _filters = state.State.Filters.Select(TopicFilter.Parse).ToArray();
        await SubscribeAsync(StartPosition.Earliest, Commits.Offsets);
        MarkOpen();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _active.Clear();
        // A persistent session stays open in storage, but no longer holds anything while it is not active.
        if (_open) await Counter.ReleaseAsync(Id);
    }

    public async Task<SessionInfo> OpenAsync(SessionOptions options)
    {
        Identifier.Check(Id, "session id");
        if (Id.StartsWith(GroupMemberSession.Prefix, StringComparison.Ordinal))
            throw new ArgumentException($"session ids starting with '{GroupMemberSession.Prefix}' are reserved for consumer-group members");
        var filters = options.ParseFilters();
        limitOptions.Value.CheckFilters(filters.Count);
        _owner = CallerIdentity.CheckOwner(_open ? _owner : state.State.Owner, "session", Id);
        await CountAsync();
        var start = options.Start ?? StartPosition.Latest;
        var committed = options.Persistent && state.State.Open ? CommitsToResumeFrom() : [];
        if (!options.Persistent) await ForgetStoredAsync();

        _subscriptions.Clear();
        _filters = filters.ToArray();
        _subscriptions.Persistent = options.Persistent;
        await SubscribeAsync(start, committed);
        if (options.Persistent)
        {
            state.State.Open = true;
            state.State.Owner = _owner;
            state.State.Filters = filters.Select(f => f.Value).ToList();
            await state.WriteStateAsync();
            // Every partition subscribed now is committed at its start, so a restart before the first commit
            // resumes here rather than at a later "latest"; commits of partitions no longer subscribed go.
            _subscriptions.TakeCommitChanges();
            Commits.Replace(_subscriptions.Committed());
            await Commits.SaveAsync();
        }
        MarkOpen();
        return Describe();
    }

    public async Task<SessionInfo> AssignAsync(IReadOnlyList<TopicPartitionOffset> partitions)
    {
        _owner = CallerIdentity.CheckOwner(_open ? _owner : state.State.Owner, "session", Id);
        await CountAsync();
        await ForgetStoredAsync();
        var watcher = this.AsReference<IPartitionWatcher>();
        var dropped = _subscriptions.Cursors.Keys.Except(partitions.Select(p => p.TopicPartition)).ToArray();
        await Task.WhenAll(dropped.Select(p => GrainFactory.GetPartitionGrain(p).UnwatchAsync(watcher)));
        _subscriptions.Clear();
        _filters = [];
        _subscriptions.Persistent = false;
        await Task.WhenAll(partitions.Select(async assigned =>
        {
            var bounds = await GrainFactory.GetPartitionGrain(assigned.TopicPartition).WatchAsync(watcher);
            var position = Math.Clamp(assigned.Offset, bounds.StartOffset, bounds.EndOffset);
            _subscriptions.Add(assigned.TopicPartition, new PartitionCursor(position, bounds.EndOffset, null));
        }));
        MarkOpen();
        return Describe();
    }

    public async Task<IReadOnlyList<ConsumedMessage>> FetchAsync(int maxMessages, TimeSpan wait, long fetchNumber = 0)
    {
        RequireOpen();
        maxMessages = Math.Min(maxMessages, limitOptions.Value.MaxFetchMessages);
        if (maxMessages <= 0) throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, "a fetch must ask for at least one message");
        _subscriptions.BeginFetch(fetchNumber);
        var deadline = time.GetUtcNow() + (wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        while (true)
        {
            if (siloLoss.Losses != _watchedAtLosses)
            {
                // A silo died: its partitions came back elsewhere without this session's watches.
                _watchedAtLosses = siloLoss.Losses;
                await RenewWatchesAsync(CancellationToken.None);
            }
            if (_subscriptions.HasReady)
            {
                var messages = await Reads.ReadAsync(maxMessages);
                if (messages.Count > 0)
                {
                    DeliveredTraffic.Record(messages);
                    return messages;
                }
            }
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero) return [];
            // Partitions that look ready but gave nothing (a notification raced a read) are retried after a
            // short pause, never in a tight loop; otherwise wait for a notification or the deadline.
            var pause = _subscriptions.HasReady && remaining > ReadyRetryPause ? ReadyRetryPause : remaining;
            _dataArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await Task.WhenAny(_dataArrived.Task, Task.Delay(pause, time), siloLoss.Next);
            _dataArrived = null;
        }
    }

    public async Task CommitAsync(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        RequireOpen();
        var commits = offsets.Count > 0
            ? offsets.Select(o => (o.TopicPartition, o.Offset)).ToList()
            : _subscriptions.Cursors.Select(c => (c.Key, c.Value.Position)).ToList();
        // Every commit is checked before any is applied: a refused commit changes nothing.
        foreach (var (partition, offset) in commits)
        {
            var cursor = RequireSubscribed(partition);
            if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offsets), offset, $"commit offset for {partition} cannot be negative");
            if (offset <= cursor.KnownEnd) continue;
            // Past the end this session knows of: only the partition can say whether it is past the log's end.
            var bounds = await GrainFactory.GetPartitionGrain(partition).GetBoundsAsync();
            cursor.KnownEnd = Math.Max(cursor.KnownEnd, bounds.EndOffset);
            if (offset > bounds.EndOffset) throw OffsetOutOfRangeException.For(partition, offset, bounds);
        }
        foreach (var (partition, offset) in commits) _subscriptions.Commit(partition, offset);
        if (_subscriptions.Persistent) await SaveCommitsAsync();
    }

    public async Task SeekAsync(TopicPartitionOffset offset)
    {
        RequireOpen();
        RequireSubscribed(offset.TopicPartition);
        var bounds = await GrainFactory.GetPartitionGrain(offset.TopicPartition).GetBoundsAsync();
        if (offset.Offset < bounds.StartOffset || offset.Offset > bounds.EndOffset)
            throw OffsetOutOfRangeException.For(offset.TopicPartition, offset.Offset, bounds);
        _subscriptions.Seek(offset.TopicPartition, offset.Offset, bounds.EndOffset);
    }

    public async Task SeekToTimeAsync(DateTimeOffset time, string? topic = null)
    {
        RequireOpen();
        var partitions = _subscriptions.Cursors.Keys.Where(p => topic is null || p.Topic == topic).ToArray();
        if (topic is not null && partitions.Length == 0)
            throw new ArgumentException($"session '{Id}' is not subscribed to topic '{topic}'", nameof(topic));
        var offsets = await Task.WhenAll(partitions.Select(p => GrainFactory.GetPartitionGrain(p).GetOffsetForTimeAsync(time)));
        for (var i = 0; i < partitions.Length; i++) _subscriptions.Seek(partitions[i], offsets[i], offsets[i]);
    }

    public Task<SessionInfo> DescribeAsync()
    {
        RequireOpen();
        return Task.FromResult(Describe());
    }

    public async Task CloseAsync()
    {
        CallerIdentity.CheckOwner(_owner ?? state.State.Owner, "session", Id);
        if (!_open && !state.RecordExists) return;
        await Task.WhenAll(_subscriptions.Cursors.Keys.Select(p => GrainFactory.GetPartitionGrain(p).UnwatchAsync(this.AsReference<IPartitionWatcher>())));
        await ForgetStoredAsync();
        state.State = new SessionState();
        if (_open) await Counter.ReleaseAsync(Id);
        _owner = null;
        _open = false;
        _active.Clear();
        _subscriptions.Clear();
        _renewal?.Dispose();
        _renewal = null;
        DeactivateOnIdle();
    }

    public Task OnPartitionDataAsync(TopicPartition partition, long endOffset, IReadOnlyList<ConsumedMessage> appended)
    {
        if (_subscriptions.OnData(partition, endOffset, appended)) _dataArrived?.TrySetResult();
        return Task.CompletedTask;
    }

    public Task OnPartitionDeletedAsync(TopicPartition partition)
    {
        // Not interleaved, so never in the middle of a fetch. A topic created again under the name comes
        // through the index as a new topic, read from its start.
        _subscriptions.RemoveTopic(partition.Topic);
        return Task.CompletedTask;
    }

    public async Task OnIndexEntryAddedAsync(string indexKey, string entry)
    {
        if (!_open || _filters.Length == 0) return;
        var topics = await Resolver.OnEntryAddedAsync(indexKey, entry, _filters);
        // A topic found after subscribing is new: all of it arrived after the subscription started.
        await Task.WhenAll(topics.Select(t => Subscriber.AddTopicAsync(t, StartPosition.Earliest, NoCommits)));
        if (_subscriptions.HasReady) _dataArrived?.TrySetResult();
    }

    /// <summary>Resolves the filters to topics and subscribes to their partitions.</summary>
    private async Task SubscribeAsync(StartPosition start, IReadOnlyDictionary<TopicPartition, long> committed)
    {
        if (_filters.Length == 0) return;
        var topics = await Resolver.ResolveAsync(_filters);
        await Task.WhenAll(topics.Where(t => !_subscriptions.HasTopic(t)).Select(t => Subscriber.AddTopicAsync(t, start, committed)));
    }

    /// <summary>
    /// Counts this session against the session limits (<see cref="ISessionCountGrain"/>) for one watch lease;
    /// renewed with the watches.
    /// </summary>
    private Task CountAsync() => Counter.AcquireAsync(Id, _owner ?? "(broker)", brokerOptions.Value.WatchLease);

    private ISessionCountGrain Counter => GrainFactory.GetGrain<ISessionCountGrain>(ISessionCountGrain.Key);

    /// <summary>Renews the watches well inside their lease, which also picks up anything a lost notification missed.</summary>
    private async Task RenewWatchesAsync(CancellationToken cancellationToken)
    {
        if (!_open) return;
        try
        {
            await CountAsync();
        }
        catch (LimitExceededException)
        {
            // Only after the counts were lost (their silo failed) can a session already open be over a limit; it stays open.
        }
        await SubscribeAsync(StartPosition.Earliest, NoCommits);
        await Subscriber.RenewWatchesAsync(() => _dataArrived?.TrySetResult());
    }

    private void MarkOpen()
    {
        _open = true;
        _active.Set();
        var period = brokerOptions.Value.WatchLease / 3;
        _renewal ??= this.RegisterGrainTimer(RenewWatchesAsync, new GrainTimerCreationOptions(period, period) { Interleave = true });
    }

    /// <summary>Throws unless the session is open and the caller may use it.</summary>
    private void RequireOpen()
    {
        if (!_open) throw new UnknownSessionException(Id);
        CallerIdentity.CheckOwner(_owner, "session", Id);
    }

    private PartitionCursor RequireSubscribed(TopicPartition partition) =>
        _subscriptions.TryGet(partition, out var cursor)
            ? cursor
            : throw new ArgumentException($"session '{Id}' is not subscribed to {partition}; its filters are {string.Join(", ", _filters.Select(f => f.Value))}");

    /// <summary>
    /// Stores the commits that changed since the last save (committed, or partitions first read or dropped since),
    /// a row each: a commit over one partition of a session reading thousands writes one row.
    /// </summary>
    private Task SaveCommitsAsync()
    {
        foreach (var partition in _subscriptions.TakeCommitChanges())
        {
            if (_subscriptions.TryGet(partition, out var cursor) && cursor.Committed is { } offset) Commits.Set(partition, offset);
            else Commits.Remove(partition);
        }
        return Commits.SaveAsync();
    }

    /// <summary>Deletes what a persistent session stored: its commits first, so no commit outlives its record.</summary>
    private async Task ForgetStoredAsync()
    {
        if (!state.RecordExists) return;
        await Commits.DeleteAsync();
        await state.ClearStateAsync();
    }

    /// <summary>
    /// Where a persistent session opened again goes back to: its stored commits, and while it is active the ones it
    /// holds, which also cover partitions found after the last save (committed at their start, never saved yet).
    /// </summary>
    private Dictionary<TopicPartition, long> CommitsToResumeFrom()
    {
        var commits = new Dictionary<TopicPartition, long>(Commits.Offsets);
        if (_open && _subscriptions.Persistent)
            foreach (var held in _subscriptions.Committed()) commits[held.TopicPartition] = held.Offset;
        return commits;
    }

    private SessionInfo Describe() => new(Id, _subscriptions.Persistent, _filters.Select(f => f.Value).ToArray(), _subscriptions.Positions());
}

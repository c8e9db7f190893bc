using AkLight.Grains.Options;
using AkLight.Grains.Security;
using AkLight.Grains.Telemetry;
using AkLight.Grains.Topics;
using AkLight.Storage;
using Microsoft.Extensions.Options;

namespace AkLight.Grains.Sessions;

/// <summary>
/// A consumer session. Resolves its filters through the topic indexes (and watches them for new topics),
/// watches the matching partitions, and on fetch reads only partitions known to have unread data, in
/// parallel; with none ready it waits for a partition's notification or the timeout.
/// A persistent session writes its filters and committed offsets to grain state; a non-persistent one never writes.
/// </summary>
public sealed class ConsumerSessionGrain(
    [PersistentState("session", StorageNames.Sessions)] IPersistentState<SessionState> state,
    IOptions<BrokerOptions> brokerOptions,
    IOptions<LimitOptions> limitOptions,
    SiloLossSignal siloLoss,
    TimeProvider time) : Grain, IConsumerSessionGrain
{
    private static readonly TimeSpan ReadyRetryPause = TimeSpan.FromMilliseconds(50);
    private const int RenewalSlice = 500; // watch renewals in flight at once

    private readonly SubscriptionSet _subscriptions = new();
    private TopicFilter[] _filters = [];
    private bool _open;
    private bool _persistent;
    private TaskCompletionSource? _dataArrived;
    private FetchStart _lastFetch = FetchStart.None; // where the last fetch began, for a retry of it
    private IGrainTimer? _renewal;
    private string? _owner;
    private long _watchedAtLosses; // SiloLossSignal.Losses when the watches were last renewed

    private static readonly IReadOnlyDictionary<TopicPartition, long> NoCommits = new Dictionary<TopicPartition, long>();

    private readonly ActiveMark _active = new(BrokerMeters.ActiveSessions);
    private TopicResolver? _resolver;

    private string Id => this.GetPrimaryKeyString();

    private TopicResolver Resolver => _resolver ??= new TopicResolver(GrainFactory, this.AsReference<ITopicWatcher>());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _watchedAtLosses = siloLoss.Losses;
        _owner = state.State.Owner;
        if (!state.State.Open) return;
        // A persistent session comes back after a restart or deactivation: every partition that was
        // subscribed at open has a committed offset; any other was found later, so it starts at its log start.
        _persistent = true;
        _filters = state.State.Filters.Select(TopicFilter.Parse).ToArray();
        await SubscribeAsync(StartPosition.Earliest, state.State.CommittedByPartition());
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
        if (Id.StartsWith(GroupMemberSession.Prefix, StringComparison.Ordinal))
            throw new ArgumentException($"session ids starting with '{GroupMemberSession.Prefix}' are reserved for consumer-group members");
        var filters = options.ParseFilters();
        limitOptions.Value.CheckFilters(filters.Count);
        _owner = CallerIdentity.CheckOwner(_open ? _owner : state.State.Owner, "session", Id);
        await CountAsync();
        var start = options.Start ?? StartPosition.Latest;
        var committed = options.Persistent && state.State.Open ? state.State.CommittedByPartition() : [];
        if (!options.Persistent && state.RecordExists) await state.ClearStateAsync();

        _lastFetch = FetchStart.None; // positions set explicitly: a retried fetch must not undo them
        _subscriptions.Clear();
        _filters = filters.ToArray();
        _persistent = options.Persistent;
        await SubscribeAsync(start, committed);
        if (_persistent)
        {
            state.State.Open = true;
            state.State.Owner = _owner;
            state.State.Filters = filters.Select(f => f.Value).ToList();
            // Positions of every partition subscribed now are kept, so a restart before the first commit
            // resumes here rather than at a later "latest".
            foreach (var cursor in _subscriptions.Cursors.Values) cursor.Committed ??= cursor.Position;
            SaveCommittedToState();
            await state.WriteStateAsync();
        }
        MarkOpen();
        return Describe();
    }

    public async Task<SessionInfo> AssignAsync(IReadOnlyList<TopicPartitionOffset> partitions)
    {
        _owner = CallerIdentity.CheckOwner(_open ? _owner : state.State.Owner, "session", Id);
        await CountAsync();
        if (state.RecordExists) await state.ClearStateAsync();
        var watcher = this.AsReference<IPartitionWatcher>();
        var dropped = _subscriptions.Cursors.Keys.Except(partitions.Select(p => p.TopicPartition)).ToArray();
        await Task.WhenAll(dropped.Select(p => GrainFactory.GetPartitionGrain(p).UnwatchAsync(watcher)));
        _lastFetch = FetchStart.None; // positions set explicitly: a retried fetch must not undo them
        _subscriptions.Clear();
        _filters = [];
        _persistent = false;
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
        if (fetchNumber != 0 && fetchNumber == _lastFetch.Number) _lastFetch.Rewind(_subscriptions);
        var started = new Dictionary<TopicPartition, long>();
        _lastFetch = new FetchStart(fetchNumber, started);
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
                var messages = await ReadReadyAsync(maxMessages, started);
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

    private async Task<IReadOnlyList<ConsumedMessage>> ReadReadyAsync(int maxMessages, Dictionary<TopicPartition, long> started)
    {
        var ready = _subscriptions.TakeReady(maxMessages);
        var delivered = new List<ConsumedMessage>();
        var toRead = new List<(TopicPartition Partition, PartitionCursor Cursor, int Allotment)>();
        foreach (var (partition, allotment) in ready)
        {
            _subscriptions.TryGet(partition, out var cursor);
            started.TryAdd(partition, cursor.Position);
            // Messages the partition pushed with its notification need no read call.
            if (_subscriptions.TakePushed(cursor, allotment, delivered) > 0) _subscriptions.Moved(partition, cursor);
            else toRead.Add((partition, cursor, allotment));
        }
        if (toRead.Count == 0) return delivered;

        var reads = toRead.Select(async entry =>
        {
            var (partition, cursor, allotment) = entry;
            try
            {
                cursor.Grain ??= GrainFactory.GetPartitionGrain(partition);
                var result = await cursor.Grain.ReadAsync(cursor.Position, allotment, Math.Max(1, limitOptions.Value.MaxReadBytes / toRead.Count));
                return (partition, cursor, (PartitionReadResult?)result);
            }
            catch (OffsetOutOfRangeException outOfRange)
            {
                // Retention deleted what this session had not read yet: continue at the earliest message kept.
                cursor.Position = Math.Clamp(cursor.Position, outOfRange.Bounds.StartOffset, outOfRange.Bounds.EndOffset);
                return (partition, cursor, new PartitionReadResult([], outOfRange.Bounds));
            }
            catch (UnknownTopicException)
            {
                // The topic was deleted: its partitions are dropped below, and the fetch goes on with the others.
                return (partition, cursor, null);
            }
            catch
            {
                _subscriptions.Moved(partition, cursor); // still ready: the next fetch tries again
                throw;
            }
        }).ToArray();
        var results = await Task.WhenAll(reads);

        foreach (var (partition, cursor, read) in results)
        {
            if (read is not { } result)
            {
                _subscriptions.RemoveTopic(partition.Topic);
                continue;
            }
            var take = Math.Min(result.Messages.Count, maxMessages - delivered.Count);
            for (var i = 0; i < take; i++) delivered.Add(result.Messages[i]);
            if (take > 0) cursor.Position = result.Messages[take - 1].Offset + 1;
            cursor.KnownEnd = Math.Max(cursor.KnownEnd, result.Bounds.EndOffset);
            if (take == 0 && result.Messages.Count == 0 && cursor.Position < result.Bounds.StartOffset)
                cursor.Position = result.Bounds.StartOffset;
            _subscriptions.Moved(partition, cursor);
        }
        return delivered;
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
        foreach (var (partition, offset) in commits) RequireSubscribed(partition).Committed = offset;
        if (!_persistent) return;
        SaveCommittedToState();
        await state.WriteStateAsync();
    }

    public async Task SeekAsync(TopicPartitionOffset offset)
    {
        RequireOpen();
        _lastFetch = FetchStart.None; // positions set explicitly: a retried fetch must not undo them
        var cursor = RequireSubscribed(offset.TopicPartition);
        var bounds = await GrainFactory.GetPartitionGrain(offset.TopicPartition).GetBoundsAsync();
        if (offset.Offset < bounds.StartOffset || offset.Offset > bounds.EndOffset)
            throw OffsetOutOfRangeException.For(offset.TopicPartition, offset.Offset, bounds);
        cursor.Position = offset.Offset;
        cursor.KnownEnd = Math.Max(cursor.KnownEnd, bounds.EndOffset);
        _subscriptions.Moved(offset.TopicPartition, cursor);
    }

    public async Task SeekToTimeAsync(DateTimeOffset time, string? topic = null)
    {
        RequireOpen();
        _lastFetch = FetchStart.None; // positions set explicitly: a retried fetch must not undo them
        var partitions = _subscriptions.Cursors.Keys.Where(p => topic is null || p.Topic == topic).ToArray();
        if (topic is not null && partitions.Length == 0)
            throw new ArgumentException($"session '{Id}' is not subscribed to topic '{topic}'", nameof(topic));
        var offsets = await Task.WhenAll(partitions.Select(p => GrainFactory.GetPartitionGrain(p).GetOffsetForTimeAsync(time)));
        for (var i = 0; i < partitions.Length; i++)
        {
            _subscriptions.TryGet(partitions[i], out var cursor);
            cursor.Position = offsets[i];
            cursor.KnownEnd = Math.Max(cursor.KnownEnd, offsets[i]);
            _subscriptions.Moved(partitions[i], cursor);
        }
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
        if (state.RecordExists) await state.ClearStateAsync();
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
        await Task.WhenAll(topics.Select(t => AddTopicAsync(t, StartPosition.Earliest, NoCommits)));
        if (_subscriptions.HasReady) _dataArrived?.TrySetResult();
    }

    /// <summary>Resolves the filters to topics and subscribes to their partitions.</summary>
    private async Task SubscribeAsync(StartPosition start, IReadOnlyDictionary<TopicPartition, long> committed)
    {
        if (_filters.Length == 0) return;
        var topics = await Resolver.ResolveAsync(_filters);
        await Task.WhenAll(topics.Where(t => !_subscriptions.HasTopic(t)).Select(t => AddTopicAsync(t, start, committed)));
    }

    private async Task AddTopicAsync(string topic, StartPosition start, IReadOnlyDictionary<TopicPartition, long> committed)
    {
        if (_subscriptions.HasTopic(topic)) return;
        _subscriptions.AddTopic(topic);
        try
        {
            await AddPartitionsAsync(topic, start, committed);
        }
        catch
        {
            // Not subscribed after all: forget the topic, so the next renewal (or notification) tries again.
            _subscriptions.RemoveTopic(topic);
            throw;
        }
    }

    private async Task AddPartitionsAsync(string topic, StartPosition start, IReadOnlyDictionary<TopicPartition, long> committed)
    {
        var info = await GrainFactory.GetGrain<ITopicGrain>(topic).GetAsync();
        if (info is null)
        {
            // Deleted since the index named it: forget it, so a topic created later under the name is picked up.
            _subscriptions.RemoveTopic(topic);
            return;
        }
        var watcher = this.AsReference<IPartitionWatcher>();
        await Task.WhenAll(Enumerable.Range(0, info.Partitions).Select(async number =>
        {
            var partition = new TopicPartition(topic, number);
            var grain = GrainFactory.GetPartitionGrain(partition);
            var bounds = await grain.WatchAsync(watcher);
            long? kept = committed.TryGetValue(partition, out var c) ? c : null;
            var position = kept ?? await StartOffsetAsync(partition, grain, bounds, start);
            _subscriptions.Add(partition, new PartitionCursor(position, bounds.EndOffset, kept));
        }));
    }

    private static async Task<long> StartOffsetAsync(TopicPartition partition, IPartitionGrain grain, LogBounds bounds, StartPosition start)
    {
        var explicitOffset = start.Offsets?.FirstOrDefault(o => o.TopicPartition == partition);
        if (explicitOffset is { } given && start.Offsets!.Any(o => o.TopicPartition == partition))
            return Math.Clamp(given.Offset, bounds.StartOffset, bounds.EndOffset);
        return start.From switch
        {
            StartFrom.Earliest => bounds.StartOffset,
            StartFrom.Time => await grain.GetOffsetForTimeAsync(start.Time ?? DateTimeOffset.MinValue),
            _ => bounds.EndOffset,
        };
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
        var watcher = this.AsReference<IPartitionWatcher>();
        // In slices: a session over 100,000 partitions sending every renewal at once queued its own fetches
        // (and everyone else's calls) behind 100,000 messages for seconds.
        foreach (var slice in _subscriptions.Cursors.Keys.ToArray().Chunk(RenewalSlice))
        {
            var ends = await Task.WhenAll(slice.Select(p => WatchOrNullAsync(p, watcher)));
            for (var i = 0; i < slice.Length; i++)
            {
                if (ends[i] is { } bounds) _subscriptions.OnEnd(slice[i], bounds.EndOffset);
                else _subscriptions.RemoveTopic(slice[i].Topic);
            }
            if (_subscriptions.HasReady) _dataArrived?.TrySetResult();
        }
    }

    /// <summary>The partition's bounds, or null when its topic was deleted.</summary>
    private async Task<LogBounds?> WatchOrNullAsync(TopicPartition partition, IPartitionWatcher watcher)
    {
        try
        {
            return await GrainFactory.GetPartitionGrain(partition).WatchAsync(watcher);
        }
        catch (UnknownTopicException)
        {
            return null;
        }
    }

    private void SaveCommittedToState() =>
        state.State.Committed = _subscriptions.Cursors
            .Where(c => c.Value.Committed is not null)
            .Select(c => new TopicPartitionOffset(c.Key.Topic, c.Key.Partition, c.Value.Committed!.Value))
            .ToList();

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

    private SessionInfo Describe() => new(
        Id,
        _persistent,
        _filters.Select(f => f.Value).ToArray(),
        _subscriptions.Cursors
            .OrderBy(c => c.Key.Topic, StringComparer.Ordinal).ThenBy(c => c.Key.Partition)
            .Select(c => new PartitionPosition(c.Key.Topic, c.Key.Partition, c.Value.Position, c.Value.Committed, c.Value.KnownEnd))
            .ToArray());
}

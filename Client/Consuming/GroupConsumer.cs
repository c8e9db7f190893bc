using System.Runtime.CompilerServices;

namespace AkLight.Client.Consuming;

/// <summary>
/// A member of a consumer group: reads the partitions the group assigns it, commits to the group, and
/// heartbeats in the background. When the group moves a partition away, the member commits what it has
/// processed and releases it, so the next owner starts right after; messages after the last commit may
/// be delivered again (at least once).
/// </summary>
public sealed class GroupConsumer : IAsyncDisposable
{
    private readonly IConsumerGroupGrain _group;
    private readonly IConsumerSessionGrain _session;
    private readonly Connection.GatewayLoss? _gatewayLoss;
    private long _fetchNumber;
    private readonly IReadOnlyList<string> _filters;
    private readonly StartFrom _startFrom;
    private readonly Dictionary<TopicPartition, long> _processed = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeats;
    private GroupAssignment _latest;
    private GroupAssignment _applied = new(long.MinValue, [], []);

    private GroupConsumer(IGrainFactory grains, string group, string memberId, IReadOnlyList<string> filters, StartFrom startFrom, GroupAssignment first, TimeSpan heartbeat)
    {
        _group = GroupMemberProtocol.Group(grains, group);
        _session = grains.GetMemberSession(group, memberId);
        _gatewayLoss = Connection.GatewayLoss.Of(grains);
        _filters = filters;
        _startFrom = startFrom;
        _latest = first;
        Group = group;
        MemberId = memberId;
        _heartbeats = Task.Run(() => HeartbeatLoopAsync(heartbeat));
    }

    public string Group { get; }

    public string MemberId { get; }

    /// <summary>The partitions this member reads now.</summary>
    public IReadOnlyList<TopicPartition> Assigned => _applied.Partitions.Select(p => p.TopicPartition).ToArray();

    public int FetchSize { get; set; } = 1000;

    public TimeSpan FetchWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Joins <paramref name="group"/> as <paramref name="memberId"/> with <paramref name="filters"/>.</summary>
    public static async Task<GroupConsumer> JoinAsync(IGrainFactory grains, string group, string memberId, IReadOnlyList<string> filters,
        StartFrom startFrom = StartFrom.Latest, TimeSpan? heartbeat = null)
    {
        var groupGrain = GroupMemberProtocol.Group(grains, group);
        new SessionOptions(filters, false).ParseFilters();
        var first = await groupGrain.JoinAsync(memberId, filters, startFrom).ConfigureAwait(false);
        var consumer = new GroupConsumer(grains, group, memberId, filters, startFrom, first, heartbeat ?? TimeSpan.FromSeconds(1));
        await consumer.ApplyAssignmentAsync().ConfigureAwait(false);
        return consumer;
    }

    /// <summary>Messages of the assigned partitions; with <paramref name="autoCommit"/>, committed after each batch.</summary>
    public async IAsyncEnumerable<ConsumedMessage> ConsumeAsync(bool autoCommit = true, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_latest.Generation != _applied.Generation)
                await Retry.TransientAsync(async () => { await ApplyAssignmentAsync().ConfigureAwait(false); return true; }, cancellationToken, gatewayLoss: _gatewayLoss).ConfigureAwait(false);
            if (_applied.Partitions.Count == 0)
            {
                await Task.Delay(FetchWait, cancellationToken).ConfigureAwait(false);
                continue;
            }
            // Retries carry the same fetch number: a lost answer is fetched again, not skipped.
            var fetchNumber = ++_fetchNumber;
            var batch = await FetchOrReassignAsync(fetchNumber, cancellationToken).ConfigureAwait(false);
            foreach (var message in batch)
            {
                // Stop mid-batch when asked: what was not handed out is not processed, so it is not committed.
                if (cancellationToken.IsCancellationRequested) break;
                yield return message;
                _processed[new TopicPartition(message.Topic, message.Partition)] = message.Offset + 1;
            }
            if (autoCommit && batch.Count > 0) await CommitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The next batch of the member's session. The session is not persistent: when the silo that held it died, it
    /// comes back empty and refuses the fetch, and the member points it at its partitions again (from its own
    /// progress, or the group's commits) instead of giving up.
    /// </summary>
    private async Task<IReadOnlyList<ConsumedMessage>> FetchOrReassignAsync(long fetchNumber, CancellationToken cancellationToken)
    {
        try
        {
            return await Retry.TransientAsync(() => _session.FetchAsync(FetchSize, FetchWait, fetchNumber), cancellationToken, gatewayLoss: _gatewayLoss).ConfigureAwait(false);
        }
        catch (UnknownSessionException)
        {
            _applied = new GroupAssignment(long.MinValue, [], []); // applied again on the next turn
            return [];
        }
    }

    /// <summary>Commits what was processed of the partitions this member owns.</summary>
    public Task CommitAsync() => CommitAndReleaseAsync([]);

    private async Task CommitAndReleaseAsync(IReadOnlyList<TopicPartition> release)
    {
        var offsets = _processed.Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value)).ToArray();
        if (offsets.Length == 0 && release.Count == 0) return;
        var refused = await _group.CommitAsync(MemberId, offsets, release).ConfigureAwait(false);
        foreach (var gone in refused) _processed.Remove(gone.TopicPartition); // no longer ours
        foreach (var partition in release) _processed.Remove(partition);
    }

    /// <summary>Follows the latest assignment: commit and release what is revoked, then read what is owned.</summary>
    private async Task ApplyAssignmentAsync()
    {
        var assignment = _latest;
        if (assignment.Generation < 0)
        {
            // The group forgot this member (restarted or timed out): join again.
            assignment = _latest = await _group.JoinAsync(MemberId, _filters, _startFrom).ConfigureAwait(false);
        }
        var commits = _processed.Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value)).ToArray();
        var refused = await GroupMemberProtocol.FollowAsync(_group, _session, MemberId, assignment, _processed, commits).ConfigureAwait(false);
        foreach (var gone in refused) _processed.Remove(gone.TopicPartition);
        var owned = assignment.Partitions.Select(p => p.TopicPartition).ToHashSet();
        foreach (var stale in _processed.Keys.Where(p => !owned.Contains(p)).ToArray()) _processed.Remove(stale);
        _applied = assignment;
    }

    private async Task HeartbeatLoopAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    _latest = await _group.HeartbeatAsync(MemberId).ConfigureAwait(false);
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    // The broker is away for a moment; the next beat tries again, and the group times us out if it lasts.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Commits, leaves the group (its partitions move to the others at once) and stops heartbeating.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _heartbeats.ConfigureAwait(false);
        try
        {
            await CommitAsync().ConfigureAwait(false);
            await _group.LeaveAsync(MemberId).ConfigureAwait(false);
            await _session.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _stop.Dispose();
        }
    }
}

using System.Diagnostics;
using AkLight.Grains.Common;
using AkLight.Grains.Telemetry;
using AkLight.Records;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace AkLight.Grains.Partitions;

/// <summary>
/// One partition's log: assigns offsets, appends batches to the store, serves reads from a bounded
/// in-memory tail or the store, tells watching sessions about new data, and runs retention.
/// Reentrant so that batches arriving while a store write is in flight queue up and go into the next
/// write together (group commit); a producer is acknowledged only after its batch's write commits.
/// </summary>
[Reentrant]
[AkLight.Grains.Placement.PartitionPlacement]
public sealed partial class PartitionGrain(
    ITopicCatalog catalog,
    IMessageLog log,
    IOptions<BrokerOptions> brokerOptions,
    IOptions<LimitOptions> limitOptions,
    TimeProvider time,
    ILogger<PartitionGrain> logger) : Grain, IPartitionGrain, IRemindable, ITopicScoped
{
    private const string RetentionReminder = "retention";
    private static readonly TimeSpan ForgetDrainLimit = TimeSpan.FromSeconds(30); // for the write in flight
    private const int MaxReadCount = 100_000;

    private readonly BrokerOptions _options = brokerOptions.Value;
    private PartitionWatchers _watchers = null!;
    private readonly HotTail _tail = new(brokerOptions.Value.HotTailMessages, brokerOptions.Value.HotTailBytes);
    private List<PendingAppend> _pending = [];
    private readonly ProducerSequences _sequences = new(ProducerSequences.DefaultCapacity);
    private readonly PartitionMeters _meters = new();
    private Task? _writeLoop;    // the last WritePendingAsync: a new one starts when it has completed
    private TopicPartition _partition;
    private StoredTopic? _topic;
    private LogBounds _bounds;   // durable bounds: reads never see past EndOffset
    private bool _endUncertain;  // a write failed: read the log end back before giving out offsets again
    private long _lastTimestampMs;
    private SharedRun? _loading; // the topic's load: a partition of a topic not created yet loads again
    private Task? _retention;    // the retention reminder's registration
    private bool _forgotten;     // the topic was deleted: this activation serves nothing more

    /// <inheritdoc />
    public string ScopedTopic => _partition.Topic;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var number = this.GetPrimaryKeyLong(out var topic);
        _partition = new TopicPartition(topic!, (int)number);
        _watchers = new PartitionWatchers(_partition, _options.WatchLease, time);
        return LoadAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _meters.Deactivated();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Loads the topic and the log bounds once. A partition asked for before its topic exists loads again
    /// on the next call, so a topic created later is picked up without waiting for deactivation (a load that ended
    /// is never handed out again: kept, it had answered "unknown topic" to a topic created since, until deactivation).
    /// </summary>
    private Task LoadAsync() => _topic is not null ? Task.CompletedTask : (_loading ??= new SharedRun(LoadOnceAsync)).RunAsync();

    private async Task LoadOnceAsync()
    {
        try
        {
            var topic = await catalog.GetTopicAsync(_partition.Topic);
            if (topic is null || _partition.Partition < 0 || _partition.Partition >= topic.Info.Partitions)
            {
                _topic = topic;
                return;
            }
            var start = await log.LoadPartitionAsync(topic.Id, _partition.Partition, _sequences.Capacity);
            _bounds = start.Bounds;
            _sequences.Restore(start.Producers);
            // Timestamps must keep growing across activations (even if the clock went back): time
            // lookups binary-search offsets on that order.
            if (start.LastTimestampMs is { } last) _lastTimestampMs = Math.Max(_lastTimestampMs, last);
            _topic = topic;
            _meters.Loaded(topic.Info.Name);
            _retention = RegisterRetentionAsync(topic);
        }
        catch (Exception error) when (error is not AkLightException)
        {
            _meters.StoreFailed("load");
            // Whatever the store threw, the caller gets a broker error it can act on (and Orleans can serialize).
            throw new StoreUnavailableException($"could not load {_partition} from the store: {error.Message}");
        }
    }

    private async ValueTask<StoredTopic> RequireTopicAsync()
    {
        if (_forgotten) throw await ForgottenAsync();
        if (_topic is null) await LoadAsync();
        return PartitionExistence.Require(_topic, _partition);
    }

    /// <summary>
    /// What a call to this activation of a deleted topic's partition gets. This activation is going away; when the
    /// topic has been created again under its name, the caller is told to retry (transient), which reaches a fresh
    /// activation of the new topic rather than "unknown topic" for a topic that exists.
    /// </summary>
    private async Task<Exception> ForgottenAsync()
    {
        DeactivateOnIdle();
        return await catalog.GetTopicAsync(_partition.Topic) is null
            ? new UnknownTopicException(_partition.Topic)
            : new SiloUnavailableException($"{_partition} is being reloaded: its topic was deleted and created again; retry");
    }

    public async Task<long> AppendAsync(ProduceBatch batch)
    {
        var arrived = Stopwatch.GetTimestamp();
        await RequireTopicAsync();
        // Anyone who may produce can send bytes: the batch is checked whole before anything of it is kept.
        var bytes = ProducedBatches.Check(batch.Batch, _options.MaxMessageBytes);
        // A retry of a batch this partition already has: the same answer, stored once.
        if (_sequences.TryGetEarlierAttempt(batch.ProducerId, batch.Sequence, out var earlier))
        {
            _meters.DuplicateDropped(batch.Count);
            return await earlier;
        }

        var pending = new PendingAppend(batch);
        _sequences.Record(batch.ProducerId, batch.Sequence, pending.Acknowledged.Task);
        _pending.Add(pending);
        if (_writeLoop is not { IsCompleted: false }) _writeLoop = WritePendingAsync();
        var baseOffset = await pending.Acknowledged.Task;
        _meters.Acknowledged(batch.Count, bytes, arrived);
        return baseOffset;
    }

    /// <summary>
    /// Writes queued batches, one store write per round, until none are left. Offsets are given out here, from the
    /// durable log end, one round at a time: after a failed write the end is read back from the store before any
    /// batch gets an offset again, so offsets stay unique and gapless whatever arrived in the meantime.
    /// </summary>
    private async Task WritePendingAsync()
    {
        while (_pending.Count > 0)
        {
            var round = _pending;
            _pending = [];
            RecordBatch[] batches;
            try
            {
                if (_endUncertain)
                {
                    // The failed write may have been stored after all, with its producers' sequences.
                    var start = await log.LoadPartitionAsync(_topic!.Id, _partition.Partition, _sequences.Capacity);
                    _bounds = start.Bounds;
                    _sequences.Restore(start.Producers);
                    _tail.Clear();
                    _endUncertain = false;
                }
                // Broker (log-append) time, never going backwards, so time lookups are ordered like offsets.
                _lastTimestampMs = Math.Max(_lastTimestampMs, time.GetUtcNow().ToUnixTimeMilliseconds());
                batches = PendingAppend.Stamp(round, _bounds.EndOffset, _lastTimestampMs);
                var started = Stopwatch.GetTimestamp();
                await log.AppendAsync(_topic!.Id, _partition.Partition, batches, ProducerSequences.StatesOf(round));
                _meters.Committed(started);
            }
            catch (Exception error)
            {
                _meters.StoreFailed("append");
                FailRound(round, error);
                continue;
            }
            _bounds = _bounds with { EndOffset = batches[^1].NextOffset };
            _tail.Add(batches);
            foreach (var pending in round) pending.Acknowledged.TrySetResult(pending.BaseOffset);
            _watchers.Appended(_bounds.EndOffset, round);
        }
    }

    /// <summary>
    /// A write failed: that round fails (nothing of it is acknowledged). Whether the store kept it is unknown (a
    /// commit can succeed and its answer be lost), so the log end is read back before the next round.
    /// </summary>
    private void FailRound(List<PendingAppend> round, Exception error)
    {
        LogAppendFailed(logger, error, _partition.ToString(), error.Message);
        var failure = error as AkLightException
            ?? new StoreUnavailableException($"could not store the batch for {_partition}: {error.Message}");
        foreach (var pending in round) pending.Acknowledged.TrySetException(failure);
        _endUncertain = true;
    }

    public async Task<PartitionReadResult> ReadAsync(long fromOffset, int maxCount, int maxBytes)
    {
        var read = await ReadBatchesAsync(fromOffset, maxCount, maxBytes);
        maxCount = Math.Clamp(maxCount, 1, MaxReadCount);
        maxBytes = Math.Clamp(maxBytes, 1, limitOptions.Value.MaxReadBytes);
        return new PartitionReadResult(RecordBatchMessages.Read(read.Batches, _partition, fromOffset, read.Bounds.EndOffset, maxCount, maxBytes), read.Bounds);
    }

    public async Task<PartitionBatches> ReadBatchesAsync(long fromOffset, int maxCount, int maxBytes)
    {
        var topic = await RequireTopicAsync();
        var bounds = _bounds;
        if (fromOffset < bounds.StartOffset || fromOffset > bounds.EndOffset)
            throw OffsetOutOfRangeException.For(_partition, fromOffset, bounds);
        maxCount = Math.Clamp(maxCount, 1, MaxReadCount);
        // However much a caller asks for, one read holds at most MaxReadBytes (and at least one batch).
        maxBytes = Math.Clamp(maxBytes, 1, limitOptions.Value.MaxReadBytes);
        if (fromOffset == bounds.EndOffset) return new PartitionBatches([], bounds);
        if (_tail.TryRead(fromOffset, maxCount, maxBytes, out var cached)) return new PartitionBatches(cached, bounds);

        var batches = await log.ReadAsync(topic.Id, _partition.Partition, fromOffset, maxCount, maxBytes);
        // Only what was durable when the read began: a batch stored since belongs to the next read.
        return new PartitionBatches(batches.Where(b => b.BaseOffset < bounds.EndOffset).ToList(), bounds);
    }

    public async Task<LogBounds> GetBoundsAsync()
    {
        await RequireTopicAsync();
        return _bounds;
    }

    public async Task<long> GetOffsetForTimeAsync(DateTimeOffset time)
    {
        var topic = await RequireTopicAsync();
        var offset = await log.GetOffsetForTimeAsync(topic.Id, _partition.Partition, time.ToUnixTimeMilliseconds());
        return offset is { } found && found < _bounds.EndOffset ? Math.Max(found, _bounds.StartOffset) : _bounds.EndOffset;
    }

    public async Task<LogBounds> WatchAsync(IPartitionWatcher watcher)
    {
        await RequireTopicAsync();
        _watchers.Renew(watcher);
        return _bounds;
    }

    public Task UnwatchAsync(IPartitionWatcher watcher)
    {
        _watchers.Remove(watcher);
        return Task.CompletedTask;
    }

    public async Task ForgetAsync()
    {
        _forgotten = true;
        // The write loop still uses the topic's id; let it end (bounded) so nothing is written after this returns.
        await (_loading?.Running).EndedOrAfter(ForgetDrainLimit);
        await _writeLoop.EndedOrAfter(ForgetDrainLimit);
        await _retention.EndedOrAfter(ForgetDrainLimit); // registered after the unregistration below, it would outlive the topic
        _tail.Clear();
        _watchers.Deleted();
        // Without this the reminder would wake a partition of a topic that no longer exists, forever.
        if (await this.GetReminder(RetentionReminder) is { } reminder) await this.UnregisterReminder(reminder);
        DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Append to {Partition} failed; the batch was not acknowledged: {Reason}")]
    private static partial void LogAppendFailed(ILogger logger, Exception error, string partition, string reason);
}

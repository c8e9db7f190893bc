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
/// write together (group commit, <see cref="PartitionWriter"/>); a producer is acknowledged only after its batch's
/// write commits. An activation whose append the store refuses (another activation wrote since) deactivates.
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
    private readonly PartitionMeters _meters = new();
    private PartitionWriter? _writer; // set with the topic, once the partition is known to exist
    private TopicPartition _partition;
    private StoredTopic? _topic;
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
            var start = await log.LoadPartitionAsync(topic.Id, _partition.Partition, ProducerSequences.DefaultCapacity);
            _writer = new PartitionWriter(_partition, topic.Id, log, time, _meters, logger, new PartitionWriter.Listener(
                Committed: (batches, round) =>
                {
                    _tail.Add(batches);
                    _watchers.Appended(Bounds.EndOffset, round);
                },
                Reloaded: _tail.Clear,
                // Another activation owns the log now: calls to this one go there once it is gone.
                Fenced: _ => DeactivateOnIdle()));
            _writer.Start(start);
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
        var acknowledged = _writer!.AppendAsync(batch, out var isRetry);
        var baseOffset = await acknowledged;
        if (!isRetry) _meters.Acknowledged(batch.Count, bytes, arrived);
        return baseOffset;
    }

    /// <summary>The durable bounds (the writer's); valid once <see cref="RequireTopicAsync"/> has passed.</summary>
    private LogBounds Bounds
    {
        get => _writer!.Bounds;
        set => _writer!.Bounds = value;
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
        var bounds = Bounds;
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
        return Bounds;
    }

    public async Task<long> GetOffsetForTimeAsync(DateTimeOffset time)
    {
        var topic = await RequireTopicAsync();
        var offset = await log.GetOffsetForTimeAsync(topic.Id, _partition.Partition, time.ToUnixTimeMilliseconds());
        return offset is { } found && found < Bounds.EndOffset ? Math.Max(found, Bounds.StartOffset) : Bounds.EndOffset;
    }

    public async Task<LogBounds> WatchAsync(IPartitionWatcher watcher)
    {
        await RequireTopicAsync();
        _watchers.Renew(watcher);
        return Bounds;
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
        await (_writer?.WriteLoop).EndedOrAfter(ForgetDrainLimit);
        await _retention.EndedOrAfter(ForgetDrainLimit); // registered after the unregistration below, it would outlive the topic
        _tail.Clear();
        _watchers.Deleted();
        // Without this the reminder would wake a partition of a topic that no longer exists, forever.
        if (await this.GetReminder(RetentionReminder) is { } reminder) await this.UnregisterReminder(reminder);
        DeactivateOnIdle();
    }
}

using System.Diagnostics;
using AkLight.Grains.Telemetry;
using AkLight.Records;
using Microsoft.Extensions.Logging;

namespace AkLight.Grains.Partitions;

/// <summary>
/// The appending half of a partition activation: queues batches while a store write is in flight (group commit), gives
/// out offsets from the durable log end one write at a time, and answers a producer's retry of a batch it already has.
/// The store refuses an append that does not start at its stored log end (<see cref="StaleWriterException"/>); that
/// can only mean another activation of the partition wrote since, so this writer is fenced: the refused write and
/// everything queued or arriving after it fail with that error, nothing is acknowledged, and the owner deactivates so
/// the callers' retries reach the activation that won. Not thread-safe: driven by the grain's turns.
/// </summary>
internal sealed partial class PartitionWriter(
    TopicPartition partition,
    long topicId,
    IMessageLog log,
    TimeProvider time,
    PartitionMeters meters,
    ILogger logger,
    PartitionWriter.Listener listener)
{
    private readonly ProducerSequences _sequences = new(ProducerSequences.DefaultCapacity);
    private List<PendingAppend> _pending = [];
    private Task? _writeLoop;    // the last WritePendingAsync: a new one starts when it has completed
    private bool _endUncertain;  // a write failed: read the log end back before giving out offsets again
    private long _lastTimestampMs;

    /// <summary>What the owner does when a write commits (keep the batches, tell watchers), and when the writer is fenced.</summary>
    public sealed record Listener(Action<RecordBatch[], List<PendingAppend>> Committed, Action Reloaded, Action<StaleWriterException> Fenced);

    /// <summary>The durable bounds: reads never see past <see cref="LogBounds.EndOffset"/>.</summary>
    public LogBounds Bounds { get; set; }

    /// <summary>Set once another activation has written to the partition: this writer appends nothing more.</summary>
    public StaleWriterException? Fence { get; private set; }

    /// <summary>The write in flight, if any (a topic being deleted waits for it).</summary>
    public Task? WriteLoop => _writeLoop;

    /// <summary>Starts from what the store holds: bounds, the producers' last batches, the newest timestamp.</summary>
    public void Start(PartitionStart start)
    {
        Bounds = start.Bounds;
        _sequences.Restore(start.Producers);
        // Timestamps must keep growing across activations (even if the clock went back): time lookups binary-search
        // offsets on that order.
        if (start.LastTimestampMs is { } last) _lastTimestampMs = Math.Max(_lastTimestampMs, last);
    }

    /// <summary>
    /// The batch's base offset once its write commits; a retry of a batch this partition has (<paramref name="isRetry"/>)
    /// gets the same answer and is stored once.
    /// </summary>
    public Task<long> AppendAsync(ProduceBatch batch, out bool isRetry)
    {
        isRetry = false;
        if (Fence is { } fence) return Task.FromException<long>(fence);
        if (_sequences.TryGetEarlierAttempt(batch.ProducerId, batch.Sequence, out var earlier))
        {
            meters.DuplicateDropped(batch.Count);
            isRetry = true;
            return earlier;
        }
        var pending = new PendingAppend(batch);
        _sequences.Record(batch.ProducerId, batch.Sequence, pending.Acknowledged.Task);
        _pending.Add(pending);
        if (_writeLoop is not { IsCompleted: false }) _writeLoop = WritePendingAsync();
        return pending.Acknowledged.Task;
    }

    /// <summary>
    /// Writes queued batches, one store write per round, until none are left. After a failed write the end is read back
    /// from the store before any batch gets an offset again, so offsets stay unique and gapless whatever arrived in the
    /// meantime.
    /// </summary>
    private async Task WritePendingAsync()
    {
        while (_pending.Count > 0)
        {
            var round = _pending;
            _pending = [];
            if (Fence is { } fence)
            {
                Fail(round, fence); // queued behind the refused write: the winner takes them on retry
                continue;
            }
            RecordBatch[] batches;
            try
            {
                if (_endUncertain) await ReloadAsync();
                // Broker (log-append) time, never going backwards, so time lookups are ordered like offsets.
                _lastTimestampMs = Math.Max(_lastTimestampMs, time.GetUtcNow().ToUnixTimeMilliseconds());
                batches = PendingAppend.Stamp(round, Bounds.EndOffset, _lastTimestampMs);
                var started = Stopwatch.GetTimestamp();
                await log.AppendAsync(topicId, partition.Partition, batches, ProducerSequences.StatesOf(round));
                meters.Committed(started);
            }
            catch (StaleWriterException stale)
            {
                Fence = stale.For(partition.ToString());
                LogFenced(logger, partition.ToString(), Fence.Message);
                Fail(round, Fence);
                listener.Fenced(Fence);
                continue;
            }
            catch (Exception error)
            {
                meters.StoreFailed("append");
                LogAppendFailed(logger, error, partition.ToString(), error.Message);
                Fail(round, error as AkLightException
                    ?? new StoreUnavailableException($"could not store the batch for {partition}: {error.Message}"));
                // Whether the store kept it is unknown (a commit can succeed and its answer be lost).
                _endUncertain = true;
                continue;
            }
            Bounds = Bounds with { EndOffset = batches[^1].NextOffset };
            foreach (var pending in round) pending.Acknowledged.TrySetResult(pending.BaseOffset);
            listener.Committed(batches, round);
        }
    }

    /// <summary>The failed write may have been stored after all, with its producers' sequences: start again from the store.</summary>
    private async Task ReloadAsync()
    {
        Start(await log.LoadPartitionAsync(topicId, partition.Partition, _sequences.Capacity));
        listener.Reloaded();
        _endUncertain = false;
    }

    /// <summary>A round fails whole: nothing of it is acknowledged.</summary>
    private static void Fail(List<PendingAppend> round, Exception failure)
    {
        foreach (var pending in round) pending.Acknowledged.TrySetException(failure);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Append to {Partition} failed; the batch was not acknowledged: {Reason}")]
    private static partial void LogAppendFailed(ILogger logger, Exception error, string partition, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This activation of {Partition} stops: another activation wrote to its log ({Reason})")]
    private static partial void LogFenced(ILogger logger, string partition, string reason);
}

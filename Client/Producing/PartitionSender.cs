using System.Diagnostics;
using System.Threading.Channels;
using AkLight.Client.Connection;

namespace AkLight.Client.Producing;

/// <summary>
/// Batches one partition's messages and sends them one batch at a time, in order, so per-key order holds
/// even across retries. While a batch is in flight the next one fills up. Batches carry the producer's id
/// and a sequence number, so a retry of a batch the broker already stored is not stored twice.
/// </summary>
internal sealed class PartitionSender
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly IPartitionGrain _grain;
    private readonly TopicPartition _partition;
    private readonly ProducerOptions _options;
    private readonly Guid _producerId;
    private readonly Action _topicGone;
    private readonly GatewayLoss? _gatewayLoss;
    private readonly Task _loop;
    private long _nextSequence;
    private long _lastSendTimestamp;

    /// <param name="topicGone">Called when the broker answers that the topic no longer exists (it was deleted).</param>
    public PartitionSender(IGrainFactory grains, TopicPartition partition, ProducerOptions options, Guid producerId, Action topicGone)
    {
        _topicGone = topicGone;
        _grain = grains.GetPartitionGrain(partition);
        _partition = partition;
        _options = options;
        _producerId = producerId;
        _gatewayLoss = GatewayLoss.Of(grains);
        // The loop serves every later caller: it must not run with the request context (in a silo, the principal) of
        // the call that happened to start it.
        using (ExecutionContext.SuppressFlow()) _loop = Task.Run(SendLoopAsync);
    }

    public Task<DeliveryResult> Enqueue(ProduceRecord record)
    {
        var pending = new Pending(record);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(Producer), "the producer is closed");
        return pending.Delivered.Task;
    }

    /// <summary>Sends what is queued and stops.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _loop;
    }

    private async Task SendLoopAsync()
    {
        var batch = new List<Pending>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Linger only right after a send: a partition that was idle sends its first message at once
            // (low latency at low rates), and one that keeps sending fills batches while the last is in flight.
            if (_options.Linger > TimeSpan.Zero && reader.CanCount && reader.Count < _options.BatchSize
                && Stopwatch.GetElapsedTime(_lastSendTimestamp) is var sinceLastSend && sinceLastSend < _options.Linger)
                await Task.Delay(_options.Linger - sinceLastSend).ConfigureAwait(false);
            _lastSendTimestamp = Stopwatch.GetTimestamp();
            var bytes = 0;
            while (batch.Count < _options.BatchSize && reader.TryPeek(out var next)
                   && (batch.Count == 0 || bytes + next.Record.SizeInBytes <= _options.BatchBytes))
            {
                reader.TryRead(out var taken);
                batch.Add(taken!);
                bytes += taken!.Record.SizeInBytes;
            }
            await SendAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        var records = batch.Select(p => p.Record).ToArray();
        // Every attempt of this batch carries the same sequence number: the partition stores it once.
        var produce = new ProduceBatch(records, _producerId, _nextSequence++);
        var deadline = DateTime.UtcNow + _options.DeliveryTimeout;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                var baseOffset = await GatewayLoss.GuardAsync(_gatewayLoss, () => _grain.AppendAsync(produce)).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Delivered.TrySetResult(new DeliveryResult(_partition.Topic, _partition.Partition, baseOffset + i));
                return;
            }
            catch (Exception error) when (DeliveryErrors.IsTransient(error) && DateTime.UtcNow + delay < deadline)
            {
                // Unacknowledged, so it is sent again; a partition that already stored it answers with its offsets,
                // also when it moved to another silo in between (the last batch per producer is stored with the log).
                await Task.Delay(delay).ConfigureAwait(false);
                // At most a second apart: a partition that moved to a survivor is served again within about that.
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
            catch (MessageTooLargeException) when (batch.Count > 1)
            {
                // The broker's limit is lower than this producer's: send one by one, in order, so only
                // the oversized message fails and the others still get through.
                foreach (var single in batch) await SendAsync([single]).ConfigureAwait(false);
                return;
            }
            catch (Exception error)
            {
                var reported = DeliveryErrors.IsTransient(error)
                    ? new AkLightException($"{batch.Count} message(s) to {_partition} not delivered within {_options.DeliveryTimeout.TotalSeconds:0} s: {error.Message}", error)
                    : error;
                if (error is UnknownTopicException) _topicGone();
                foreach (var pending in batch) pending.Delivered.TrySetException(reported);
                return;
            }
        }
    }

    private sealed class Pending(ProduceRecord record)
    {
        public ProduceRecord Record { get; } = record;

        public TaskCompletionSource<DeliveryResult> Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

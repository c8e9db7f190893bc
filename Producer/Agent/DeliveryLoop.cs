using System.Diagnostics;

namespace AkLight.Producer.Agent;

/// <summary>
/// Moves messages from the buffer to the broker, oldest first. What the broker did not acknowledge goes back to
/// the front of the buffer and is retried after a backoff, so nothing that fitted in the buffer is lost while the
/// broker is away, and delivery resumes in order. After sampling stops it keeps going until the buffer is empty
/// or <c>flushTimeout</c> has passed.
/// </summary>
internal sealed class DeliveryLoop(BoundedBuffer<OutgoingMessage> buffer, IMessageSender sender, AgentStatus status, TimeSpan flushTimeout)
{
    /// <summary>Most messages handed to the producer at once; it batches them per partition.</summary>
    public const int MaxBatch = 1000;

    /// <summary>
    /// How long delivery may fail before the connection is dropped and made anew. The client reconnects by
    /// itself; this is the fallback should it not.
    /// </summary>
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(30);

    private readonly Backoff _backoff = Backoff.ForDelivery();
    private long? _failingSince;
    private long _lastReset = Stopwatch.GetTimestamp();

    /// <summary>Runs until <paramref name="samplingDone"/> is cancelled and the buffer is flushed, or the flush time is up.</summary>
    public async Task RunAsync(CancellationToken samplingDone)
    {
        using var giveUp = new CancellationTokenSource();
        using var flushDeadline = samplingDone.Register(() => giveUp.CancelAfter(flushTimeout));
        while (!giveUp.IsCancellationRequested)
        {
            if (buffer.Count == 0)
            {
                if (samplingDone.IsCancellationRequested) break; // sampling has stopped and everything is out
                await Quietly(buffer.WaitForItemsAsync(samplingDone)).ConfigureAwait(false);
                continue;
            }
            if (await TryDeliverAsync(giveUp.Token).ConfigureAwait(false)) continue;
            await Quietly(Task.Delay(_backoff.Next(), giveUp.Token)).ConfigureAwait(false);
        }
        status.Stopped(buffer.Count, buffer.Dropped); // what is left was returned to the buffer
    }

    /// <summary>Sends one batch; false when any of it is back in the buffer to retry.</summary>
    private async Task<bool> TryDeliverAsync(CancellationToken giveUp)
    {
        var batch = buffer.TakeOldest(MaxBatch);
        IReadOnlyList<Task> sends;
        try
        {
            sends = await sender.SendAsync(batch, giveUp).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            buffer.ReturnToFront(batch);
            if (!giveUp.IsCancellationRequested) await FailingAsync(error).ConfigureAwait(false);
            return false;
        }

        await Quietly(Task.WhenAll(sends).WaitAsync(giveUp)).ConfigureAwait(false);
        var retry = new List<OutgoingMessage>();
        Exception? firstError = null;
        var refused = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if (sends[i].IsCompletedSuccessfully) continue;
            var error = sends[i].Exception?.GetBaseException();
            if (error is ArgumentException or MessageTooLargeException or AccessDeniedException)
            {
                // Can never be delivered (a bad topic, too large, or not this principal's to publish, such as events
                // under a principal allowed metrics only): retrying would hold up everything behind it.
                refused++;
                firstError ??= error;
                continue;
            }
            retry.Add(batch[i]); // failed, or still in flight when the flush time ran out
            if (error is not null) firstError ??= error;
        }
        if (refused > 0) status.Rejected(refused, firstError!.Message);
        if (retry.Count == 0)
        {
            Succeeded();
            return true;
        }
        buffer.ReturnToFront(retry);
        if (!giveUp.IsCancellationRequested) await FailingAsync(firstError ?? new TimeoutException("no acknowledgement")).ConfigureAwait(false);
        return false;
    }

    private void Succeeded()
    {
        _backoff.Reset();
        if (_failingSince is { } since) status.DeliveryResumed(Stopwatch.GetElapsedTime(since), buffer.Count, buffer.Dropped);
        _failingSince = null;
    }

    private async Task FailingAsync(Exception error)
    {
        var now = Stopwatch.GetTimestamp();
        if (_failingSince is null)
        {
            _failingSince = now;
            status.DeliveryFailing(error.Message, buffer.Count, buffer.Dropped);
        }
        if (Stopwatch.GetElapsedTime(_failingSince.Value, now) >= ReconnectAfter && Stopwatch.GetElapsedTime(_lastReset, now) >= ReconnectAfter)
        {
            _lastReset = now;
            await sender.ResetAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Awaits <paramref name="task"/> and ignores how it ended; callers look at the outcome themselves.</summary>
    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled waits and failed sends are both handled by the caller.
        }
    }
}

namespace AkLight.Bench.Load;

/// <summary>
/// One producer's sends: round-robin over its topics, at full speed or paced, never more than the window
/// unacknowledged, until the duration or the message limit is reached; then waits for the outstanding acks.
/// </summary>
internal static class ProducerLoop
{
    public static async Task RunAsync(IBenchProducer producer, ProducerLedger ledger, IReadOnlyList<MetricTopic> topics,
        RunSpec spec, long startTimestamp, CancellationToken cancellationToken)
    {
        var window = new SemaphoreSlim(spec.Window, spec.Window);
        var pacer = spec.RatePerSecond is { } rate ? new Pacer(rate / spec.Producers, startTimestamp) : null;
        var deadline = startTimestamp + (long)(spec.Duration.TotalSeconds * Stopwatch.Frequency);
        long sequence = 0;
        try
        {
            for (; sequence < spec.MaxMessagesPerProducer && !cancellationToken.IsCancellationRequested; sequence++)
            {
                if (pacer is not null) await pacer.WaitUntilDueAsync(sequence, cancellationToken).ConfigureAwait(false);
                if (Stopwatch.GetTimestamp() >= deadline) break;
                await window.WaitAsync(cancellationToken).ConfigureAwait(false);
                var topic = topics[(int)(sequence % topics.Count)];
                var sent = pacer?.DueTimestamp(sequence) ?? Stopwatch.GetTimestamp();
                var payload = MetricPayload.Write(topic.Payload, ledger.ProducerId, sequence, sent);
                Task send;
                try
                {
                    send = producer.SendAsync(topic.Name, topic.Key, payload);
                }
                catch (Exception error)
                {
                    send = Task.FromException(error);
                }
                _ = CompleteAsync(send, ledger, sequence, sent, window);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: stop sending; what was sent is still counted.
        }
        finally
        {
            ledger.Sent = sequence;
        }
        // Every ack or failure returns its slot; bounded by the drain timeout.
        var waitUntil = DateTime.UtcNow + spec.DrainTimeout;
        while (window.CurrentCount < spec.Window && DateTime.UtcNow < waitUntil) await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task CompleteAsync(Task send, ProducerLedger ledger, long sequence, long sentTimestamp, SemaphoreSlim window)
    {
        try
        {
            await send.ConfigureAwait(false);
            ledger.Run.OnAcked(sentTimestamp);
        }
        catch (Exception error)
        {
            ledger.Run.OnFailed(ledger, sequence, error);
        }
        finally
        {
            window.Release();
        }
    }
}

namespace AkLight.Examples.Sightings.Consuming;

/// <summary>The consume loop every consuming role shares: handle each message of the member's partitions until told to stop.</summary>
internal static class GroupLoop
{
    /// <summary>A bound on one run, far above what the generator sends; the deadline normally ends the loop.</summary>
    private const int MaxMessages = 1_000_000;

    /// <summary>
    /// Hands each message to <paramref name="handle"/>, committing after each fetched batch, until
    /// <paramref name="stop"/> says the group is done or the deadline passes. The caller disposes the member
    /// afterwards, which commits the rest and leaves the group.
    /// </summary>
    public static async Task RunAsync(IGrainFactory grains, GroupConsumer member, IReadOnlyList<string> filters, StopCondition stop, Action<ConsumedMessage> handle)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stop.Deadline);
        var watch = stop.WatchAsync(grains.GetGrain<IConsumerGroupGrain>(member.Group), filters, done);
        try
        {
            var handled = 0;
            await foreach (var message in member.ConsumeAsync(autoCommit: true, done.Token).ConfigureAwait(false))
            {
                handle(message);
                if (++handled >= MaxMessages) break;
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // Drained, or the deadline: a normal end.
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false); // ends the watch too when consuming failed
            await watch.ConfigureAwait(false);
        }
    }
}

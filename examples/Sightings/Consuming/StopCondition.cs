namespace AkLight.Examples.Sightings.Consuming;

/// <summary>
/// When a consuming role stops: at the deadline (or Ctrl+C), or, when the generator runs in the same process,
/// as soon as the role's group has committed everything the generator wrote to the partitions it reads.
/// Committed, not merely fetched: a group member commits only what it has handled, so a group that has
/// committed up to the generator's end offsets has handled every message, whichever member handled it.
/// </summary>
internal sealed class StopCondition(CancellationToken deadline, Task<GeneratorTotals>? generated)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls enough for ten minutes; the deadline normally ends the polling long before.</summary>
    private const int MaxPolls = 3000;

    /// <summary>Cancelled at the end of the run's time (or by Ctrl+C).</summary>
    public CancellationToken Deadline => deadline;

    /// <summary>Stops only at the deadline: for a role running on its own, with the generator elsewhere.</summary>
    public static StopCondition AtDeadline(CancellationToken deadline) => new(deadline, null);

    /// <summary>
    /// Cancels <paramref name="done"/> once <paramref name="group"/> has committed, for every partition of a topic
    /// matching <paramref name="filters"/>, the generator's end offset. Returns at once when there is no generator
    /// to wait for, and when <paramref name="done"/> is cancelled by something else.
    /// </summary>
    public async Task WatchAsync(IConsumerGroupGrain group, IReadOnlyList<string> filters, CancellationTokenSource done)
    {
        if (generated is null) return;
        try
        {
            var totals = await generated.WaitAsync(done.Token).ConfigureAwait(false);
            var parsed = filters.Select(TopicFilter.Parse).ToArray();
            var targets = totals.EndOffsets.Where(e => parsed.Any(f => f.Matches(e.Key.Topic))).ToArray();
            for (var poll = 0; poll < MaxPolls && !done.IsCancellationRequested; poll++)
            {
                if (await HasCommittedAsync(group, targets, done.Token).ConfigureAwait(false))
                {
                    await done.CancelAsync().ConfigureAwait(false);
                    return;
                }
                await Task.Delay(PollInterval, done.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // Stopped by the deadline, or the role ended first.
        }
        catch (Exception) when (generated.IsFaulted)
        {
            // The generator failed; the run reports that, and this role stops at the deadline.
        }
    }

    private static async Task<bool> HasCommittedAsync(IConsumerGroupGrain group, IReadOnlyList<KeyValuePair<TopicPartition, long>> targets, CancellationToken cancellationToken)
    {
        GroupDescription description;
        try
        {
            description = await group.DescribeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return false; // the broker is busy or away for a moment: ask again at the next poll
        }
        var committed = description.Partitions.ToDictionary(p => new TopicPartition(p.Topic, p.Partition), p => p.Committed ?? 0);
        return targets.All(t => committed.GetValueOrDefault(t.Key) >= t.Value);
    }
}

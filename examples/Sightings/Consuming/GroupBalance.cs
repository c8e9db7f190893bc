namespace AkLight.Examples.Sightings.Consuming;

/// <summary>Waits for a group to settle: every member joined, every partition owned, the partitions spread evenly.</summary>
internal static class GroupBalance
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private const int MaxPolls = 600;

    /// <summary>
    /// The group's description once <paramref name="members"/> members share its partitions evenly (no member
    /// holds two more than another, so no handover is pending), or the last one seen when the deadline passes first.
    /// </summary>
    public static async Task<GroupDescription> WaitAsync(IConsumerGroupGrain group, int members, CancellationToken deadline)
    {
        var description = await group.DescribeAsync().WaitAsync(deadline).ConfigureAwait(false);
        for (var poll = 0; poll < MaxPolls && !IsBalanced(description, members); poll++)
        {
            await Task.Delay(PollInterval, deadline).ConfigureAwait(false);
            description = await group.DescribeAsync().WaitAsync(deadline).ConfigureAwait(false);
        }
        return description;
    }

    private static bool IsBalanced(GroupDescription description, int members)
    {
        if (description.Members.Count != members || description.Partitions.Count == 0) return false;
        if (description.Partitions.Any(p => p.Owner is null)) return false;
        var held = description.Members.Select(m => m.Partitions).ToArray();
        return held.Max() - held.Min() <= 1;
    }
}

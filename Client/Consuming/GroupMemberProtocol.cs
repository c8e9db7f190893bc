namespace AkLight.Client.Consuming;

/// <summary>
/// The member side of a consumer group, the same for every door (the .NET <see cref="GroupConsumer"/>, and the
/// broker's HTTP, MQTT and Kafka doors): a member reads its partitions through its own session
/// (<see cref="GroupMemberSession"/>), and follows each new assignment by handing back what is revoked, then
/// reading what it owns.
/// </summary>
public static class GroupMemberProtocol
{
    /// <summary>The group grain of <paramref name="group"/>; throws for a blank name.</summary>
    public static IConsumerGroupGrain Group(IGrainFactory grains, string group) =>
        string.IsNullOrWhiteSpace(group) ? throw new ArgumentException("a consumer group needs a name", nameof(group)) : grains.GetGrain<IConsumerGroupGrain>(group);

    /// <summary>
    /// Follows <paramref name="assignment"/>: commits <paramref name="commits"/> and releases the revoked partitions
    /// (their next owner starts after the last commit; what was read since is delivered again there, at least
    /// once), then points the member's session at the partitions it owns. A partition kept across the change
    /// continues from <paramref name="progress"/> where the member got further than the group's commit, so
    /// nothing is read twice. Returns the commits the group refused (partitions no longer the member's).
    /// </summary>
    public static async Task<IReadOnlyList<TopicPartitionOffset>> FollowAsync(IConsumerGroupGrain group, IConsumerSessionGrain session, string memberId,
        GroupAssignment assignment, IReadOnlyDictionary<TopicPartition, long> progress, IReadOnlyList<TopicPartitionOffset> commits)
    {
        IReadOnlyList<TopicPartitionOffset> refused = [];
        if (commits.Count > 0 || assignment.Revoked.Count > 0)
            refused = await group.CommitAsync(memberId, commits, assignment.Revoked).ConfigureAwait(false);
        var start = assignment.Partitions
            .Select(p => progress.TryGetValue(p.TopicPartition, out var mine) && mine > p.Offset ? p with { Offset = mine } : p)
            .ToArray();
        await session.AssignAsync(start).ConfigureAwait(false);
        return refused;
    }
}

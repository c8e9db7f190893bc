namespace AkLight;

/// <summary>
/// A consumer group: the live members sharing the partitions matched by their filters, each partition
/// owned by exactly one member at a time, and the group's committed offsets. Keyed by group name.
/// Messages do not pass through it: members read their partitions through their own sessions.
/// </summary>
public interface IConsumerGroupGrain : ITopicWatcher
{
    /// <summary>Adds (or re-adds) a member and rebalances; returns the member's assignment.</summary>
    Task<GroupAssignment> JoinAsync(string memberId, IReadOnlyList<string> filters, StartFrom startFrom = StartFrom.Latest);

    /// <summary>
    /// Keeps the member alive and returns its current assignment. A member that misses heartbeats for the
    /// member timeout is removed and its partitions move to the others.
    /// </summary>
    Task<GroupAssignment> HeartbeatAsync(string memberId);

    /// <summary>
    /// Commits offsets (each the next offset to read) for partitions the member owns and hands back the
    /// partitions in <paramref name="release"/>, which the group then gives to their new owners. Commits
    /// for partitions the member no longer owns are refused and returned.
    /// </summary>
    Task<IReadOnlyList<TopicPartitionOffset>> CommitAsync(string memberId, IReadOnlyList<TopicPartitionOffset> offsets, IReadOnlyList<TopicPartition> release);

    /// <summary>
    /// Commits <paramref name="offsets"/> for members coordinated outside this grain (Kafka clients, whose own group
    /// protocol the Kafka door runs), then returns every committed offset of the group; with none it only reads
    /// them. Refused while the group has members of its own, which own the commits of their partitions, and, for a
    /// group nobody owns yet, to anyone but a superuser: a group is taken by joining it.
    /// </summary>
    Task<IReadOnlyList<TopicPartitionOffset>> CommitUnassignedAsync(IReadOnlyList<TopicPartitionOffset> offsets);

    /// <summary>
    /// Checks the caller may use the group (its owner, a superuser, or anyone while it has none) and returns its
    /// owner; with <paramref name="claim"/>, a group nobody owns becomes the caller's, as a first join makes it.
    /// For doors that run a group's membership elsewhere (Kafka's JoinGroup claims the group of its name).
    /// </summary>
    [BrokerInternal]
    Task<string?> CheckOwnerAsync(bool claim);

    /// <summary>Removes the member; its partitions move to the others at once.</summary>
    Task LeaveAsync(string memberId);

    /// <summary>Members, assignments, committed offsets and lag per partition.</summary>
    Task<GroupDescription> DescribeAsync();
}

/// <summary>What a member should read now.</summary>
/// <param name="Generation">Changes whenever this member's assignment changes.</param>
/// <param name="Partitions">Owned partitions, each with the offset to start from (the group's commit, or the start position).</param>
/// <param name="Revoked">Partitions to commit and release: they are moving to another member.</param>
[GenerateSerializer, Immutable, Alias("AkLight.GroupAssignment")]
public sealed record class GroupAssignment(
    [property: Id(0)] long Generation,
    [property: Id(1)] IReadOnlyList<TopicPartitionOffset> Partitions,
    [property: Id(2)] IReadOnlyList<TopicPartition> Revoked);

/// <summary>A group as <c>kafka-consumer-groups --describe</c> shows it.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.GroupDescription")]
public sealed record class GroupDescription(
    [property: Id(0)] string Group,
    [property: Id(1)] IReadOnlyList<GroupMemberDescription> Members,
    [property: Id(2)] IReadOnlyList<GroupPartitionDescription> Partitions);

[GenerateSerializer, Immutable, Alias("AkLight.GroupMemberDescription")]
public sealed record class GroupMemberDescription(
    [property: Id(0)] string MemberId,
    [property: Id(1)] IReadOnlyList<string> Filters,
    [property: Id(2)] DateTimeOffset LastHeartbeat,
    [property: Id(3)] int Partitions);

/// <param name="Owner">The member reading it, or null while unassigned.</param>
/// <param name="Committed">The group's committed offset, if any.</param>
[GenerateSerializer, Immutable, Alias("AkLight.GroupPartitionDescription")]
public sealed record class GroupPartitionDescription(
    [property: Id(0)] string Topic,
    [property: Id(1)] int Partition,
    [property: Id(2)] string? Owner,
    [property: Id(3)] long? Committed,
    [property: Id(4)] long EndOffset)
{
    /// <summary>Log end offset minus committed offset: messages the group has not committed.</summary>
    public long Lag => Math.Max(0, EndOffset - (Committed ?? 0));
}

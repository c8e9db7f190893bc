using AkLight.Client.Consuming;

namespace AkLight.Silo.Broker;

/// <summary>
/// Consumer-group membership for the doors that keep nothing between requests (HTTP, and any door whose member
/// is one request at a time): every fetch or heartbeat first brings the member's session in line with the
/// group's latest assignment, through the same <see cref="GroupMemberProtocol"/> as the .NET client.
/// </summary>
public sealed class GroupMembership(IGrainFactory grains, IOptions<GroupOptions> options)
{
    /// <summary>
    /// Longest fetch wait: a fetch is also the member's heartbeat, so it must come back well inside the
    /// member timeout (<c>AkLight:Groups:MemberTimeout</c>).
    /// </summary>
    public TimeSpan MaxFetchWait => options.Value.MemberTimeout / 3;

    /// <summary>Every group <paramref name="principal"/> may see (its own; all for a superuser).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(Principal principal)
    {
        CallerIdentity.Set(principal);
        return await grains.GetGrain<IGroupDirectoryGrain>(IGroupDirectoryGrain.Key).ListAsync();
    }

    public async Task<GroupDescription> DescribeAsync(Principal principal, string group)
    {
        CallerIdentity.Set(principal);
        return await GroupMemberProtocol.Group(grains, group).DescribeAsync();
    }

    /// <summary>Adds <paramref name="memberId"/> to <paramref name="group"/> reading <paramref name="filters"/>, each checked against the principal's rules.</summary>
    public async Task<GroupAssignment> JoinAsync(Principal principal, string group, string memberId, IReadOnlyList<string> filters, StartFrom from)
    {
        var groupGrain = GroupMemberProtocol.Group(grains, group);
        foreach (var filter in new SessionOptions(filters, false).ParseFilters()) AccessPolicy.Authorize(principal, BrokerOperation.Consume, filter);
        CallerIdentity.Set(principal);
        var assignment = await groupGrain.JoinAsync(memberId, filters, from);
        await FollowAsync(group, memberId, assignment);
        return assignment;
    }

    /// <summary>Keeps the member alive and applies its latest assignment; throws <see cref="UnknownMemberException"/> when the group forgot it.</summary>
    public async Task<GroupAssignment> HeartbeatAsync(Principal principal, string group, string memberId)
    {
        CallerIdentity.Set(principal);
        var assignment = await GroupMemberProtocol.Group(grains, group).HeartbeatAsync(memberId);
        if (assignment.Generation < 0) throw new UnknownMemberException(group, memberId);
        await FollowAsync(group, memberId, assignment);
        return assignment;
    }

    /// <summary>A heartbeat, then up to <paramref name="maxMessages"/> of the member's messages.</summary>
    public async Task<(GroupAssignment Assignment, IReadOnlyList<ConsumedMessage> Messages)> FetchAsync(Principal principal, string group, string memberId, int maxMessages, TimeSpan wait)
    {
        var assignment = await HeartbeatAsync(principal, group, memberId);
        // What HeartbeatAsync set in its own frame does not flow back here: the fetch says for whom it is, too.
        CallerIdentity.Set(principal);
        var messages = await grains.GetMemberSession(group, memberId).FetchAsync(maxMessages, wait > MaxFetchWait ? MaxFetchWait : wait);
        return (assignment, messages);
    }

    /// <summary>Commits <paramref name="offsets"/>, or with none everything the member fetched; returns the commits the group refused.</summary>
    public async Task<IReadOnlyList<TopicPartitionOffset>> CommitAsync(Principal principal, string group, string memberId, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        AccessPolicy.AuthorizeCommits(principal, offsets);
        CallerIdentity.Set(principal);
        var commits = offsets.Count > 0
            ? offsets
            : (await HeldAsync(grains.GetMemberSession(group, memberId)))?.Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value)).ToArray() ?? [];
        return await GroupMemberProtocol.Group(grains, group).CommitAsync(memberId, commits, []);
    }

    /// <summary>
    /// Commits <paramref name="offsets"/> for a group whose members another door coordinates (Kafka's group
    /// protocol), each checked against the principal's consume rules; returns all the group's commits.
    /// </summary>
    public async Task<IReadOnlyList<TopicPartitionOffset>> CommitUnassignedAsync(Principal principal, string group, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        AccessPolicy.AuthorizeCommits(principal, offsets);
        CallerIdentity.Set(principal);
        return await GroupMemberProtocol.Group(grains, group).CommitUnassignedAsync(offsets);
    }

    /// <summary>
    /// The group's owner, once <paramref name="principal"/> is known to be allowed the group (throws
    /// <see cref="AccessDeniedException"/> otherwise); with <paramref name="claim"/>, a group nobody owns becomes
    /// the principal's.
    /// </summary>
    public async Task<string?> OwnerAsync(Principal principal, string group, bool claim)
    {
        CallerIdentity.Set(principal);
        return await GroupMemberProtocol.Group(grains, group).CheckOwnerAsync(claim);
    }

    /// <summary>Removes the member: its partitions move to the others at once.</summary>
    public async Task LeaveAsync(Principal principal, string group, string memberId)
    {
        CallerIdentity.Set(principal);
        await GroupMemberProtocol.Group(grains, group).LeaveAsync(memberId);
        await grains.GetMemberSession(group, memberId).CloseAsync();
    }

    private async Task FollowAsync(string group, string memberId, GroupAssignment assignment)
    {
        var session = grains.GetMemberSession(group, memberId);
        var held = await HeldAsync(session);
        var owned = assignment.Partitions;
        if (assignment.Revoked.Count == 0 && held is not null && held.Count == owned.Count && owned.All(p => held.ContainsKey(p.TopicPartition))) return;
        await GroupMemberProtocol.FollowAsync(GroupMemberProtocol.Group(grains, group), session, memberId, assignment, held ?? [], []);
    }

    /// <summary>The session's positions, or null when it is not open (never assigned, or lost with a silo).</summary>
    private static async Task<Dictionary<TopicPartition, long>?> HeldAsync(IConsumerSessionGrain session)
    {
        try
        {
            var info = await session.DescribeAsync();
            return info.Partitions.ToDictionary(p => new TopicPartition(p.Topic, p.Partition), p => p.Position);
        }
        catch (UnknownSessionException)
        {
            return null;
        }
    }
}

using AkLight.Grains.Options;
using AkLight.Silo.Api.Errors;
using Microsoft.Extensions.Options;

namespace AkLight.Silo.Api.Groups;

/// <summary>
/// Consumer-group members over HTTP, following <c>GroupConsumer</c>: a member reads its assigned partitions
/// through its own session (<c>group:{group}:{member}</c>), and every fetch or heartbeat first brings that
/// session in line with the group's latest assignment. Nothing is kept in the silo between requests.
/// </summary>
internal sealed class GroupMembers(IGrainFactory grains, IOptions<GroupOptions> options)
{
    /// <summary>
    /// Longest fetch wait: a fetch is also the member's heartbeat, so it must come back well inside the
    /// member timeout (<c>AkLight:Groups:MemberTimeout</c>).
    /// </summary>
    public TimeSpan MaxFetchWait => options.Value.MemberTimeout / 3;

    public IConsumerGroupGrain Group(string group) =>
        string.IsNullOrWhiteSpace(group) ? throw new ArgumentException("a consumer group needs a name") : grains.GetGrain<IConsumerGroupGrain>(group);

    /// <summary>The session a member reads through; the .NET client uses the same id.</summary>
    public IConsumerSessionGrain SessionOf(string group, string memberId) => grains.GetGrain<IConsumerSessionGrain>($"group:{group}:{memberId}");

    public async Task<GroupAssignment> JoinAsync(string group, string memberId, IReadOnlyList<string> filters, StartFrom from)
    {
        new SessionOptions(filters, false).ParseFilters();
        var assignment = await Group(group).JoinAsync(memberId, filters, from);
        await ApplyAsync(group, memberId, assignment);
        return assignment;
    }

    /// <summary>Keeps the member alive and applies its latest assignment; throws <see cref="UnknownMemberException"/> when the group forgot it.</summary>
    public async Task<GroupAssignment> HeartbeatAsync(string group, string memberId)
    {
        var assignment = await Group(group).HeartbeatAsync(memberId);
        if (assignment.Generation < 0) throw new UnknownMemberException(group, memberId);
        await ApplyAsync(group, memberId, assignment);
        return assignment;
    }

    /// <summary>The member's read position in each partition it reads now (what "commit everything fetched" commits).</summary>
    public async Task<IReadOnlyList<TopicPartitionOffset>> PositionsAsync(string group, string memberId) =>
        (await HeldAsync(SessionOf(group, memberId)))?.Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value)).ToArray() ?? [];

    private async Task ApplyAsync(string group, string memberId, GroupAssignment assignment)
    {
        // Revoked partitions go to their next owner right away. What this member committed stands; what it
        // fetched without committing is delivered again there (at least once).
        if (assignment.Revoked.Count > 0) await Group(group).CommitAsync(memberId, [], assignment.Revoked);
        var session = SessionOf(group, memberId);
        var held = await HeldAsync(session);
        var owned = assignment.Partitions;
        if (held is not null && held.Count == owned.Count && owned.All(p => held.ContainsKey(p.TopicPartition))) return;
        // A partition kept across a change continues where this member got to, so nothing is fetched twice.
        var start = owned
            .Select(p => held is not null && held.TryGetValue(p.TopicPartition, out var position) && position > p.Offset ? p with { Offset = position } : p)
            .ToArray();
        await session.AssignAsync(start);
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

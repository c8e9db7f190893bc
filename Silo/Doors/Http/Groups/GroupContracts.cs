using AkLight.Silo.Doors.Http.Json;

namespace AkLight.Silo.Doors.Http.Groups;

/// <summary>Every consumer group's name, sorted.</summary>
public sealed record class GroupList(IReadOnlyList<string> Groups);

/// <summary>A member joining a group (<c>GroupConsumer.JoinAsync</c>).</summary>
/// <param name="MemberId">The member's id; left out, one is made up.</param>
/// <param name="Filters">One or more topic filters.</param>
/// <param name="From">Where the group starts in partitions it has no commit for: <c>latest</c> (default) or <c>earliest</c>.</param>
public sealed record class JoinGroupRequest(string? MemberId, List<string>? Filters, string? From);

/// <summary>What a member reads now: owned partitions with the offset each starts (or continues) at.</summary>
public sealed record class MemberAssignment(string Group, string MemberId, long Generation, IReadOnlyList<PartitionOffsetJson> Partitions);

/// <summary>A member's fetch: its assignment at the time and the messages of its partitions.</summary>
public sealed record class GroupFetchResponse(long Generation, IReadOnlyList<PartitionJson> Partitions, IReadOnlyList<MessageJson> Messages);

/// <summary>Offsets to commit to the group, each the next to read; none (or no body) commits everything the member fetched.</summary>
public sealed record class GroupCommitRequest(List<PartitionOffsetJson>? Offsets);

/// <summary>Commits the group refused: partitions the member no longer owns.</summary>
public sealed record class GroupCommitResponse(IReadOnlyList<PartitionOffsetJson> Refused);

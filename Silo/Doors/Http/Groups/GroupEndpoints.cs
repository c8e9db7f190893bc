using AkLight.Silo.Doors.Http.Errors;
using AkLight.Silo.Doors.Http.Json;
using AkLight.Silo.Doors.Http.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AkLight.Silo.Doors.Http.Groups;

/// <summary>
/// <c>/api/groups</c>: consumer groups over HTTP, like <c>GroupConsumer</c>: join, fetch (which is also the
/// heartbeat), commit, leave; plus list and describe. A member must fetch or heartbeat at least once per member
/// timeout (<c>AkLight:Groups:MemberTimeout</c>, default 6 s) or its partitions move to the others.
/// </summary>
internal static class GroupEndpoints
{
    public static void MapGroupEndpoints(this IEndpointRouteBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Groups");
        groups.MapGet("", ListAsync).WithSummary("List consumer groups");
        groups.MapGet("/{group}", DescribeAsync)
            .WithSummary("Describe a group: members, owners, committed offsets and lag per partition");
        groups.MapPost("/{group}/members", JoinAsync)
            .WithSummary("Join a group")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        groups.MapPost("/{group}/members/{member}/heartbeat", HeartbeatAsync)
            .WithSummary("Keep a member alive and get its assignment")
            .ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPost("/{group}/members/{member}/fetch", FetchAsync)
            .WithSummary("Fetch the member's messages (long-poll; also a heartbeat)")
            .WithDescription("`max` (default 100) messages; `wait` seconds at most, capped at a third of the member timeout.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        groups.MapPost("/{group}/members/{member}/commit", CommitAsync)
            .WithSummary("Commit offsets to the group")
            .WithDescription("Each offset is the next to read. Without offsets commits everything the member fetched. Commits for partitions the member no longer owns are refused and listed.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        groups.MapDelete("/{group}/members/{member}", LeaveAsync)
            .WithSummary("Leave a group: the member's partitions move to the others at once");
    }

    private static async Task<Ok<GroupList>> ListAsync(Principal principal, GroupMembership members) =>
        TypedResults.Ok(new GroupList(await members.ListAsync(principal)));

    private static async Task<Ok<GroupDescription>> DescribeAsync(string group, Principal principal, GroupMembership members) =>
        TypedResults.Ok(await members.DescribeAsync(principal, group));

    private static async Task<Created<MemberAssignment>> JoinAsync(string group, JoinGroupRequest request, Principal principal, GroupMembership members)
    {
        var memberId = request.MemberId ?? $"http-{Guid.NewGuid():N}";
        var from = request.From?.Trim().ToLowerInvariant() switch
        {
            null or "latest" => StartFrom.Latest,
            "earliest" => StartFrom.Earliest,
            _ => throw new ArgumentException($"from '{request.From}' is not 'latest' or 'earliest'"),
        };
        var assignment = await members.JoinAsync(principal, group, memberId, request.Filters ?? [], from);
        return TypedResults.Created($"/api/groups/{Uri.EscapeDataString(group)}/members/{Uri.EscapeDataString(memberId)}", Describe(group, memberId, assignment));
    }

    private static async Task<Ok<MemberAssignment>> HeartbeatAsync(string group, string member, Principal principal, GroupMembership members) =>
        TypedResults.Ok(Describe(group, member, await members.HeartbeatAsync(principal, group, member)));

    private static async Task<Ok<GroupFetchResponse>> FetchAsync(string group, string member, int? max, double? wait, Principal principal, GroupMembership members)
    {
        var (count, waitFor) = FetchLimits.Check(max, wait, members.MaxFetchWait);
        var (assignment, messages) = await members.FetchAsync(principal, group, member, count, waitFor);
        return TypedResults.Ok(new GroupFetchResponse(assignment.Generation,
            assignment.Partitions.Select(p => PartitionJson.From(p.TopicPartition)).ToArray(),
            messages.Select(MessageJson.From).ToArray()));
    }

    private static async Task<Ok<GroupCommitResponse>> CommitAsync(string group, string member, GroupCommitRequest? request, Principal principal, GroupMembership members)
    {
        var offsets = PartitionOffsetJson.ToOffsets(request?.Offsets);
        var refused = await members.CommitAsync(principal, group, member, offsets);
        return TypedResults.Ok(new GroupCommitResponse(refused.Select(PartitionOffsetJson.From).ToArray()));
    }

    private static async Task<NoContent> LeaveAsync(string group, string member, Principal principal, GroupMembership members)
    {
        await members.LeaveAsync(principal, group, member);
        return TypedResults.NoContent();
    }

    private static MemberAssignment Describe(string group, string memberId, GroupAssignment assignment) =>
        new(group, memberId, assignment.Generation, assignment.Partitions.Select(PartitionOffsetJson.From).ToArray());
}

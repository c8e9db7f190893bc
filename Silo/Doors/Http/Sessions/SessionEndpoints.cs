using AkLight.Silo.Doors.Http.Errors;
using AkLight.Silo.Doors.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AkLight.Silo.Doors.Http.Sessions;

/// <summary>
/// <c>/api/sessions</c>: a consumer session over HTTP, one call per <c>ConsumerSession</c> method: open, describe,
/// fetch (long-poll), commit, seek, close. The session id is a path segment (percent-encode it).
/// </summary>
internal static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapPost("", OpenAsync)
            .WithSummary("Open a session")
            .WithDescription("Opening a persistent session that exists resumes it from its committed offsets; a non-persistent one starts afresh.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        sessions.MapGet("/{id}", DescribeAsync)
            .WithSummary("Describe a session: filters and position, committed offset and lag per partition")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapPost("/{id}/fetch", FetchAsync)
            .WithSummary("Fetch messages (long-poll)")
            .WithDescription($"Up to `max` (default 100, at most {FetchLimits.MaxMessages}) messages; when none are ready, waits up to `wait` seconds (default 0, at most `AkLight:Service:MaxFetchWait`, 20 s by default) for some.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        sessions.MapPost("/{id}/commit", CommitAsync)
            .WithSummary("Commit offsets")
            .WithDescription("Each offset is the next one to read. Without a body (or with no offsets) commits everything fetched so far.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        sessions.MapPost("/{id}/seek", SeekAsync)
            .WithSummary("Seek to an offset or a time")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status416RangeNotSatisfiable);
        sessions.MapDelete("/{id}", CloseAsync)
            .WithSummary("Close a session")
            .WithDescription("A persistent session's committed offsets are deleted too.");
    }

    private static async Task<Created<SessionInfo>> OpenAsync(OpenSessionRequest request, Principal principal, ConsumerSessions sessions)
    {
        var options = new SessionOptions(request.Filters ?? [], request.Persistent ?? false,
            request.From is null ? StartPosition.Latest : StartPosition.Parse(request.From));
        var info = await sessions.OpenAsync(principal, request.Id, options, "http");
        return TypedResults.Created($"/api/sessions/{Uri.EscapeDataString(info.Id)}", info);
    }

    private static async Task<Ok<SessionInfo>> DescribeAsync(string id, Principal principal, ConsumerSessions sessions) =>
        TypedResults.Ok(await sessions.DescribeAsync(principal, id));

    private static async Task<Ok<FetchResponse>> FetchAsync(string id, int? max, double? wait, Principal principal, ConsumerSessions sessions)
    {
        var (count, waitFor) = FetchLimits.Check(max, wait, sessions.MaxFetchWait);
        var messages = await sessions.FetchAsync(principal, id, count, waitFor);
        return TypedResults.Ok(new FetchResponse(messages.Select(MessageJson.From).ToArray()));
    }

    private static async Task<NoContent> CommitAsync(string id, CommitRequest? request, Principal principal, ConsumerSessions sessions)
    {
        var offsets = PartitionOffsetJson.ToOffsets(request?.Offsets);
        await sessions.CommitAsync(principal, id, offsets);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SeekAsync(string id, SeekRequest request, Principal principal, ConsumerSessions sessions)
    {
        if (request.Time is not null)
        {
            if (request.Offset is not null) throw new ArgumentException("give offset or time, not both");
            await sessions.SeekToTimeAsync(principal, id, Durations.ParseTime(request.Time, "time"), request.Topic);
        }
        else if (request is { Topic: { } topic, Partition: { } partition, Offset: { } offset })
        {
            await sessions.SeekAsync(principal, id, new TopicPartitionOffset(TopicName.Parse(topic).Value, partition, offset));
        }
        else
        {
            throw new ArgumentException("a seek needs topic, partition and offset, or a time");
        }
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> CloseAsync(string id, Principal principal, ConsumerSessions sessions)
    {
        await sessions.CloseAsync(principal, id);
        return TypedResults.NoContent();
    }
}

using AkLight.Silo.Doors.Http.Errors;
using AkLight.Silo.Doors.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AkLight.Silo.Doors.Http.Read;

/// <summary><c>GET /api/messages</c>: one partition's messages from an offset or a time, without a session.</summary>
internal static class ReadEndpoints
{
    /// <summary>Most messages one read returns.</summary>
    public const int MaxLimit = 1000;

    private const int MaxBytes = 8 * 1024 * 1024;

    public static void MapReadEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/messages", ReadAsync)
            .WithTags("Read")
            .WithSummary("Read a partition")
            .WithDescription("""
                Up to `limit` (default 100, at most 1000) messages of `topic` partition `partition` (default 0), from
                `offset`, or from the first message at or after `time` (ISO 8601; write `+` as `%2B`), or from the log
                start when neither is given. An offset outside the log answers 416 with `startOffset` and `endOffset`.
                `nextOffset` is where the next read continues.
                """)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status416RangeNotSatisfiable);
    }

    private static async Task<Ok<PartitionMessages>> ReadAsync(string topic, int? partition, long? offset, string? time, int? limit, Principal principal, PartitionReader reader)
    {
        var name = TopicName.Parse(topic);
        var count = limit ?? 100;
        if (count is < 1 or > MaxLimit) throw new ArgumentException($"limit must be between 1 and {MaxLimit}, got {count}");
        var number = partition ?? 0;
        var (from, read) = await reader.ReadAsync(principal, name.Value, number, offset, time is null ? null : Durations.ParseTime(time, "time"), count, MaxBytes);
        var next = read.Messages.Count > 0 ? read.Messages[^1].Offset + 1 : from;
        return TypedResults.Ok(new PartitionMessages(name.Value, number, read.Bounds.StartOffset, read.Bounds.EndOffset, next,
            read.Messages.Select(MessageJson.From).ToArray()));
    }
}

/// <summary>Messages of one partition, with its bounds at the time of the read.</summary>
/// <param name="NextOffset">The offset to read from next.</param>
public sealed record class PartitionMessages(
    string Topic, int Partition, long StartOffset, long EndOffset, long NextOffset, IReadOnlyList<MessageJson> Messages);

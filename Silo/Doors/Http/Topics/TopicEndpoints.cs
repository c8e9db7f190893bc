using AkLight.Silo.Doors.Http.Errors;
using AkLight.Silo.Doors.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AkLight.Silo.Doors.Http.Topics;

/// <summary>
/// <c>/api/topics</c>: list, describe, create, change retention, delete. Topic names travel in the query string
/// (GET, DELETE) or the JSON body (POST, PUT), never in the path: they contain <c>/</c>.
/// </summary>
internal static class TopicEndpoints
{
    public static void MapTopicEndpoints(this IEndpointRouteBuilder api)
    {
        var topics = api.MapGroup("/topics").WithTags("Topics");
        topics.MapGet("", ListAsync)
            .WithSummary("List topics")
            .WithDescription("Topics matching `filter` (default `#`: every topic not starting with `$`), sorted. With `details=true` each has its partition count, retention and message count.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        topics.MapGet("/info", DescribeAsync)
            .WithSummary("Describe a topic")
            .WithDescription("Partitions with their start and end offsets and message counts, retention, creation time.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        topics.MapPost("", CreateAsync)
            .WithSummary("Create a topic")
            .WithDescription("201 when created, 200 when it existed with the same partition count (its retention is set as asked). 409 when it exists with another partition count or compaction.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        topics.MapPut("/retention", SetRetentionAsync)
            .WithSummary("Change a topic's retention")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        topics.MapDelete("", DeleteAsync)
            .WithSummary("Delete a topic")
            .WithDescription("Its messages and index entry go; sessions reading it drop its partitions. Publishing to the name later creates a new topic.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<TopicList>> ListAsync(string? filter, bool? details, Principal principal, TopicAdministration topics, CancellationToken cancellationToken)
    {
        var names = await topics.ListAsync(principal, TopicFilter.Parse(string.IsNullOrEmpty(filter) ? "#" : filter));
        var items = details == true
            ? (await topics.DescribeManyAsync(principal, names, cancellationToken))
                .Select(t => new TopicListItem(t.Info.Name, t.Info.Partitions, Durations.Format(t.Info.Retention), t.Info.Compact, t.Messages)).ToArray()
            : names.Select(n => new TopicListItem(n)).ToArray();
        return TypedResults.Ok(new TopicList(items));
    }

    private static async Task<Ok<TopicDescription>> DescribeAsync(string topic, Principal principal, TopicAdministration topics) =>
        TypedResults.Ok(Describe(await topics.DescribeAsync(principal, topic)));

    private static async Task<Results<Created<TopicDescription>, Ok<TopicDescription>>> CreateAsync(
        CreateTopicRequest request, Principal principal, TopicAdministration topics)
    {
        var retention = request.Retention is null ? (TimeSpan?)null : Durations.Parse(request.Retention, "retention");
        var (topic, created) = await topics.CreateAsync(principal, TopicName.Parse(request.Topic).Value, request.Partitions, retention, request.Compact);
        var described = Describe(topic);
        return created
            ? TypedResults.Created($"/api/topics/info?topic={Uri.EscapeDataString(described.Name)}", described)
            : TypedResults.Ok(described);
    }

    private static async Task<Ok<TopicDescription>> SetRetentionAsync(RetentionRequest request, Principal principal, TopicAdministration topics) =>
        TypedResults.Ok(Describe(await topics.SetRetentionAsync(principal, TopicName.Parse(request.Topic).Value, Durations.Parse(request.Retention, "retention"))));

    private static async Task<NoContent> DeleteAsync(string topic, Principal principal, TopicAdministration topics)
    {
        await topics.DeleteAsync(principal, topic);
        return TypedResults.NoContent();
    }

    private static TopicDescription Describe(TopicDetails topic)
    {
        var info = topic.Info;
        var partitions = topic.Partitions.Select((b, p) => new PartitionDescription(p, b.StartOffset, b.EndOffset, b.Count)).ToArray();
        return new TopicDescription(info.Name, info.Partitions, Durations.Format(info.Retention), (long)info.Retention.TotalMilliseconds,
            info.Compact, info.CreatedAt, topic.Messages, partitions);
    }
}

using AkLight.Grains.Topics;
using AkLight.Silo.Api.Json;
using AkLight.Silo.Api.Produce;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AkLight.Silo.Api.Topics;

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
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        topics.MapPost("", CreateAsync)
            .WithSummary("Create a topic")
            .WithDescription("201 when created, 200 when it existed with the same partition count (its retention is set as asked). 409 when it exists with another partition count or compaction.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        topics.MapPut("/retention", SetRetentionAsync)
            .WithSummary("Change a topic's retention")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        topics.MapDelete("", DeleteAsync)
            .WithSummary("Delete a topic")
            .WithDescription("Its messages and index entry go; sessions reading it drop its partitions. Publishing to the name later creates a new topic.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<TopicList>> ListAsync(string? filter, bool? details, TopicQueries queries, CancellationToken cancellationToken)
    {
        var names = await queries.ListAsync(TopicFilter.Parse(string.IsNullOrEmpty(filter) ? "#" : filter));
        var items = details == true
            ? await queries.ListWithDetailsAsync(names, cancellationToken)
            : names.Select(n => new TopicListItem(n)).ToArray();
        return TypedResults.Ok(new TopicList(items));
    }

    private static async Task<Ok<TopicDescription>> DescribeAsync(string topic, TopicQueries queries) =>
        TypedResults.Ok(await queries.DescribeAsync(topic));

    private static async Task<Results<Created<TopicDescription>, Ok<TopicDescription>>> CreateAsync(
        CreateTopicRequest request, IGrainFactory grains, TopicDefaults defaults, TopicQueries queries)
    {
        var name = TopicName.Parse(request.Topic);
        var grain = grains.GetGrain<ITopicGrain>(name.Value);
        var existing = await grain.GetAsync();
        // Left-out settings keep what an existing topic has, else the defaults its name would get on first publish.
        var fallback = existing?.Settings ?? defaults.For(name);
        var settings = new TopicSettings(
            request.Partitions ?? fallback.Partitions,
            request.Retention is null ? fallback.Retention : Durations.Parse(request.Retention, "retention"),
            request.Compact ?? fallback.Compact);
        await grain.CreateAsync(settings);
        var described = await queries.DescribeAsync(name.Value);
        return existing is null
            ? TypedResults.Created($"/api/topics/info?topic={Uri.EscapeDataString(name.Value)}", described)
            : TypedResults.Ok(described);
    }

    private static async Task<Ok<TopicDescription>> SetRetentionAsync(RetentionRequest request, IGrainFactory grains, TopicQueries queries)
    {
        var name = TopicName.Parse(request.Topic);
        await grains.GetGrain<ITopicGrain>(name.Value).SetRetentionAsync(Durations.Parse(request.Retention, "retention"));
        return TypedResults.Ok(await queries.DescribeAsync(name.Value));
    }

    private static async Task<NoContent> DeleteAsync(string topic, IGrainFactory grains, SharedProducer producer)
    {
        var name = TopicName.Parse(topic);
        await grains.GetGrain<ITopicGrain>(name.Value).DeleteAsync();
        // The producer remembers partition counts per topic; a topic created again under the name may differ.
        await producer.ForgetAsync();
        return TypedResults.NoContent();
    }
}

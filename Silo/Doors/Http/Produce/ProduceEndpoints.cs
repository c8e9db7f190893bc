using AkLight.Silo.Doors.Http.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AkLight.Silo.Doors.Http.Produce;

/// <summary><c>POST /api/produce</c>: one message or a batch, answered with partition and offset per message once durable.</summary>
internal static class ProduceEndpoints
{
    public static void MapProduceEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/produce", ProduceAsync)
            .WithTags("Produce")
            .WithSummary("Produce one message or a batch")
            .WithDescription("""
                Body: `{"topic":"t","key":"k","payload":"text","headers":[{"name":"n","value":"v"}]}` for one message, or
                `{"topic":"t","messages":[{...},{...}]}` for a batch. `"encoding":"base64"` (`"keyEncoding":"base64"`) marks a
                base64 payload (key); a payload that is a JSON object or number is stored as its JSON text. The answer
                comes once every message is durable. When some messages fail, the problem document's `results` says
                which were stored.
                """)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<ProduceResponse>, ProblemHttpResult>> ProduceAsync(ProduceRequest request, Principal principal, Publisher publisher)
    {
        var (topic, records) = ProduceRequestReader.Read(request, publisher.MaxMessageBytes);
        var outcomes = await publisher.PublishAsync(principal, topic.Value, records);
        if (outcomes.All(o => o.Result is not null))
            return TypedResults.Ok(new ProduceResponse(outcomes.Select(o => new DeliveryJson(o.Result!.Topic, o.Result.Partition, o.Result.Offset)).ToArray()));

        // Nothing is half-acknowledged per message, but a batch may be partly stored: say which messages were.
        var failure = outcomes.First(o => o.Error is not null).Error!;
        var problem = ApiProblems.From(failure);
        problem.Extensions["results"] = outcomes
            .Select(o => o.Result is { } r ? (object)new DeliveryJson(r.Topic, r.Partition, r.Offset) : new { error = o.Error!.Message })
            .ToArray();
        return TypedResults.Problem(problem);
    }
}

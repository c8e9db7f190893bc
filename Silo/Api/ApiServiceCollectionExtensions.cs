using System.Text.Encodings.Web;
using AkLight.Grains.Options;
using AkLight.Silo.Api.Errors;
using AkLight.Silo.Api.Groups;
using AkLight.Silo.Api.Produce;
using AkLight.Silo.Api.Topics;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace AkLight.Silo.Api;

/// <summary>Registers the HTTP API's services.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>The API's services, its JSON settings, problem documents and the OpenAPI document.</summary>
    public static IServiceCollection AddAkLightApi(this IServiceCollection services, HttpSettings http)
    {
        services.AddSingleton(http);
        services.AddSingleton<TopicQueries>();
        services.AddSingleton<GroupMembers>();
        services.AddSingleton(sp => new SharedProducer(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<BrokerOptions>(), http));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context => StatusProblems.Complete(context, http));
        // A request that does not bind (bad JSON, a number that is not one) becomes an exception, so it gets a problem document naming the cause.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Topic filters keep their '+' instead of "\u002B"; responses are JSON, never inlined into HTML.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "AKLight broker HTTP API",
                    Version = "v1",
                    Description = ApiDescription.Text,
                };
                return Task.CompletedTask;
            });
        });
        return services;
    }
}

using System.Text.Encodings.Web;
using AkLight.Silo.Doors.Http.Errors;
using AkLight.Silo.Doors.Http.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;

namespace AkLight.Silo.Doors.Http;

/// <summary>Registers the HTTP door: its authentication, and (when served) the API's JSON, problem documents and OpenAPI document.</summary>
public static class HttpDoorServiceExtensions
{
    /// <summary>The policy of the dashboard: an administrator of every topic.</summary>
    public const string SuperuserPolicy = "superuser";

    /// <summary>
    /// The HTTP door. Every request authenticates through the broker's <see cref="AccessPolicy"/> (API key as Bearer,
    /// or Basic credentials); the endpoints then act as that principal.
    /// </summary>
    public static IServiceCollection AddHttpDoor(this IServiceCollection services, HttpOptions http, bool servesApi)
    {
        services.AddSingleton(http);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPolicy(SuperuserPolicy, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.Resource is HttpContext request && request.BrokerPrincipalOrNull()?.IsSuperuser == true));
        services.AddHttpContextAccessor();
        // Endpoints take the request's principal as a parameter, like any service.
        services.AddScoped(sp => sp.GetRequiredService<IHttpContextAccessor>().HttpContext!.BrokerPrincipal());
        if (http.CorsOrigins.Count > 0)
            services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins([.. http.CorsOrigins]).AllowAnyHeader().AllowAnyMethod()));
        if (servesApi) services.AddApi(http);
        return services;
    }

    private static void AddApi(this IServiceCollection services, HttpOptions http)
    {
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
    }
}

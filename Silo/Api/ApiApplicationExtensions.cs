using AkLight.Silo.Api.Errors;
using AkLight.Silo.Api.Groups;
using AkLight.Silo.Api.Produce;
using AkLight.Silo.Api.Read;
using AkLight.Silo.Api.Sessions;
using AkLight.Silo.Api.Streaming;
using AkLight.Silo.Api.Topics;
using Microsoft.AspNetCore.Builder;

namespace AkLight.Silo.Api;

/// <summary>Serves the HTTP API under <c>/api</c>, its OpenAPI document and the web console.</summary>
public static class ApiApplicationExtensions
{
    /// <summary>The API, <c>/openapi/v1.json</c> and the web console at <c>/</c> (files from <c>wwwroot</c>).</summary>
    public static WebApplication UseAkLightApi(this WebApplication app)
    {
        app.UseMiddleware<ApiErrorMiddleware>();
        // Empty error answers (an unknown path, a wrong method) get a problem document too.
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The console is a handful of small files: always revalidated, so an upgraded silo serves the new ones.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });

        var api = app.MapGroup("/api");
        api.MapTopicEndpoints();
        api.MapProduceEndpoints();
        api.MapReadEndpoints();
        api.MapStreamEndpoints();
        api.MapSessionEndpoints();
        api.MapGroupEndpoints();
        app.MapOpenApi();
        return app;
    }
}

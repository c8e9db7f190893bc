using AkLight.Silo.Doors.Http.Errors;
using AkLight.Silo.Doors.Http.Groups;
using AkLight.Silo.Doors.Http.Produce;
using AkLight.Silo.Doors.Http.Read;
using AkLight.Silo.Doors.Http.Security;
using AkLight.Silo.Doors.Http.Sessions;
using AkLight.Silo.Doors.Http.Streaming;
using AkLight.Silo.Doors.Http.Topics;

namespace AkLight.Silo.Doors.Http;

/// <summary>Serves the HTTP door: the API under <c>/api</c>, its OpenAPI document and the web console.</summary>
public static class HttpDoorApplicationExtensions
{
    /// <summary>
    /// Problem documents for every failure, the cross-site guard, authentication, then the console's files (which
    /// hold no data, so they need no key) and, when <paramref name="servesApi"/>, the API (which does).
    /// </summary>
    public static WebApplication UseHttpDoor(this WebApplication app, HttpOptions http, bool servesApi)
    {
        app.UseMiddleware<ApiErrorMiddleware>();
        // Empty error answers (an unknown path, a wrong method) get a problem document too.
        app.UseStatusCodePages();
        app.UseMiddleware<CrossOriginGuard>();
        if (http.CorsOrigins.Count > 0) app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        if (!servesApi) return app;

        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The console is a handful of small files: always revalidated, so an upgraded silo serves the new ones.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });

        var api = app.MapGroup("/api").RequireAuthorization();
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

namespace AkLight.Silo.Doors.Http.Errors;

/// <summary>
/// The problem documents an endpoint may answer with, declared in one call for the OpenAPI document
/// (each as <see cref="OpenApiRouteHandlerBuilderExtensions.ProducesProblem"/> declares it).
/// </summary>
internal static class ProblemResponses
{
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes) endpoint.ProducesProblem(statusCode);
        return endpoint;
    }
}

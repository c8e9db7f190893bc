namespace AkLight.Silo.Doors.Http.Errors;

/// <summary>
/// Completes the problem documents ASP.NET Core writes by itself (an unknown path, a wrong method, a body over
/// the size limit, which it refuses before any endpoint runs) with the same <c>code</c> and a <c>detail</c>.
/// </summary>
internal static class StatusProblems
{
    public static void Complete(ProblemDetailsContext context, HttpOptions http)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code")) return; // one of ours, complete already
        var request = context.HttpContext.Request;
        var (code, detail) = problem.Status switch
        {
            StatusCodes.Status404NotFound => ("not-found", $"nothing is served at {request.Path}; the API is described at /openapi/v1.json"),
            StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", $"{request.Method} is not allowed on {request.Path}"),
            StatusCodes.Status413PayloadTooLarge => ("body-too-large", $"the request body is over the limit of {http.MaxRequestBytes} bytes (AkLight:Http:MaxRequestBytes)"),
            StatusCodes.Status400BadRequest => ("bad-request", "the request could not be read"),
            _ => ("error", problem.Title ?? "the request failed"),
        };
        problem.Extensions["code"] = code;
        problem.Detail ??= detail;
    }
}

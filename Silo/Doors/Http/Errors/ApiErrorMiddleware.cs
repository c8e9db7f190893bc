namespace AkLight.Silo.Doors.Http.Errors;

/// <summary>
/// Answers any failure of a request with a problem document (see <see cref="ApiProblems"/>) instead of an empty
/// 500. A response already under way (a stream) cannot change its status, so those failures are only logged.
/// </summary>
internal sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception error) when (!context.Response.HasStarted)
        {
            var problem = ApiProblems.From(error);
            if (problem.Status >= StatusCodes.Status500InternalServerError) LogFailed(logger, error, context.Request.Method, context.Request.Path, error.Message);
            context.Response.Clear();
            await Results.Problem(problem).ExecuteAsync(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP {Method} {Path} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Exception error, string method, string path, string reason);
}

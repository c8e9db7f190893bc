using AkLight.Silo.Doors.Http.Errors;
using AkLight.Silo.Doors.Http.Json;
using Microsoft.AspNetCore.Http.Json;

namespace AkLight.Silo.Doors.Http.Streaming;

/// <summary>
/// <c>GET /api/stream</c>: messages of one or more filters as Server-Sent Events, through a non-persistent session
/// that lives as long as the connection. Works with <c>curl -N</c> and the browser's <c>EventSource</c>.
/// </summary>
internal static partial class StreamEndpoints
{
    private const int FetchSize = 500;

    /// <summary>How long one fetch waits on the broker; also how soon a closed connection is noticed between messages.</summary>
    private static readonly TimeSpan FetchWait = TimeSpan.FromSeconds(5);

    /// <summary>A comment line goes out after this much silence, so proxies and clients keep the connection.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void MapStreamEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/stream", StreamAsync)
            .WithTags("Read")
            .WithSummary("Stream messages of filters (Server-Sent Events)")
            .WithDescription("""
                `filter` (repeatable; `#` as `%23`, `+` as `%2B`), `from` = `latest` (default), `earliest` or an ISO-8601
                time. The first line is a comment naming the session (`: session http-stream-...`); then one event per
                message, `data: {json}` in the Consumer tool's `--json` shape; a `: keepalive` comment after 15 s of
                silence; an `event: error` with a problem document if the stream fails. The session closes when the
                client disconnects.
                """)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task StreamAsync(HttpContext context, string[]? filter, string? from, Principal principal, ConsumerSessions sessions,
        StreamSlots slots, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        var options = new SessionOptions(filter ?? [], Persistent: false, from is null ? StartPosition.Latest : StartPosition.Parse(from));
        options.ParseFilters(); // a bad filter is a 400 problem, before the stream starts
        using var slot = slots.Acquire(principal);
        var id = (await sessions.OpenAsync(principal, null, options, "http-stream")).Id;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellation = stop.Token;
        var events = new EventStreamWriter(context.Response, json.Value.SerializerOptions);
        try
        {
            await events.StartAsync(cancellation);
            await events.WriteCommentAsync($"session {id}", cancellation);
            var quietSince = DateTime.UtcNow;
            // Ends when the client disconnects or the silo stops; each turn waits at most FetchWait.
            while (!cancellation.IsCancellationRequested)
            {
                var batch = await sessions.FetchAsync(principal, id, FetchSize, FetchWait).WaitAsync(cancellation);
                foreach (var message in batch) await events.WriteDataAsync(MessageJson.From(message), cancellation);
                if (batch.Count > 0)
                {
                    await events.FlushAsync(cancellation);
                    quietSince = DateTime.UtcNow;
                }
                else if (DateTime.UtcNow - quietSince >= Heartbeat)
                {
                    await events.WriteCommentAsync("keepalive", cancellation);
                    quietSince = DateTime.UtcNow;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away or the silo is stopping.
        }
        catch (Exception error) when (!cancellation.IsCancellationRequested)
        {
            // The status line is long gone: tell the client in the stream, then end it.
            var problem = ApiProblems.From(error);
            LogStreamFailed(loggers.CreateLogger(typeof(StreamEndpoints)), error, id, error.Message);
            try
            {
                await events.WriteEventAsync("error", problem, cancellation);
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // Gone as well.
            }
        }
        finally
        {
            await CloseAsync(sessions, principal, id, loggers);
        }
    }

    private static async Task CloseAsync(ConsumerSessions sessions, Principal principal, string id, ILoggerFactory loggers)
    {
        try
        {
            await sessions.CloseAsync(principal, id);
        }
        catch (Exception error)
        {
            // A non-persistent session keeps nothing: left open, it is only collected later.
            LogCloseFailed(loggers.CreateLogger(typeof(StreamEndpoints)), error, id, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event stream of session {Session} failed: {Reason}")]
    private static partial void LogStreamFailed(ILogger logger, Exception error, string session, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing the event stream session {Session} failed: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, Exception error, string session, string reason);
}

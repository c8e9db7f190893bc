using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace AkLight.Silo.Doors.Http.Errors;

/// <summary>
/// Turns an exception into an RFC 7807 problem document: the status a client can act on, the broker's own
/// message as <c>detail</c>, and a short <c>code</c> extension (e.g. <c>unknown-topic</c>) for programs.
/// </summary>
internal static class ApiProblems
{
    public static ProblemDetails From(Exception error) => error switch
    {
        BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body-too-large" : "bad-request", Describe(bad)),
        MessageTooLargeException big => Problem(StatusCodes.Status413PayloadTooLarge, "message-too-large", big.Message, ("size", big.Size), ("limit", big.Limit)),
        OffsetOutOfRangeException range => Problem(StatusCodes.Status416RangeNotSatisfiable, "offset-out-of-range", range.Message,
            ("topic", range.Partition.Topic), ("partition", range.Partition.Partition), ("requested", range.Requested),
            ("startOffset", range.Bounds.StartOffset), ("endOffset", range.Bounds.EndOffset)),
        UnknownTopicException topic => Problem(StatusCodes.Status404NotFound, "unknown-topic", topic.Message, ("topic", topic.Topic)),
        UnknownSessionException session => Problem(StatusCodes.Status404NotFound, "unknown-session", session.Message, ("session", session.SessionId)),
        AuthenticationRequiredException unauthenticated => Problem(StatusCodes.Status401Unauthorized, "unauthenticated", unauthenticated.Message),
        AccessDeniedException denied => Problem(StatusCodes.Status403Forbidden, "forbidden", denied.Message),
        InternalCallException internalCall => Problem(StatusCodes.Status403Forbidden, "internal", internalCall.Message),
        LimitExceededException limit => Problem(limit.IsQuota ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest, "limit-exceeded", limit.Message, ("limit", limit.Limit), ("value", limit.Value), ("setting", limit.Setting)),
        UnknownMemberException member => Problem(StatusCodes.Status404NotFound, "unknown-member", member.Message, ("group", member.Group), ("member", member.MemberId)),
        StoreUnavailableException store => Problem(StatusCodes.Status503ServiceUnavailable, "store-unavailable", store.Message),
        StaleWriterException stale => Problem(StatusCodes.Status503ServiceUnavailable, "stale-writer", stale.Message, ("partition", stale.Partition)),
        // The producer gave up retrying: what it names as the cause is the store or the cluster being away.
        AkLightException { InnerException: { } cause } when IsUnavailable(cause) => Problem(StatusCodes.Status503ServiceUnavailable, "store-unavailable", error.Message),
        JsonException json => Problem(StatusCodes.Status400BadRequest, "bad-json", json.Message),
        ArgumentException argument => Problem(StatusCodes.Status400BadRequest, "bad-request", MessageOf(argument)),
        FormatException => Problem(StatusCodes.Status400BadRequest, "bad-request", error.Message),
        // What is left of the broker's own errors is a request at odds with a topic's state (another partition count).
        AkLightException => Problem(StatusCodes.Status409Conflict, "conflict", error.Message),
        _ when IsUnavailable(error) => Problem(StatusCodes.Status503ServiceUnavailable, "broker-unavailable", error.Message),
        _ => Problem(StatusCodes.Status500InternalServerError, "internal-error", "the broker failed to handle the request; its log has the details"),
    };

    /// <summary>A problem document with <paramref name="status"/>, <paramref name="code"/> and <paramref name="detail"/>.</summary>
    public static ProblemDetails Problem(int status, string code, string detail, params (string Name, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = TitleOf(status), Detail = detail };
        problem.Extensions["code"] = code;
        foreach (var (name, value) in extensions) problem.Extensions[name] = value;
        return problem;
    }

    /// <summary>Answers <paramref name="context"/> with <paramref name="problem"/>.</summary>
    public static Task WriteAsync(HttpContext context, ProblemDetails problem) => Results.Problem(problem).ExecuteAsync(context);

    /// <summary>The message alone: without .NET's " (Parameter 'value')" and "Actual value was" lines, which name code, not input.</summary>
    private static string MessageOf(ArgumentException error)
    {
        var message = error.Message.Split('\n')[0].TrimEnd('\r');
        return error.ParamName is { } name ? message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : message;
    }

    private static bool IsUnavailable(Exception error) =>
        error is StoreUnavailableException or StaleWriterException or TimeoutException or OrleansException;

    /// <summary>The binding failure with its JSON cause ("... as JSON: 'x' is an invalid start of a value. Path: $.topic").</summary>
    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is JsonException json ? $"{bad.Message.TrimEnd('.')}: {json.Message}" : bad.Message;

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status429TooManyRequests => "Limit exceeded",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Payload too large",
        StatusCodes.Status416RangeNotSatisfiable => "Offset out of range",
        StatusCodes.Status503ServiceUnavailable => "Service unavailable",
        _ => "Internal error",
    };
}

using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace AkLight.Silo.Doors.Http.Streaming;

/// <summary>Writes a Server-Sent Events response: <c>data:</c> events, comment lines, each flushed at once.</summary>
internal sealed class EventStreamWriter(HttpResponse response, JsonSerializerOptions json)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    /// <summary>Sends the headers: an event stream that no proxy or buffer holds back.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(cancellationToken);
    }

    /// <summary>Queues one event whose data is <paramref name="value"/> as one line of JSON; call <see cref="FlushAsync"/> after a batch.</summary>
    public async Task WriteDataAsync<T>(T value, CancellationToken cancellationToken)
    {
        // JSON written without indentation has no line breaks, so it is exactly one data line.
        await response.Body.WriteAsync(DataPrefix, cancellationToken);
        await JsonSerializer.SerializeAsync(response.Body, value, json, cancellationToken);
        await response.Body.WriteAsync(EventEnd, cancellationToken);
    }

    /// <summary>A named event (<c>event: name</c>) with JSON data, flushed.</summary>
    public async Task WriteEventAsync<T>(string name, T value, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($"event: {name}\n"), cancellationToken);
        await WriteDataAsync(value, cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>A comment line (<c>: text</c>), which clients ignore: keeps the connection and proxies awake. Flushed.</summary>
    public async Task WriteCommentAsync(string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($": {text.ReplaceLineEndings(" ")}\n\n"), cancellationToken);
        await FlushAsync(cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => response.Body.FlushAsync(cancellationToken);
}

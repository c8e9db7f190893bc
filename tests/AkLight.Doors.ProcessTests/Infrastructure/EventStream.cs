namespace AkLight.Doors.ProcessTests.Infrastructure;

/// <summary>A Server-Sent Events response read line by line, as <c>curl -N</c> shows it.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader, string sessionId)
    {
        _response = response;
        _reader = reader;
        SessionId = sessionId;
    }

    /// <summary>The session the stream reads through, from its first comment line.</summary>
    public string SessionId { get; }

    /// <summary>The comment lines seen so far (keep-alives).</summary>
    public List<string> Comments { get; } = [];

    /// <summary>Opens <paramref name="path"/> and reads up to the session comment; the subscription exists then.</summary>
    public static async Task<EventStream> OpenAsync(HttpClient http, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        // Only a refusal has a body to show: a stream's body never ends.
        if (!response.IsSuccessStatusCode) Assert.Fail($"stream refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await ReadLineAsync(reader, TimeSpan.FromSeconds(15));
        Assert.NotNull(first);
        Assert.StartsWith(": session ", first);
        return new EventStream(response, reader, first[": session ".Length..]);
    }

    /// <summary>The next <c>data:</c> event as JSON; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var line = await ReadLineAsync(_reader, deadline - DateTime.UtcNow);
            if (line is null) throw new EndOfStreamException("the stream ended");
            if (line.StartsWith(':')) Comments.Add(line);
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            else Assert.True(line.Length == 0, $"unexpected line in the stream: {line}");
        }
    }

    /// <summary>The next <paramref name="count"/> events.</summary>
    public async Task<List<JsonElement>> NextAsync(int count, TimeSpan timeout)
    {
        var events = new List<JsonElement>();
        for (var i = 0; i < count; i++) events.Add(await NextAsync(timeout));
        return events;
    }

    /// <summary>One line, or <see cref="TimeoutException"/>: the wait ends even if the read does not notice its cancellation.</summary>
    private static async Task<string?> ReadLineAsync(StreamReader reader, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero) throw new TimeoutException("no event within the time given");
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return await reader.ReadLineAsync(cancellation.Token).AsTask().WaitAsync(timeout + TimeSpan.FromSeconds(1));
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no event within {timeout.TotalSeconds:0.#} s");
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

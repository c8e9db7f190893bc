namespace AkLight.Doors.ProcessTests.Api;

/// <summary><c>GET /api/stream</c>: Server-Sent Events of a filter, from earliest, latest or a time.</summary>
public sealed class StreamApiTests(SharedSilo shared) : SharedSiloTest(shared)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task From_earliest_the_stream_sends_what_is_kept_then_what_arrives_even_on_new_topics()
    {
        var level = Names.Unique("sse");
        using var before = await Http.PostJsonAsync("api/produce", new { topic = $"{level}/a/cpu", messages = new[] { new { key = "k", payload = "one" }, new { key = "k", payload = "two" } } });
        await before.JsonAsync();

        await using var stream = await EventStream.OpenAsync(Http, $"api/stream?filter={Q(level + "/+/cpu")}&from=earliest");
        var kept = await stream.NextAsync(2, EventTimeout);
        Assert.Equal(["one", "two"], kept.Select(m => m.GetProperty("payload").GetString()!).ToArray());
        Assert.Equal($"{level}/a/cpu", kept[0].GetProperty("topic").GetString());
        Assert.Equal("k", kept[0].GetProperty("key").GetString());
        Assert.True(kept[0].TryGetProperty("timestamp", out _));

        // A topic created after the stream opened is found through the topic index; one the filter misses is not sent.
        using var other = await Http.PostJsonAsync("api/produce", new { topic = $"{level}/b/memory", payload = "skipped" });
        await other.JsonAsync();
        using var after = await Http.PostJsonAsync("api/produce", new { topic = $"{level}/b/cpu", payload = "three" });
        await after.JsonAsync();
        var arrived = await stream.NextAsync(EventTimeout);
        Assert.Equal("three", arrived.GetProperty("payload").GetString());
        Assert.Equal($"{level}/b/cpu", arrived.GetProperty("topic").GetString());
    }

    [Fact]
    public async Task From_latest_only_new_messages_come_and_from_a_time_those_since()
    {
        var topic = Names.Unique("sse") + "/t";
        using var old = await Http.PostJsonAsync("api/produce", new { topic, key = "k", payload = "old" });
        await old.JsonAsync();
        await Task.Delay(50);
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        using var recent = await Http.PostJsonAsync("api/produce", new { topic, key = "k", payload = "recent" });
        await recent.JsonAsync();

        await using (var latest = await EventStream.OpenAsync(Http, $"api/stream?filter={Q(topic)}"))
        {
            using var fresh = await Http.PostJsonAsync("api/produce", new { topic, key = "k", payload = "fresh" });
            await fresh.JsonAsync();
            Assert.Equal("fresh", (await latest.NextAsync(EventTimeout)).GetProperty("payload").GetString());
        }

        await using var fromTime = await EventStream.OpenAsync(Http, $"api/stream?filter={Q(topic)}&from={Q(since.ToString("O"))}");
        var events = await fromTime.NextAsync(2, EventTimeout);
        Assert.Equal(["recent", "fresh"], events.Select(m => m.GetProperty("payload").GetString()!).ToArray());
    }

    [Fact]
    public async Task Several_filters_share_one_stream()
    {
        var level = Names.Unique("sse");
        await using var stream = await EventStream.OpenAsync(Http, $"api/stream?filter={Q(level + "/x")}&filter={Q(level + "/y/#")}");
        using var x = await Http.PostJsonAsync("api/produce", new { topic = $"{level}/x", payload = "x" });
        await x.JsonAsync();
        var first = await stream.NextAsync(EventTimeout);
        using var y = await Http.PostJsonAsync("api/produce", new { topic = $"{level}/y/z", payload = "y" });
        await y.JsonAsync();
        var second = await stream.NextAsync(EventTimeout);
        Assert.Equal(["x", "y"], new[] { first, second }.Select(m => m.GetProperty("payload").GetString()!).Order().ToArray());
    }

    [Fact]
    public async Task Disconnecting_closes_the_stream_session()
    {
        string session;
        await using (var stream = await EventStream.OpenAsync(Http, $"api/stream?filter={Q(Names.Unique("sse") + "/#")}"))
        {
            session = stream.SessionId;
            using var open = await Http.GetAsync($"api/sessions/{Q(session)}");
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }
        // The server notices between two fetches (5 s at most) and closes the session.
        await Wait.UntilAsync(async () =>
        {
            using var response = await Http.GetAsync($"api/sessions/{Q(session)}");
            return response.StatusCode == HttpStatusCode.NotFound;
        }, TimeSpan.FromSeconds(20), "the stream's session to close");
    }

    [Fact]
    public async Task A_bad_filter_or_start_is_a_400_problem_not_a_stream()
    {
        using var noFilter = await Http.GetAsync("api/stream");
        await noFilter.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var badFilter = await Http.GetAsync($"api/stream?filter={Q("a/#/b")}");
        await badFilter.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var badFrom = await Http.GetAsync($"api/stream?filter={Q("a/#")}&from=tomorrow-ish");
        await badFrom.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }
}

namespace AkLight.Doors.ProcessTests.Api;

/// <summary><c>/api/sessions</c>: open, describe, fetch with long-poll, commit, seek, close; 400, 404 and 416.</summary>
public sealed class SessionApiTests(SharedSilo shared) : SharedSiloTest(shared)
{
    private async Task<JsonElement> OnlyPartitionAsync(string id) =>
        Assert.Single((await Http.GetJsonAsync($"api/sessions/{Q(id)}")).GetProperty("partitions").EnumerateArray());

    [Fact]
    public async Task A_session_fetches_commits_seeks_and_closes()
    {
        var topic = await CreateTopicAsync("session", partitions: 1, messages: 4);
        var id = Names.Unique("reader");
        using var opened = await Http.PostJsonAsync("api/sessions", new { id, filters = new[] { topic }, from = "earliest" });
        var info = await opened.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(id, info.GetProperty("id").GetString());
        Assert.False(info.GetProperty("persistent").GetBoolean());
        Assert.Equal($"/api/sessions/{Q(id)}", opened.Headers.Location?.OriginalString);

        Assert.Equal(["m0", "m1"], await FetchPayloadsAsync(id, max: 2));
        Assert.Equal(["m2", "m3"], await FetchPayloadsAsync(id));

        using (var commitAll = await Http.PostAsync($"api/sessions/{Q(id)}/commit", null))
            Assert.Equal(HttpStatusCode.NoContent, commitAll.StatusCode);
        Assert.Equal(4, (await OnlyPartitionAsync(id)).GetProperty("committed").GetInt64());
        using (var commitOne = await Http.PostJsonAsync($"api/sessions/{Q(id)}/commit", new { offsets = new[] { new { topic, partition = 0, offset = 1 } } }))
            Assert.Equal(HttpStatusCode.NoContent, commitOne.StatusCode);
        Assert.Equal(1, (await OnlyPartitionAsync(id)).GetProperty("committed").GetInt64());

        using (var seek = await Http.PostJsonAsync($"api/sessions/{Q(id)}/seek", new { topic, partition = 0, offset = 1 }))
            Assert.Equal(HttpStatusCode.NoContent, seek.StatusCode);
        Assert.Equal(["m1", "m2", "m3"], await FetchPayloadsAsync(id));
        using (var seekTime = await Http.PostJsonAsync($"api/sessions/{Q(id)}/seek", new { time = DateTimeOffset.UtcNow.AddDays(-1).ToString("O") }))
            Assert.Equal(HttpStatusCode.NoContent, seekTime.StatusCode);
        Assert.Equal(["m0", "m1", "m2", "m3"], await FetchPayloadsAsync(id));

        using (var outOfRange = await Http.PostJsonAsync($"api/sessions/{Q(id)}/seek", new { topic, partition = 0, offset = 99 }))
            Assert.Equal(4, (await outOfRange.ProblemAsync(HttpStatusCode.RequestedRangeNotSatisfiable, "offset-out-of-range")).GetProperty("endOffset").GetInt64());
        using (var notSubscribed = await Http.PostJsonAsync($"api/sessions/{Q(id)}/seek", new { topic = "other/topic", partition = 0, offset = 0 }))
            await notSubscribed.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using (var incomplete = await Http.PostJsonAsync($"api/sessions/{Q(id)}/seek", new { topic }))
            await incomplete.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");

        using (var closed = await Http.DeleteAsync($"api/sessions/{Q(id)}"))
            Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        using var afterClose = await Http.PostAsync($"api/sessions/{Q(id)}/fetch", null);
        await afterClose.ProblemAsync(HttpStatusCode.NotFound, "unknown-session");
        using var describeClosed = await Http.GetAsync($"api/sessions/{Q(id)}");
        await describeClosed.ProblemAsync(HttpStatusCode.NotFound, "unknown-session");
    }

    [Fact]
    public async Task A_fetch_long_polls_until_a_message_arrives()
    {
        var topic = await CreateTopicAsync("session", partitions: 1, messages: 0);
        var id = Names.Unique("poller");
        await OpenSessionAsync(id, topic);

        var clock = Stopwatch.StartNew();
        var fetch = FetchPayloadsAsync(id, wait: 15);
        await Task.Delay(700);
        using (var produced = await Http.PostJsonAsync("api/produce", new { topic, payload = "woke" }))
            await produced.JsonAsync();
        Assert.Equal(["woke"], await fetch);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the fetch took {clock.Elapsed}: it did not return when the message arrived");

        var quiet = Stopwatch.StartNew();
        Assert.Empty(await FetchPayloadsAsync(id, wait: 1));
        Assert.True(quiet.Elapsed >= TimeSpan.FromSeconds(0.9), "an empty fetch waited for its wait");
    }

    [Fact]
    public async Task A_persistent_session_resumes_after_its_commit()
    {
        var topic = await CreateTopicAsync("session", partitions: 1, messages: 3);
        var id = Names.Unique("durable");
        using (var opened = await Http.PostJsonAsync("api/sessions", new { id, filters = new[] { topic }, persistent = true, from = "earliest" }))
            Assert.True((await opened.JsonAsync(HttpStatusCode.Created)).GetProperty("persistent").GetBoolean());
        Assert.Equal(["m0", "m1", "m2"], await FetchPayloadsAsync(id));
        using (var commit = await Http.PostJsonAsync($"api/sessions/{Q(id)}/commit", new { offsets = new[] { new { topic, partition = 0, offset = 2 } } }))
            Assert.Equal(HttpStatusCode.NoContent, commit.StatusCode);

        // Opening it again resumes from the commit: what was fetched but not committed comes again.
        using (var reopened = await Http.PostJsonAsync("api/sessions", new { id, filters = new[] { topic }, persistent = true, from = "latest" }))
            await reopened.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(["m2"], await FetchPayloadsAsync(id));
        using var closed = await Http.DeleteAsync($"api/sessions/{Q(id)}");
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
    }

    [Fact]
    public async Task A_deleted_topic_drops_out_of_a_session_and_comes_back_new()
    {
        var topic = await CreateTopicAsync("session", partitions: 1, messages: 2);
        var id = Names.Unique("deleted");
        using (var opened = await Http.PostJsonAsync("api/sessions", new { id, filters = new[] { topic.Split('/')[0] + "/#" }, from = "earliest" }))
            await opened.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(["m0", "m1"], await FetchPayloadsAsync(id));

        using (var deleted = await Http.DeleteAsync($"api/topics?topic={Q(topic)}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await FetchPayloadsAsync(id, wait: 0.5));
        await Wait.UntilAsync(async () => (await Http.GetJsonAsync($"api/sessions/{Q(id)}")).GetProperty("partitions").GetArrayLength() == 0,
            TimeSpan.FromSeconds(10), "the session to drop the deleted topic");

        using (var reborn = await Http.PostJsonAsync("api/produce", new { topic, payload = "reborn" }))
            await reborn.JsonAsync();
        var fetched = new List<string>();
        await Wait.UntilAsync(async () => { fetched.AddRange(await FetchPayloadsAsync(id, wait: 1)); return fetched.Count > 0; },
            TimeSpan.FromSeconds(20), "the session to read the topic created again");
        Assert.Equal(["reborn"], fetched);
    }

    [Fact]
    public async Task Bad_sessions_are_400_and_unknown_ones_404()
    {
        using var noFilters = await Http.PostJsonAsync("api/sessions", new { id = Names.Unique("bad") });
        await noFilters.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var badFilter = await Http.PostJsonAsync("api/sessions", new { filters = new[] { "a/#/b" } });
        await badFilter.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var badFrom = await Http.PostJsonAsync("api/sessions", new { filters = new[] { "a/#" }, from = "soonish" });
        await badFrom.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var blankId = await Http.PostJsonAsync("api/sessions", new { id = " ", filters = new[] { "a/#" } });
        await blankId.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");

        using var made = await Http.PostJsonAsync("api/sessions", new { filters = new[] { "a/#" } });
        var id = (await made.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        Assert.StartsWith("http-", id);
        using var zero = await Http.PostAsync($"api/sessions/{Q(id)}/fetch?max=0", null);
        await zero.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var negativeWait = await Http.PostAsync($"api/sessions/{Q(id)}/fetch?wait=-1", null);
        await negativeWait.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var closed = await Http.DeleteAsync($"api/sessions/{Q(id)}");
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);

        var unknown = Names.Unique("never-opened");
        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => Http.GetAsync($"api/sessions/{unknown}"),
            () => Http.PostAsync($"api/sessions/{unknown}/fetch", null),
            () => Http.PostAsync($"api/sessions/{unknown}/commit", null),
            () => Http.PostJsonAsync($"api/sessions/{unknown}/seek", new { time = "2025-01-01T00:00:00Z" }),
        })
        {
            using var response = await request();
            await response.ProblemAsync(HttpStatusCode.NotFound, "unknown-session");
        }
    }
}

namespace AkLight.Doors.ProcessTests.Abuse;

/// <summary>
/// What a principal with a key could learn or plant over HTTP beyond its rules: offsets of a topic it may not read
/// through a commit, or names carrying terminal escapes and forged log lines. Each is refused and changes nothing.
/// </summary>
public sealed class HttpAbuseTests(SecuredSilo fixture) : SecuredSiloTest(fixture)
{
    [Fact]
    public async Task A_commit_or_seek_on_a_topic_the_caller_may_not_read_is_403_whether_or_not_the_topic_exists()
    {
        var secret = $"other/{Names.Unique("secret")}";
        using var admin = Secured.As("admin");
        using (var created = await admin.PostJsonAsync("api/topics", new { topic = secret, partitions = 1, retention = "01:00:00" })) await created.JsonAsync(HttpStatusCode.Created);
        using (var stored = await admin.PostJsonAsync("api/produce", new { topic = secret, payload = "hidden" })) await stored.JsonAsync();
        var missing = $"other/{Names.Unique("missing")}";

        using var monitor = Secured.As("monitor");
        var group = Names.Unique("nosy");
        using (var joined = await monitor.PostJsonAsync($"api/groups/{group}/members", new { memberId = "m1", filters = new[] { "metrics/#" } })) await joined.JsonAsync(HttpStatusCode.Created);
        var session = Names.Unique("nosy");
        using (var opened = await monitor.PostJsonAsync("api/sessions", new { id = session, filters = new[] { "metrics/#" } })) await opened.JsonAsync(HttpStatusCode.Created);

        var details = new List<string?>();
        foreach (var topic in new[] { secret, missing })
        {
            var offsets = new[] { new { topic, partition = 0, offset = 999L } };
            foreach (var path in new[] { $"api/groups/{group}/members/m1/commit", $"api/sessions/{Q(session)}/commit" })
            {
                using var refused = await monitor.PostJsonAsync(path, new { offsets });
                var problem = await refused.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
                Assert.False(problem.TryGetProperty("endOffset", out _), "a refusal tells no offsets");
                details.Add(problem.GetProperty("detail").GetString()?.Replace(topic, "TOPIC", StringComparison.Ordinal));
            }
            using var seek = await monitor.PostJsonAsync($"api/sessions/{Q(session)}/seek", new { topic, partition = 0, offset = 0 });
            await seek.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        Assert.Single(details.Distinct()); // the same words for a topic that exists and one that does not
    }

    [Theory]
    [InlineData("\u001b[31m")] // a terminal colour escape
    [InlineData("\nforged log line")]
    [InlineData("\u0085")]
    public async Task Names_with_control_characters_are_refused_in_topics_sessions_and_groups(string control)
    {
        using var admin = Secured.As("admin");
        var topic = $"metrics/{Names.Unique("ctl")}{control}";
        using (var created = await admin.PostJsonAsync("api/topics", new { topic, partitions = 1, retention = "01:00:00" }))
            Assert.Contains("control character", (await created.ProblemAsync(HttpStatusCode.BadRequest, "bad-request")).GetProperty("detail").GetString());
        using (var produced = await admin.PostJsonAsync("api/produce", new { topic, payload = "x" }))
            await produced.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using (var opened = await admin.PostJsonAsync("api/sessions", new { id = Names.Unique("s") + control, filters = new[] { "metrics/#" } }))
            Assert.Contains("session id", (await opened.ProblemAsync(HttpStatusCode.BadRequest, "bad-request")).GetProperty("detail").GetString());
        var group = Uri.EscapeDataString(Names.Unique("g") + control);
        using (var joined = await admin.PostJsonAsync($"api/groups/{group}/members", new { memberId = "m1", filters = new[] { "metrics/#" } }))
            Assert.Contains("consumer group name", (await joined.ProblemAsync(HttpStatusCode.BadRequest, "bad-request")).GetProperty("detail").GetString());

        var topics = (await admin.GetJsonAsync("api/topics")).ToString();
        Assert.DoesNotContain(control, topics, StringComparison.Ordinal);
        var groups = (await admin.GetJsonAsync("api/groups")).ToString();
        Assert.DoesNotContain(control, groups, StringComparison.Ordinal);
    }
}

namespace AkLight.Doors.ProcessTests.Security;

/// <summary>The HTTP door × every role × every operation: allowed works; denied is 401 or 403 and changes nothing.</summary>
public sealed class HttpDoorSecurityTests(SecuredSilo fixture) : SecuredSiloTest(fixture)
{
    [Fact]
    public async Task Without_a_valid_key_every_API_call_and_the_dashboard_are_401_but_the_console_page_loads()
    {
        foreach (var principal in new string?[] { null, "agent:wrong-secret", "nobody:secret", "garbage" })
        {
            using var http = Secured.As(principal);
            foreach (var (method, path) in new[] { ("GET", "api/topics"), ("GET", "api/topics/info?topic=metrics%2Fx"), ("DELETE", "api/topics?topic=metrics%2Fx"),
                         ("GET", "api/messages?topic=metrics%2Fx"), ("GET", "api/stream?filter=metrics%2F%23"), ("GET", "api/groups"), ("GET", "dashboard/") })
            {
                using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
                var challenge = response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values) ? string.Join(", ", values) : "";
                Assert.True(challenge.Contains("Bearer", StringComparison.Ordinal), $"{method} {path} as {principal ?? "nobody"}: WWW-Authenticate '{challenge}'");
            }
            using var produce = await http.PostJsonAsync("api/produce", new { topic = "metrics/x", payload = "p" });
            await produce.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        }
        using var anonymous = Secured.As(null);
        using var page = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Only_principals_allowed_to_produce_on_a_topic_can_and_a_refused_produce_stores_nothing()
    {
        var topic = $"metrics/{Names.Unique("produce")}/cpu";
        using var agent = Secured.As("agent");
        using (var stored = await agent.PostJsonAsync("api/produce", new { topic, key = "k", payload = "1" })) await stored.JsonAsync();
        using var admin = Secured.As("admin");
        using (var stored = await admin.PostJsonAsync("api/produce", new { topic, key = "k", payload = "2" })) await stored.JsonAsync();

        foreach (var denied in new[] { "monitor", "outsider" })
        {
            using var http = Secured.As(denied);
            using var refused = await http.PostJsonAsync("api/produce", new { topic, key = "k", payload = "x" });
            var problem = await refused.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            Assert.Contains($"'{denied}' may not produce '{topic}'", problem.GetProperty("detail").GetString());
        }
        using var monitor = Secured.As("monitor");
        using (var alert = await monitor.PostJsonAsync("api/produce", new { topic = $"alerts/{Names.Unique("a")}", payload = "fired" })) await alert.JsonAsync();

        var described = await admin.GetJsonAsync($"api/topics/info?topic={Q(topic)}");
        Assert.Equal(2, described.GetProperty("messages").GetInt64());
    }

    [Fact]
    public async Task Only_admins_create_change_and_delete_topics_and_a_refused_call_changes_nothing()
    {
        var topic = $"metrics/{Names.Unique("admin")}/t";
        using var admin = Secured.As("admin");
        using (var created = await admin.PostJsonAsync("api/topics", new { topic, partitions = 2, retention = "01:00:00" })) await created.JsonAsync(HttpStatusCode.Created);

        foreach (var denied in new[] { "agent", "monitor", "outsider" })
        {
            using var http = Secured.As(denied);
            using (var create = await http.PostJsonAsync("api/topics", new { topic = $"metrics/{Names.Unique("no")}", partitions = 1 }))
                await create.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            using (var retention = await http.PutJsonAsync("api/topics/retention", new { topic, retention = "00:05:00" }))
                await retention.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            using (var delete = await http.DeleteAsync($"api/topics?topic={Q(topic)}"))
                await delete.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        var unchanged = await admin.GetJsonAsync($"api/topics/info?topic={Q(topic)}");
        Assert.Equal("01:00:00", unchanged.GetProperty("retention").GetString());
        Assert.Equal(2, unchanged.GetProperty("partitionCount").GetInt32());

        using (var retention = await admin.PutJsonAsync("api/topics/retention", new { topic, retention = "00:05:00" })) await retention.JsonAsync();
        using (var delete = await admin.DeleteAsync($"api/topics?topic={Q(topic)}")) Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await admin.GetAsync($"api/topics/info?topic={Q(topic)}");
        await gone.ProblemAsync(HttpStatusCode.NotFound, "unknown-topic");
    }

    [Fact]
    public async Task Listings_show_only_what_a_principal_may_reach_and_reads_need_consume()
    {
        var level = Names.Unique("list");
        var metric = $"metrics/{level}/cpu";
        var other = $"other/{level}";
        using var admin = Secured.As("admin");
        foreach (var topic in new[] { metric, other })
            using (var stored = await admin.PostJsonAsync("api/produce", new { topic, payload = "v" })) await stored.JsonAsync();

        using var monitor = Secured.As("monitor");
        using var outsider = Secured.As("outsider");
        var seenByMonitor = TopicNames(await monitor.GetJsonAsync("api/topics"));
        Assert.Contains(metric, seenByMonitor);
        Assert.DoesNotContain(other, seenByMonitor);
        var seenByOutsider = TopicNames(await outsider.GetJsonAsync("api/topics?details=true"));
        Assert.Contains(other, seenByOutsider);
        Assert.DoesNotContain(metric, seenByOutsider);

        using (var read = await monitor.GetAsync($"api/messages?topic={Q(metric)}")) Assert.Equal(1, (await read.JsonAsync()).GetProperty("messages").GetArrayLength());
        using (var read = await Secured.As("agent").GetAsync($"api/messages?topic={Q(metric)}")) await read.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var read = await outsider.GetAsync($"api/messages?topic={Q(metric)}")) await read.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var describe = await outsider.GetAsync($"api/topics/info?topic={Q(metric)}")) await describe.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var stream = await outsider.GetAsync($"api/stream?filter={Q("metrics/#")}")) await stream.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_session_belongs_to_its_principal_and_a_subscription_beyond_the_rules_is_refused_naming_the_filter()
    {
        var topic = $"metrics/{Names.Unique("session")}/cpu";
        using var monitor = Secured.As("monitor");
        using var outsider = Secured.As("outsider");
        var id = Names.Unique("monitor-session");

        using (var beyond = await monitor.PostJsonAsync("api/sessions", new { id, filters = new[] { "#" } }))
            Assert.Contains("'monitor' may not consume '#'", (await beyond.ProblemAsync(HttpStatusCode.Forbidden, "forbidden")).GetProperty("detail").GetString());
        using (var theirs = await outsider.PostJsonAsync("api/sessions", new { id, filters = new[] { "metrics/#" } }))
            Assert.Contains("'metrics/#'", (await theirs.ProblemAsync(HttpStatusCode.Forbidden, "forbidden")).GetProperty("detail").GetString());

        using (var open = await monitor.PostJsonAsync("api/sessions", new { id, filters = new[] { "metrics/#" }, persistent = true, from = "earliest" })) await open.JsonAsync(HttpStatusCode.Created);
        using (var stored = await Secured.As("agent").PostJsonAsync("api/produce", new { topic, payload = "m1" })) await stored.JsonAsync();

        // Another principal can neither take the id over nor use the session: fetch, commit, seek, describe, close.
        var path = $"api/sessions/{Uri.EscapeDataString(id)}";
        using (var reopen = await outsider.PostJsonAsync("api/sessions", new { id, filters = new[] { "other/#" } })) await reopen.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var fetch = await outsider.PostAsync($"{path}/fetch?max=10&wait=0", null)) await fetch.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var commit = await outsider.PostJsonAsync($"{path}/commit", new { })) await commit.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var seek = await outsider.PostJsonAsync($"{path}/seek", new { time = DateTimeOffset.UtcNow.ToString("O") })) await seek.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var describe = await outsider.GetAsync(path)) await describe.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var close = await outsider.DeleteAsync(path)) await close.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        // The owner's session is untouched: the message is still there for it.
        var messages = await Fetch(monitor, path, m => m.GetProperty("topic").GetString() == topic);
        Assert.Equal(["m1"], messages.Select(m => m.GetProperty("payload").GetString()));
        using (var close = await monitor.DeleteAsync(path)) Assert.Equal(HttpStatusCode.NoContent, close.StatusCode);
    }

    [Fact]
    public async Task A_consumer_group_belongs_to_the_principal_whose_member_joined_first()
    {
        var group = Names.Unique("group");
        using var monitor = Secured.As("monitor");
        using var outsider = Secured.As("outsider");
        using (var join = await monitor.PostJsonAsync($"api/groups/{group}/members", new { memberId = "m1", filters = new[] { "metrics/#" } })) await join.JsonAsync(HttpStatusCode.Created);

        using (var join = await outsider.PostJsonAsync($"api/groups/{group}/members", new { memberId = "o1", filters = new[] { "other/#" } })) await join.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var heartbeat = await outsider.PostAsync($"api/groups/{group}/members/m1/heartbeat", null)) await heartbeat.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var fetch = await outsider.PostAsync($"api/groups/{group}/members/m1/fetch", null)) await fetch.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var leave = await outsider.DeleteAsync($"api/groups/{group}/members/m1")) await leave.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var describe = await outsider.GetAsync($"api/groups/{group}")) await describe.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.DoesNotContain(group, Groups(await outsider.GetJsonAsync("api/groups")));

        Assert.Contains(group, Groups(await monitor.GetJsonAsync("api/groups")));
        Assert.Contains(group, Groups(await Secured.As("admin").GetJsonAsync("api/groups"))); // a superuser sees every group
        var members = (await monitor.GetJsonAsync($"api/groups/{group}")).GetProperty("members");
        Assert.Equal("m1", Assert.Single(members.EnumerateArray()).GetProperty("memberId").GetString());
        using (var leave = await monitor.DeleteAsync($"api/groups/{group}/members/m1")) Assert.Equal(HttpStatusCode.NoContent, leave.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_is_for_administrators_of_every_topic()
    {
        using (var admin = Secured.As("admin"))
        using (var page = await admin.GetAsync("dashboard/")) Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var monitor = Secured.As("monitor");
        using var refused = await monitor.GetAsync("dashboard/");
        await refused.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private static string[] TopicNames(JsonElement list) => list.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray();

    private static string[] Groups(JsonElement list) => list.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!).ToArray();

    private static async Task<List<JsonElement>> Fetch(HttpClient http, string session, Func<JsonElement, bool> wanted)
    {
        var found = new List<JsonElement>();
        for (var attempt = 0; attempt < 20 && found.Count == 0; attempt++)
        {
            using var fetch = await http.PostAsync($"{session}/fetch?max=100&wait=1", null);
            found.AddRange((await fetch.JsonAsync()).GetProperty("messages").EnumerateArray().Where(wanted));
        }
        return found;
    }
}

namespace AkLight.Doors.ProcessTests.Api;

/// <summary><c>/api/groups</c>: join, fetch (heartbeat), commit, leave, list, describe.</summary>
public sealed class GroupApiTests(SharedSilo shared) : SharedSiloTest(shared)
{
    private async Task<JsonElement> FetchAsync(string group, string member, double wait = 0)
    {
        using var response = await Http.PostAsync($"api/groups/{group}/members/{member}/fetch?max=100&wait={wait}", null);
        return await response.JsonAsync();
    }

    private static string[] Payloads(JsonElement fetch) =>
        fetch.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("payload").GetString()!).ToArray();

    [Fact]
    public async Task Members_share_the_partitions_commit_to_the_group_and_leave()
    {
        var topic = Names.Unique("group") + "/jobs";
        var group = Names.Unique("workers");
        using (var create = await Http.PostJsonAsync("api/topics", new { topic, partitions = 2 }))
            await create.JsonAsync(HttpStatusCode.Created);
        using (var produced = await Http.PostJsonAsync("api/produce", new { topic, messages = Enumerable.Range(0, 6).Select(i => new { payload = $"job{i}" }) }))
            await produced.JsonAsync();

        using var joined = await Http.PostJsonAsync($"api/groups/{group}/members", new { memberId = "m1", filters = new[] { topic }, from = "earliest" });
        var assignment = await joined.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, assignment.GetProperty("partitions").GetArrayLength());

        var received = new List<string>();
        await Wait.UntilAsync(async () => { received.AddRange(Payloads(await FetchAsync(group, "m1", wait: 1))); return received.Count >= 6; },
            TimeSpan.FromSeconds(20), "member m1 to fetch every job");
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"job{i}").Order(), received.Order());

        using (var commit = await Http.PostAsync($"api/groups/{group}/members/m1/commit", null))
            Assert.Equal(0, (await commit.JsonAsync()).GetProperty("refused").GetArrayLength());
        var described = await Http.GetJsonAsync($"api/groups/{group}");
        Assert.All(described.GetProperty("partitions").EnumerateArray(), p => Assert.Equal(0, p.GetProperty("lag").GetInt64()));
        Assert.Equal("m1", Assert.Single(described.GetProperty("members").EnumerateArray()).GetProperty("memberId").GetString());

        // A second member takes one partition over; both keep fetching (their heartbeat) while the group hands it over.
        using (var second = await Http.PostJsonAsync($"api/groups/{group}/members", new { memberId = "m2", filters = new[] { topic } }))
            await second.JsonAsync(HttpStatusCode.Created);
        await Wait.UntilAsync(async () =>
        {
            var one = (await FetchAsync(group, "m1")).GetProperty("partitions").GetArrayLength();
            var two = (await FetchAsync(group, "m2")).GetProperty("partitions").GetArrayLength();
            return one == 1 && two == 1;
        }, TimeSpan.FromSeconds(20), "the group to give each member one partition");

        using (var refused = await Http.PostJsonAsync($"api/groups/{group}/members/m2/commit", new { offsets = new[] { new { topic, partition = 0, offset = 0 }, new { topic, partition = 1, offset = 0 } } }))
            Assert.Equal(1, (await refused.JsonAsync()).GetProperty("refused").GetArrayLength());

        using (var left = await Http.DeleteAsync($"api/groups/{group}/members/m1"))
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        await Wait.UntilAsync(async () => (await FetchAsync(group, "m2")).GetProperty("partitions").GetArrayLength() == 2,
            TimeSpan.FromSeconds(20), "m2 to own both partitions after m1 left");
        using (var gone = await Http.PostAsync($"api/groups/{group}/members/m1/heartbeat", null))
            await gone.ProblemAsync(HttpStatusCode.NotFound, "unknown-member");
        using (var beat = await Http.PostAsync($"api/groups/{group}/members/m2/heartbeat", null))
            Assert.Equal(2, (await beat.JsonAsync()).GetProperty("partitions").GetArrayLength());

        var groups = await Http.GetJsonAsync("api/groups");
        Assert.Contains(groups.GetProperty("groups").EnumerateArray(), g => g.GetString() == group);
        using var leave = await Http.DeleteAsync($"api/groups/{group}/members/m2");
        Assert.Equal(HttpStatusCode.NoContent, leave.StatusCode);
    }

    [Fact]
    public async Task Bad_joins_are_400_and_unknown_members_404()
    {
        var group = Names.Unique("bad-group");
        using var noFilters = await Http.PostJsonAsync($"api/groups/{group}/members", new { memberId = "m" });
        await noFilters.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var badFrom = await Http.PostJsonAsync($"api/groups/{group}/members", new { filters = new[] { "a/#" }, from = "2025-01-01" });
        await badFrom.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var unknown = await Http.PostAsync($"api/groups/{group}/members/nobody/fetch", null);
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "unknown-member");
    }
}

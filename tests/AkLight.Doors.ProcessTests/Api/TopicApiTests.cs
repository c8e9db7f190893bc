namespace AkLight.Doors.ProcessTests.Api;

/// <summary><c>/api/topics</c>: list, describe, create, retention, delete, and their errors.</summary>
public sealed class TopicApiTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task A_topic_is_created_described_listed_changed_and_deleted()
    {
        var level = Names.Unique("topics");
        var topic = $"{level}/orders/eu";

        using var created = await Http.PostJsonAsync("api/topics", new { topic, partitions = 3, retention = "PT2H" });
        Assert.Equal("/api/topics/info?topic=" + Q(topic), created.Headers.Location?.OriginalString);
        var description = await created.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(topic, description.GetProperty("name").GetString());
        Assert.Equal(3, description.GetProperty("partitionCount").GetInt32());
        Assert.Equal("02:00:00", description.GetProperty("retention").GetString());
        Assert.Equal(3, description.GetProperty("partitions").GetArrayLength());

        // Creating it again with the same partition count is fine; another count is a conflict.
        using var again = await Http.PostJsonAsync("api/topics", new { topic, partitions = 3 });
        await again.JsonAsync(HttpStatusCode.OK);
        using var conflict = await Http.PostJsonAsync("api/topics", new { topic, partitions = 5 });
        await conflict.ProblemAsync(HttpStatusCode.Conflict, "conflict");

        using var produced = await Http.PostJsonAsync("api/produce", new { topic, messages = Enumerable.Range(0, 5).Select(i => new { key = $"k{i}", payload = $"m{i}" }) });
        await produced.JsonAsync();

        var info = await Http.GetJsonAsync($"api/topics/info?topic={Q(topic)}");
        Assert.Equal(5, info.GetProperty("messages").GetInt64());
        Assert.Equal(5, info.GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("endOffset").GetInt64() - p.GetProperty("startOffset").GetInt64()));

        var names = await Http.GetJsonAsync($"api/topics?filter={Q(level + "/#")}");
        Assert.Equal([topic], names.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var wildcard = await Http.GetJsonAsync($"api/topics?filter={Q("+/orders/+")}&details=true");
        var listed = Assert.Single(wildcard.GetProperty("topics").EnumerateArray(), t => t.GetProperty("name").GetString() == topic);
        Assert.Equal(5, listed.GetProperty("messages").GetInt64());
        Assert.Equal(3, listed.GetProperty("partitions").GetInt32());
        var all = await Http.GetJsonAsync("api/topics");
        Assert.Contains(all.GetProperty("topics").EnumerateArray(), t => t.GetProperty("name").GetString() == topic);

        using var retention = await Http.PutJsonAsync("api/topics/retention", new { topic, retention = "1.00:00:00" });
        Assert.Equal("1.00:00:00", (await retention.JsonAsync()).GetProperty("retention").GetString());

        using var deleted = await Http.DeleteAsync($"api/topics?topic={Q(topic)}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await Http.GetAsync($"api/topics/info?topic={Q(topic)}");
        await gone.ProblemAsync(HttpStatusCode.NotFound, "unknown-topic");
        var after = await Http.GetJsonAsync($"api/topics?filter={Q(level + "/#")}");
        Assert.Equal(0, after.GetProperty("topics").GetArrayLength());
        using var deletedAgain = await Http.DeleteAsync($"api/topics?topic={Q(topic)}");
        await deletedAgain.ProblemAsync(HttpStatusCode.NotFound, "unknown-topic");

        // The name is free again: publishing creates a new, empty topic with the defaults.
        using var reborn = await Http.PostJsonAsync("api/produce", new { topic, payload = "new" });
        Assert.Equal(0, (await reborn.JsonAsync()).GetProperty("results")[0].GetProperty("offset").GetInt64());
        var fresh = await Http.GetJsonAsync($"api/topics/info?topic={Q(topic)}");
        Assert.Equal(SharedSilo.DefaultPartitions, fresh.GetProperty("partitionCount").GetInt32());
        Assert.Equal(1, fresh.GetProperty("messages").GetInt64());
    }

    [Fact]
    public async Task Left_out_settings_are_the_defaults_for_the_name()
    {
        var topic = Names.Unique("defaults") + "/t";
        using var created = await Http.PostJsonAsync("api/topics", new { topic });
        var description = await created.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(SharedSilo.DefaultPartitions, description.GetProperty("partitionCount").GetInt32());
        Assert.Equal("1.00:00:00", description.GetProperty("retention").GetString());
    }

    [Fact]
    public async Task Bad_names_filters_and_settings_are_400_and_unknown_topics_404()
    {
        using var wildcardName = await Http.GetAsync($"api/topics/info?topic={Q("a/#")}");
        var problem = await wildcardName.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        Assert.Contains("wildcard", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("(Parameter", problem.GetProperty("detail").GetString());

        using var badFilter = await Http.GetAsync($"api/topics?filter={Q("a/#/b")}");
        await badFilter.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var noTopic = await Http.GetAsync("api/topics/info");
        await noTopic.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var zeroPartitions = await Http.PostJsonAsync("api/topics", new { topic = Names.Unique("bad") + "/t", partitions = 0 });
        await zeroPartitions.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var badRetention = await Http.PostJsonAsync("api/topics", new { topic = Names.Unique("bad") + "/t", retention = "soon" });
        Assert.Contains("not a duration", (await badRetention.ProblemAsync(HttpStatusCode.BadRequest, "bad-request")).GetProperty("detail").GetString());
        using var notJson = await Http.PostAsync("api/topics", new StringContent("{\"topic\":", System.Text.Encoding.UTF8, "application/json"));
        await notJson.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var wrongType = await Http.PostAsync("api/topics", new StringContent("{\"topic\":\"a\",\"partitions\":\"many\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains("partitions", (await wrongType.ProblemAsync(HttpStatusCode.BadRequest, "bad-request")).GetProperty("detail").GetString());

        using var unknown = await Http.GetAsync($"api/topics/info?topic={Q(Names.Unique("none") + "/t")}");
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "unknown-topic");
        using var unknownRetention = await Http.PutJsonAsync("api/topics/retention", new { topic = Names.Unique("none") + "/t", retention = "01:00:00" });
        await unknownRetention.ProblemAsync(HttpStatusCode.NotFound, "unknown-topic");
    }

    [Fact]
    public async Task Unknown_paths_and_methods_answer_with_problem_documents()
    {
        using var path = await Http.GetAsync("api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, path.StatusCode);
        Assert.Equal("application/problem+json", path.Content.Headers.ContentType?.MediaType);
        using var method = await Http.PatchAsync("api/topics", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
    }
}

namespace AkLight.Doors.ProcessTests.Api;

/// <summary><c>GET /api/messages</c>: from an offset, from a time, from the start; 400, 404 and 416.</summary>
public sealed class ReadApiTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task Reads_page_through_a_partition_from_an_offset()
    {
        var topic = await CreateTopicAsync("read", partitions: 2, messages: 7, key: "k");
        var partition = (await Http.GetJsonAsync($"api/topics/info?topic={Q(topic)}")).GetProperty("partitions").EnumerateArray()
            .Single(p => p.GetProperty("messages").GetInt64() == 7).GetProperty("partition").GetInt32();

        var first = await Http.GetJsonAsync($"api/messages?topic={Q(topic)}&partition={partition}&limit=3");
        Assert.Equal(["m0", "m1", "m2"], first.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("payload").GetString()!).ToArray());
        Assert.Equal(0, first.GetProperty("startOffset").GetInt64());
        Assert.Equal(7, first.GetProperty("endOffset").GetInt64());
        Assert.Equal(3, first.GetProperty("nextOffset").GetInt64());

        var next = await Http.GetJsonAsync($"api/messages?topic={Q(topic)}&partition={partition}&offset=3&limit=100");
        Assert.Equal([3L, 4L, 5L, 6L], next.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("offset").GetInt64()).ToArray());
        var end = await Http.GetJsonAsync($"api/messages?topic={Q(topic)}&partition={partition}&offset=7");
        Assert.Equal(0, end.GetProperty("messages").GetArrayLength());
        Assert.Equal(7, end.GetProperty("nextOffset").GetInt64());
    }

    [Fact]
    public async Task Reads_from_a_time_start_at_the_first_message_at_or_after_it()
    {
        var topic = Names.Unique("read") + "/time";
        using var early = await Http.PostJsonAsync("api/produce", new { topic, key = "k", payload = "early" });
        var partition = (await early.JsonAsync()).GetProperty("results")[0].GetProperty("partition").GetInt32();
        await Task.Delay(50);
        using var late = await Http.PostJsonAsync("api/produce", new { topic, key = "k", payload = "late" });
        await late.JsonAsync();
        var all = (await Http.GetJsonAsync($"api/messages?topic={Q(topic)}&partition={partition}")).GetProperty("messages").EnumerateArray().ToArray();
        var lateTime = all[1].GetProperty("timestamp").GetString()!;

        var fromTime = await Http.GetJsonAsync($"api/messages?topic={Q(topic)}&partition={partition}&time={Q(lateTime)}");
        Assert.Equal(["late"], fromTime.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("payload").GetString()!).ToArray());
        var future = await Http.GetJsonAsync($"api/messages?topic={Q(topic)}&partition={partition}&time={Q(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}");
        Assert.Equal(0, future.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Offsets_outside_the_log_are_416_with_the_bounds_and_bad_arguments_400()
    {
        var topic = await CreateTopicAsync("read", partitions: 2, messages: 2, key: "k");
        var partition = (await Http.GetJsonAsync($"api/topics/info?topic={Q(topic)}")).GetProperty("partitions").EnumerateArray()
            .Single(p => p.GetProperty("messages").GetInt64() == 2).GetProperty("partition").GetInt32();

        using var beyond = await Http.GetAsync($"api/messages?topic={Q(topic)}&partition={partition}&offset=9");
        var problem = await beyond.ProblemAsync(HttpStatusCode.RequestedRangeNotSatisfiable, "offset-out-of-range");
        Assert.Equal(0, problem.GetProperty("startOffset").GetInt64());
        Assert.Equal(2, problem.GetProperty("endOffset").GetInt64());
        Assert.Equal(9, problem.GetProperty("requested").GetInt64());

        foreach (var query in new[] { "&partition=2", "&partition=-1", "&partition=abc", "&limit=0", "&limit=1001", "&offset=0&time=2025-01-01T00:00:00Z", "&time=yesterday" })
        {
            using var bad = await Http.GetAsync($"api/messages?topic={Q(topic)}{query}");
            await bad.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        }
        using var unknown = await Http.GetAsync($"api/messages?topic={Q(Names.Unique("none") + "/t")}");
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "unknown-topic");
        using var wildcard = await Http.GetAsync($"api/messages?topic={Q("a/+")}");
        await wildcard.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }
}

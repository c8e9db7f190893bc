namespace AkLight.Doors.ProcessTests.Abuse;

/// <summary>
/// What a hostile page, a rebinding DNS name or a careless client could do to a silo on its default settings
/// (no principals, loopback only), each refused with a clear error and without effect.
/// </summary>
public sealed class AttackTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task A_commit_past_the_log_end_is_416_and_the_partition_keeps_delivering()
    {
        var topic = await CreateTopicAsync("attack", partitions: 1, messages: 2);
        var id = Names.Unique("far-commit");
        await OpenSessionAsync(id, topic, from: "earliest", persistent: true);

        using (var commit = await Http.PostJsonAsync($"api/sessions/{Q(id)}/commit", new { offsets = new[] { new { topic, partition = 0, offset = 999_999_999L } } }))
        {
            var problem = await commit.ProblemAsync(HttpStatusCode.RequestedRangeNotSatisfiable, "offset-out-of-range");
            Assert.Equal(2, problem.GetProperty("endOffset").GetInt64());
        }
        Assert.Equal(["m0", "m1"], await FetchPayloadsAsync(id));
        var partition = Assert.Single((await Http.GetJsonAsync($"api/sessions/{Q(id)}")).GetProperty("partitions").EnumerateArray());
        Assert.Equal(0, partition.GetProperty("committed").GetInt64()); // the refused commit changed nothing
    }

    [Fact]
    public async Task A_cross_site_plain_text_post_is_refused_before_it_touches_the_session()
    {
        var topic = await CreateTopicAsync("attack", partitions: 1, messages: 1);
        var id = Names.Unique("cross-site");
        await OpenSessionAsync(id, topic, from: "earliest");

        foreach (var (header, value) in new[] { ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site") })
        {
            using var forged = new HttpRequestMessage(HttpMethod.Post, $"api/sessions/{Q(id)}/fetch?max=100")
            {
                Content = new StringContent("x", Encoding.UTF8, "text/plain"),
            };
            forged.Headers.Add(header, value);
            using var refused = await Http.SendAsync(forged);
            await refused.ProblemAsync(HttpStatusCode.Forbidden, "cross-origin");
        }
        using (var deleteTopic = new HttpRequestMessage(HttpMethod.Delete, $"api/topics?topic={Q(topic)}"))
        {
            deleteTopic.Headers.Add("Origin", "http://127.0.0.1:1");
            using var refused = await Http.SendAsync(deleteTopic);
            await refused.ProblemAsync(HttpStatusCode.Forbidden, "cross-origin");
        }

        // The session was not drained and the topic not deleted; the console's own origin is served.
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, $"api/sessions/{Q(id)}/fetch?max=100");
        sameOrigin.Headers.Add("Origin", Shared.Silo.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var allowed = await Http.SendAsync(sameOrigin);
        Assert.Equal(["m0"], (await allowed.JsonAsync()).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("payload").GetString()));
    }

    [Fact]
    public async Task A_request_for_a_foreign_host_name_is_refused()
    {
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "api/topics");
        rebound.Headers.Host = "rebind.attacker.example";
        using var refused = await Http.SendAsync(rebound);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var local = new HttpRequestMessage(HttpMethod.Get, "api/topics");
        local.Headers.Host = $"localhost:{Shared.Silo.HttpPort}";
        using var served = await Http.SendAsync(local);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task A_topic_with_thousands_of_partitions_or_a_millisecond_retention_is_refused_and_not_created()
    {
        var topic = Names.Unique("greedy") + "/t";
        using (var greedy = await Http.PostJsonAsync("api/topics", new { topic, partitions = 4096, retention = "00:00:00.001" }))
        {
            var problem = await greedy.ProblemAsync(HttpStatusCode.BadRequest, "limit-exceeded");
            Assert.Contains("AkLight:Limits:", problem.GetProperty("detail").GetString());
        }
        using (var quick = await Http.PostJsonAsync("api/topics", new { topic, partitions = 1, retention = "00:00:00.001" }))
            Assert.Contains("AkLight:Limits:MinRetention", (await quick.ProblemAsync(HttpStatusCode.BadRequest, "limit-exceeded")).GetProperty("detail").GetString());
        using var missing = await Http.GetAsync($"api/topics/info?topic={Q(topic)}");
        await missing.ProblemAsync(HttpStatusCode.NotFound, "unknown-topic");
    }

    [Fact]
    public async Task Internal_callbacks_over_the_gateway_are_refused_and_forged_messages_hide_nothing()
    {
        var topic = await CreateTopicAsync("attack", partitions: 1, messages: 0);
        var id = Names.Unique("victim");
        await OpenSessionAsync(id, topic, from: "earliest");

        await using var client = await BrokerConnection.ConnectAsync([Shared.Silo.Gateway], TimeSpan.FromSeconds(30));
        var partition = new TopicPartition(topic, 0);
        var session = client.Grains.GetGrain<IConsumerSessionGrain>(id);
        // Forged "new data" pointing past the real log, with a forged message: dropped, it neither shows up nor hides the real ones.
        await session.OnPartitionDataAsync(partition, 5, [new ConsumedMessage(topic, 0, 0, DateTimeOffset.UtcNow, null, "forged"u8.ToArray(), [])]);
        await Assert.ThrowsAsync<InternalCallException>(() => client.Grains.GetPartitionGrain(partition).ForgetAsync());
        await Assert.ThrowsAsync<InternalCallException>(() => client.Grains.GetGrain<ITopicIndexGrain>(topic.Split('/')[0]).RemoveAsync(topic));
        await Assert.ThrowsAsync<InternalCallException>(() => client.Grains.GetGrain<ITopicIndexGrain>(topic.Split('/')[0]).AddAsync(topic + "/forged"));

        using (var produced = await Http.PostJsonAsync("api/produce", new { topic, payload = "real" })) await produced.JsonAsync();
        Assert.Equal(["real"], await FetchPayloadsAsync(id, wait: 5));
        Assert.Equal([topic], (await Http.GetJsonAsync($"api/topics?filter={Q(topic.Split('/')[0] + "/#")}")).GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }
}

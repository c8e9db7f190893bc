namespace AkLight.Doors.ProcessTests.Api;

/// <summary><c>POST /api/produce</c>: one message, batches, encodings, headers; 400 and 413.</summary>
public sealed class ProduceApiTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task One_message_with_key_and_headers_is_stored_and_read_back_as_sent()
    {
        var topic = Names.Unique("produce") + "/one";
        using var response = await Http.PostJsonAsync("api/produce", new
        {
            topic,
            key = "web-1",
            payload = "héllo",
            headers = new[] { new { name = "trace", value = "abc" }, new { name = "trace", value = "def" } },
        });
        var stored = Assert.Single((await response.JsonAsync()).GetProperty("results").EnumerateArray());
        Assert.Equal(topic, stored.GetProperty("topic").GetString());
        var partition = stored.GetProperty("partition").GetInt32();
        var offset = stored.GetProperty("offset").GetInt64();

        var read = await Http.GetJsonAsync($"api/messages?topic={Q(topic)}&partition={partition}&offset={offset}");
        var message = Assert.Single(read.GetProperty("messages").EnumerateArray());
        Assert.Equal("web-1", message.GetProperty("key").GetString());
        Assert.Equal("héllo", message.GetProperty("payload").GetString());
        Assert.Equal(["trace=abc", "trace=def"], message.GetProperty("headers").EnumerateArray().Select(h => $"{h.GetProperty("name")}={h.GetProperty("value")}").ToArray());
        Assert.False(message.TryGetProperty("encoding", out _));

        // The same key lands on the same partition.
        using var second = await Http.PostJsonAsync("api/produce", new { topic, key = "web-1", payload = "again" });
        Assert.Equal(partition, (await second.JsonAsync()).GetProperty("results")[0].GetProperty("partition").GetInt32());
    }

    [Fact]
    public async Task A_batch_keeps_text_base64_json_and_tombstones_apart()
    {
        var topic = Names.Unique("produce") + "/batch";
        using var create = await Http.PostJsonAsync("api/topics", new { topic, partitions = 1 });
        await create.JsonAsync(HttpStatusCode.Created);
        byte[] binary = [0xff, 0x00, 0xfe];
        using var response = await Http.PostJsonAsync("api/produce", new
        {
            topic,
            messages = new object[]
            {
                new { payload = "plain" },
                new { payload = Convert.ToBase64String(binary), encoding = "base64" },
                new { key = Convert.ToBase64String([0xc3]), keyEncoding = "base64", payload = new { value = 12.5, unit = "%" } },
                new { key = "gone", payload = (string?)null },
            },
        });
        var results = (await response.JsonAsync()).GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal([0L, 1L, 2L, 3L], results.Select(r => r.GetProperty("offset").GetInt64()).ToArray());

        var messages = (await Http.GetJsonAsync($"api/messages?topic={Q(topic)}")).GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal("plain", messages[0].GetProperty("payload").GetString());
        Assert.Equal(JsonValueKind.Null, messages[0].GetProperty("key").ValueKind);
        Assert.Equal("base64", messages[1].GetProperty("encoding").GetString());
        Assert.Equal(binary, Convert.FromBase64String(messages[1].GetProperty("payload").GetString()!));
        Assert.Equal("base64", messages[2].GetProperty("keyEncoding").GetString());
        Assert.Equal(12.5, JsonDocument.Parse(messages[2].GetProperty("payload").GetString()!).RootElement.GetProperty("value").GetDouble());
        Assert.Equal("gone", messages[3].GetProperty("key").GetString());
        Assert.Equal(JsonValueKind.Null, messages[3].GetProperty("payload").ValueKind);
    }

    [Theory]
    [InlineData("""{"payload":"x"}""", "topic")]
    [InlineData("""{"topic":"a/+/b","payload":"x"}""", "wildcard")]
    [InlineData("""{"topic":"t/x"}""", "payload is missing")]
    [InlineData("""{"topic":"t/x","payload":"%%%","encoding":"base64"}""", "not valid base64")]
    [InlineData("""{"topic":"t/x","payload":"x","encoding":"rot13"}""", "rot13")]
    [InlineData("""{"topic":"t/x","payload":{"a":1},"encoding":"base64"}""", "must be a string")]
    [InlineData("""{"topic":"t/x","payload":"x","messages":[{"payload":"y"}]}""", "not both")]
    [InlineData("""{"topic":"t/x","messages":[]}""", "at least one")]
    [InlineData("""{"topic":"t/x","messages":[{"payload":"y"},{"key":"k"}]}""", "messages[1].payload")]
    [InlineData("""{"topic":"t/x","payload":"x","headers":[{"name":"n"}]}""", "headers[0]")]
    [InlineData("""{"topic":"t/x","payload":""", "JSON")]
    public async Task A_bad_request_is_400_naming_the_problem_and_nothing_is_stored(string body, string expected)
    {
        using var response = await Http.PostAsync("api/produce", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
        using var nothing = await Http.GetAsync($"api/topics/info?topic={Q("t/x")}");
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
    }

    [Fact]
    public async Task A_message_over_the_limit_is_413_and_so_is_a_body_over_the_limit()
    {
        var topic = Names.Unique("produce") + "/big";
        using var big = await Http.PostJsonAsync("api/produce", new { topic, payload = new string('x', SharedSilo.MaxMessageBytes + 1) });
        var problem = await big.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "message-too-large");
        Assert.Equal(SharedSilo.MaxMessageBytes, problem.GetProperty("limit").GetInt32());

        // Every message is under the message limit, but the request is over the body limit.
        var chunk = new string('y', SharedSilo.MaxMessageBytes / 2);
        var messages = Enumerable.Range(0, SharedSilo.MaxRequestBytes / chunk.Length + 2).Select(_ => new { payload = chunk });
        using var body = await Http.PostJsonAsync("api/produce", new { topic, messages });
        await body.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body-too-large");

        using var nothing = await Http.GetAsync($"api/topics/info?topic={Q(topic)}");
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
    }
}

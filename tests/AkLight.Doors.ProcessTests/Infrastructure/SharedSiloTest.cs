namespace AkLight.Doors.ProcessTests.Infrastructure;

/// <summary>
/// What the tests on <see cref="SharedSilo"/> start from: its HTTP client, its MQTT port, and the HTTP calls many of
/// them arrange with (a topic of the test's own with messages in it, a session, its fetch).
/// </summary>
[Collection(SharedSiloCollection.Name)]
public abstract class SharedSiloTest(SharedSilo shared)
{
    protected SharedSilo Shared => shared;

    protected HttpClient Http => shared.Http;

    /// <summary>The MQTT door's port on 127.0.0.1.</summary>
    protected int MqttPort => shared.Silo.MqttPort;

    /// <summary>
    /// Creates a topic named after <paramref name="prefix"/> with <paramref name="partitions"/> partitions and produces
    /// <c>m0</c>, <c>m1</c>, … to it: under <paramref name="key"/> when given (one partition, in order), else without a key.
    /// </summary>
    protected async Task<string> CreateTopicAsync(string prefix, int partitions, int messages, string? key = null)
    {
        var topic = Names.Unique(prefix) + "/t";
        using (var create = await Http.PostJsonAsync("api/topics", new { topic, partitions })) await create.JsonAsync(HttpStatusCode.Created);
        if (messages == 0) return topic;
        var batch = Enumerable.Range(0, messages).Select(i => key is null ? (object)new { payload = $"m{i}" } : new { key, payload = $"m{i}" });
        using (var produced = await Http.PostJsonAsync("api/produce", new { topic, messages = batch })) await produced.JsonAsync();
        return topic;
    }

    /// <summary>
    /// Opens session <paramref name="id"/> on <paramref name="topic"/> and checks it was created; <paramref name="from"/>
    /// and <paramref name="persistent"/> are sent only when given, so the API's defaults apply otherwise.
    /// </summary>
    protected async Task OpenSessionAsync(string id, string topic, string? from = null, bool persistent = false)
    {
        var body = new Dictionary<string, object> { ["id"] = id, ["filters"] = new[] { topic } };
        if (persistent) body["persistent"] = true;
        if (from is not null) body["from"] = from;
        using var opened = await Http.PostJsonAsync("api/sessions", body);
        await opened.JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>Fetches through session <paramref name="id"/>; the payloads, in order.</summary>
    protected async Task<string[]> FetchPayloadsAsync(string id, int max = 100, double wait = 0)
    {
        using var response = await Http.PostAsync($"api/sessions/{Q(id)}/fetch?max={max}&wait={wait}", null);
        return (await response.JsonAsync()).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("payload").GetString()!).ToArray();
    }
}

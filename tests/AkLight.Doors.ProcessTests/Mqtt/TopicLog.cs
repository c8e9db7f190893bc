namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>What a topic holds, read over the HTTP API: the other door's view of what MQTT clients published.</summary>
public static class TopicLog
{
    /// <summary>Every message of <paramref name="topic"/>, all partitions.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ReadAllAsync(HttpClient http, string topic)
    {
        var info = await http.GetJsonAsync($"api/topics/info?topic={Q(topic)}");
        var messages = new List<JsonElement>();
        foreach (var partition in info.GetProperty("partitions").EnumerateArray())
        {
            var number = partition.GetProperty("partition").GetInt32();
            var read = await http.GetJsonAsync($"api/messages?topic={Q(topic)}&partition={number}&limit=1000");
            messages.AddRange(read.GetProperty("messages").EnumerateArray());
        }
        return messages;
    }

    /// <summary>Waits until <paramref name="topic"/> holds at least <paramref name="count"/> messages; returns them all.</summary>
    public static async Task<IReadOnlyList<JsonElement>> WaitForAsync(HttpClient http, string topic, int count)
    {
        IReadOnlyList<JsonElement> messages = [];
        await Wait.UntilAsync(async () => (messages = await ReadAllAsync(http, topic)).Count >= count, TimeSpan.FromSeconds(20), $"{count} messages in '{topic}'");
        return messages;
    }

    /// <summary>The value of header <paramref name="name"/>, or null.</summary>
    public static string? Header(JsonElement message, string name) =>
        message.TryGetProperty("headers", out var headers)
            ? headers.EnumerateArray().Where(h => h.GetProperty("name").GetString() == name).Select(h => h.GetProperty("value").GetString()).FirstOrDefault()
            : null;
}

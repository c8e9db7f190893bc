using System.Net.Http.Json;
using System.Text.Encodings.Web;

namespace AkLight.Doors.ProcessTests.Infrastructure;

/// <summary>JSON calls and problem-document checks.</summary>
public static class HttpJson
{
    // As the agent and the tools write JSON: '+' and '>' stay themselves rather than "\u002B".
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string path, object body) =>
        http.PostAsJsonAsync(path, body, Options);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient http, string path, object body) =>
        http.PutAsJsonAsync(path, body, Options);

    /// <summary>The body as JSON, after checking the status is <paramref name="expected"/>.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>GETs <paramref name="path"/> and returns its JSON, checking for 200.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return await response.JsonAsync();
    }

    /// <summary>Checks the answer is an RFC 7807 problem with <paramref name="status"/> and <paramref name="code"/> and a message; returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), text);
        return problem;
    }

    /// <summary>Query-string escaping for topic names and filters (<c>#</c>, <c>+</c>).</summary>
    public static string Q(string value) => Uri.EscapeDataString(value);
}

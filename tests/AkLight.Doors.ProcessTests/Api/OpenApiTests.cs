namespace AkLight.Doors.ProcessTests.Api;

/// <summary>The OpenAPI document at its stable path, covering every endpoint of the API and nothing else.</summary>
public sealed class OpenApiTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task The_document_describes_every_endpoint()
    {
        var document = await Http.GetJsonAsync("openapi/v1.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Equal("AKLight broker HTTP API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/topics", "/api/topics/info", "/api/topics/retention", "/api/produce", "/api/messages", "/api/stream",
            "/api/sessions", "/api/sessions/{id}", "/api/sessions/{id}/fetch", "/api/sessions/{id}/commit", "/api/sessions/{id}/seek",
            "/api/groups", "/api/groups/{group}", "/api/groups/{group}/members", "/api/groups/{group}/members/{member}",
            "/api/groups/{group}/members/{member}/fetch", "/api/groups/{group}/members/{member}/commit", "/api/groups/{group}/members/{member}/heartbeat",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
        Assert.All(paths, path => Assert.StartsWith("/api/", path));

        var topics = document.GetProperty("paths").GetProperty("/api/topics");
        Assert.True(topics.TryGetProperty("get", out _) && topics.TryGetProperty("post", out _) && topics.TryGetProperty("delete", out _));
        var produce = document.GetProperty("paths").GetProperty("/api/produce").GetProperty("post").GetProperty("responses");
        Assert.True(produce.TryGetProperty("413", out _), "produce documents 413");
    }
}

namespace AkLight.Doors.ProcessTests.Api;

/// <summary>What the silo serves over HTTP with each combination of <c>AkLight:Http:Enabled</c> and <c>AkLight:Dashboard:Enabled</c>.</summary>
public sealed class HostingTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task By_default_the_console_is_at_the_root_the_dashboard_under_dashboard_and_the_api_under_api()
    {
        var console = await Http.GetStringAsync("");
        Assert.Contains("<title>AKLight console</title>", console);
        Assert.DoesNotContain("http://", console.Replace("http://www.w3.org", "", StringComparison.Ordinal)); // nothing from the internet
        Assert.DoesNotContain("https://", console);
        Assert.Contains("Orleans Dashboard", await Http.GetStringAsync("dashboard/"));
        using var script = await Http.GetAsync("js/main.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task With_the_dashboard_off_and_http_on_the_api_is_served_alone()
    {
        await using var silo = await SiloServer.StartAsync(["AkLight:Dashboard:Enabled=false", "AkLight:Http:Enabled=true"]);
        using var http = silo.CreateClient();
        using var topics = await http.GetAsync("api/topics");
        Assert.Equal(HttpStatusCode.OK, topics.StatusCode);
        using var dashboard = await http.GetAsync("dashboard/");
        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
    }

    [Fact]
    public async Task With_http_off_only_the_dashboard_is_served()
    {
        await using var silo = await SiloServer.StartAsync(["AkLight:Http:Enabled=false"], servesHttp: false);
        using var http = silo.CreateClient();
        // The root leads to the dashboard.
        Assert.Contains("Orleans Dashboard", await http.GetStringAsync(""));
        using var topics = await http.GetAsync("api/topics");
        Assert.Equal(HttpStatusCode.NotFound, topics.StatusCode);
    }

    [Fact]
    public async Task With_the_dashboard_off_and_http_unset_no_http_port_is_opened()
    {
        await using var silo = await SiloServer.StartAsync(["AkLight:Dashboard:Enabled=false"], servesHttp: false);
        Assert.False(await silo.IsHttpPortOpenAsync());
    }
}

namespace AkLight.Doors.ProcessTests.Metrics;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format: traffic in and out per topic level, latency histograms, active
/// partitions and sessions, consumer-group members and lag, Orleans' and the .NET runtime's meters.
/// </summary>
public sealed class MetricsEndpointTests(SharedSilo shared) : SharedSiloTest(shared)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_scrape_counts_traffic_per_topic_level_and_shows_group_lag()
    {
        var level = Names.Unique("scraped");
        var topic = level + "/cpu";
        var group = Names.Unique("scrapers");
        using (var produced = await Http.PostJsonAsync("api/produce", new { topic, messages = Enumerable.Range(0, 5).Select(i => new { key = "k", payload = $"m{i}" }) }))
            await produced.JsonAsync();

        // A session reads the five messages; a group member joins and reads without committing, so its lag is 5.
        using (var opened = await Http.PostJsonAsync("api/sessions", new { id = Names.Unique("scrape"), filters = new[] { level + "/#" }, from = "earliest" }))
        {
            var session = (await opened.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
            using var fetched = await Http.PostAsync($"api/sessions/{session}/fetch?max=100&wait=5", null);
            await fetched.JsonAsync();
        }
        using (var joined = await Http.PostJsonAsync($"api/groups/{group}/members", new { memberId = "m1", filters = new[] { topic }, from = "earliest" }))
            await joined.JsonAsync(HttpStatusCode.Created);

        PrometheusScrape scrape = null!;
        await Wait.UntilAsync(async () =>
        {
            // A fetch is the member's heartbeat; it commits nothing, so the lag stays.
            using (var fetched = await Http.PostAsync($"api/groups/{group}/members/m1/fetch?max=1&wait=0", null)) await fetched.JsonAsync();
            scrape = await ScrapeAsync();
            return scrape.Value("aklight_consumer_group_lag", ("group", group), ("topic", topic)) == 5
                && scrape.Value("aklight_consumer_group_members", ("group", group)) == 1
                && scrape.Value("aklight_delivered_messages_total", ("topic_level", level)) >= 5;
        }, Timeout, "the scrape to show the group's lag and the delivered messages", () => scrape?.Text ?? "");

        Assert.Equal(5, scrape.Value("aklight_received_messages_total", ("topic_level", level)));
        Assert.Equal(15, scrape.Value("aklight_received_bytes_total", ("topic_level", level)));  // key "k" + payload "mN", five times
        Assert.True(scrape.Value("aklight_delivered_bytes_total", ("topic_level", level)) >= 15);
        Assert.True(scrape.Value("aklight_append_duration_seconds_count", ("topic_level", level)) >= 1);
        Assert.True(scrape.Value("aklight_commit_duration_seconds_bucket", ("topic_level", level), ("le", "+Inf")) >= 1);
        Assert.True(scrape.Value("aklight_partitions_active") >= 1);
        Assert.True(scrape.Value("aklight_sessions_active") >= 1);
        Assert.True(scrape.HasSampleStartingWith("orleans_"), "Orleans' meter is exported");
        Assert.True(scrape.HasSampleStartingWith("dotnet_"), "the .NET runtime's meter is exported");
    }

    [Fact]
    public async Task Every_pause_of_the_collector_is_in_a_histogram_by_generation()
    {
        // The silo has collected by the time it serves (start-up allocates well past a gen0 budget); every collection
        // is one pause at least, counted under the generation it collected.
        PrometheusScrape scrape = null!;
        await Wait.UntilAsync(async () =>
        {
            scrape = await ScrapeAsync();
            return scrape.Value("aklight_gc_pause_seconds_count") >= 1;
        }, Timeout, "the collector's pauses to be exported", () => scrape?.Text ?? "");
        foreach (var generation in new[] { "0", "1", "2" })
            Assert.Equal(scrape.Value("aklight_gc_pause_seconds_count", ("generation", generation)),
                scrape.Value("aklight_gc_pause_seconds_bucket", ("generation", generation), ("le", "+Inf")));
        Assert.True(scrape.Value("aklight_gc_pause_seconds_sum") > 0, scrape.Text);
    }

    [Fact]
    public async Task The_endpoint_is_switched_off_by_setting()
    {
        await using var silo = await SiloServer.StartAsync(["AkLight:Metrics:Enabled=false"]);
        using var http = silo.CreateClient();
        using var response = await http.GetAsync("metrics");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        using var api = await http.GetAsync("api/topics");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    private async Task<PrometheusScrape> ScrapeAsync()
    {
        using var response = await Http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }
}

using Microsoft.Playwright;

namespace AkLight.Doors.ProcessTests.Console;

/// <summary>
/// The web console in real headless Chromium: a message produced through the form shows in the live view and in
/// the partition browser; container metrics show as charts and firing alerts are listed. Keeps a screenshot.
/// </summary>
public sealed class ConsoleBrowserTests(SharedSilo shared, ITestOutputHelper output) : SharedSiloTest(shared)
{
    /// <summary>Where the screenshot is kept: the test output folder's <c>artifacts</c>.</summary>
    public static string ScreenshotPath => ConsolePage.ArtifactPath("console.png");

    /// <summary>Where the page is kept when the test fails.</summary>
    public static string FailureScreenshotPath => ConsolePage.ArtifactPath("console-failure.png");

    [Fact]
    public async Task A_message_produced_in_the_form_shows_in_the_live_view_and_the_partition_browser()
    {
        var host = Names.Unique("host");
        var topic = $"console/{Names.Unique("e2e")}/greetings";
        var payload = $"hello from the console {Guid.NewGuid():N}";
        await ConsolePage.RunAsync(output, FailureScreenshotPath, height: 1000, async page =>
        {
            await page.GotoAsync(Shared.Silo.BaseAddress.ToString());
            await Assertions.Expect(page).ToHaveTitleAsync("AKLight console");

            // Watch everything from now on, so the container charts and the produced message both show.
            await page.FillAsync("#live-filter", "#");
            await page.SelectOptionAsync("#live-from", "latest");
            await page.ClickAsync("#live-start");
            await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync("Watching #");

            await PublishMetricsAsync(host);

            await page.FillAsync("#produce-topic", topic);
            await page.FillAsync("#produce-key", "visitor");
            await page.FillAsync("#produce-payload", payload);
            await page.ClickAsync("#produce-send");
            await Assertions.Expect(page.Locator("#produce-result")).ToContainTextAsync($"Stored in {topic} partition");

            // The live view shows it...
            await Assertions.Expect(page.Locator("#live-messages li", new() { HasTextString = payload })).ToHaveCountAsync(1);
            // ...and so does the partition browser, which opens on it.
            await Assertions.Expect(page.Locator("#browse-table tbody tr", new() { HasTextString = payload })).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#browse-topic")).ToHaveValueAsync(topic);

            // The topic tree lists the topic with its message count; picking it opens the browser on the partition
            // that holds messages (the key chose it), from the log start. Another partition is shown first, so
            // the row seen below comes from the pick.
            var stored = System.Text.RegularExpressions.Regex.Match(await page.InnerTextAsync("#produce-result"), @"partition (\d+)");
            var other = (int.Parse(stored.Groups[1].Value, CultureInfo.InvariantCulture) + 1) % SharedSilo.DefaultPartitions;
            await page.FillAsync("#browse-partition", other.ToString(CultureInfo.InvariantCulture));
            await page.FillAsync("#browse-offset", "");
            await page.ClickAsync("#browse-load");
            await Assertions.Expect(page.Locator("#browse-status")).ToContainTextAsync($"[{other}]: no messages");
            await page.ClickAsync("#topics-refresh");
            var node = page.Locator($"button.topic[data-topic='{topic}']");
            await Assertions.Expect(node).ToHaveCountAsync(1);
            await Assertions.Expect(node.Locator("xpath=..")).ToContainTextAsync("1");
            await node.ClickAsync();
            await Assertions.Expect(page.Locator("#browse-table tbody tr", new() { HasTextString = payload })).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#browse-status")).ToContainTextAsync($"[{stored.Groups[1].Value}]: offsets 0–0");

            // Metrics became per-container cards with charts; the firing alert is listed and its card marked.
            foreach (var container in new[] { "web-1", "db-1", "cache-1" })
                await Assertions.Expect(page.Locator($".card[data-container='{host}/{container}'] canvas")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#alerts li", new() { HasTextString = $"{host}/db-1" })).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator($".card[data-container='{host}/db-1']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("alerting"));

            await ConsolePage.SaveScreenshotAsync(output, path => page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true }), ScreenshotPath);
        }, ignoreFailedRequest: url => url.Contains("/api/stream", StringComparison.Ordinal));
    }

    /// <summary>CPU and memory readings of three containers, as the agent publishes them, and one firing alert.</summary>
    private async Task PublishMetricsAsync(string host)
    {
        var containers = new[] { ("web-1", 22.0, 35.0), ("db-1", 64.0, 71.0), ("cache-1", 7.0, 18.0) };
        foreach (var (container, cpu, memory) in containers)
        {
            var start = DateTimeOffset.UtcNow.AddSeconds(-30);
            var cpuReadings = Enumerable.Range(0, 30).Select(i => new { key = container, payload = new { value = Math.Round(cpu + 8 * Math.Sin(i / 3.0), 1), unit = "%", ts = start.AddSeconds(i) } });
            var memoryReadings = Enumerable.Range(0, 30).Select(i => new { key = container, payload = new { value = Math.Round(memory + 2 * Math.Sin(i / 5.0), 1), unit = "%", ts = start.AddSeconds(i) } });
            using var cpuResponse = await Http.PostJsonAsync("api/produce", new { topic = $"metrics/docker/{host}/{container}/cpu", messages = cpuReadings });
            await cpuResponse.JsonAsync();
            using var memoryResponse = await Http.PostJsonAsync("api/produce", new { topic = $"metrics/docker/{host}/{container}/memory.percent", messages = memoryReadings });
            await memoryResponse.JsonAsync();
        }
        var at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        using var alert = await Http.PostJsonAsync("api/produce", new
        {
            topic = $"alerts/{host}/db-1/cpu-high",
            key = $"{host}/db-1",
            payload = new { rule = "cpu-high", host, container = "db-1", firing = true, value = 91.5, at, message = $"FIRING cpu-high on {host}/db-1: cpu = 91.5 (cpu-high: cpu > 80 for 30s)" },
        });
        await alert.JsonAsync();
    }
}

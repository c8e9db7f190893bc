using Microsoft.Playwright;

namespace AkLight.Doors.ProcessTests.Console;

/// <summary>
/// The console's history view in real headless Chromium: a known series of readings and two alert events,
/// produced through the API, are drawn from the log read by time (points, rates of counters, alert marks), the
/// live stream continues the chart, and a custom window is drawn without following. Keeps a screenshot.
/// </summary>
public sealed class HistoryBrowserTests(SharedSilo shared, ITestOutputHelper output) : SharedSiloTest(shared)
{
    private const int Readings = 30;

    public static string ScreenshotPath => ConsolePage.ArtifactPath("history.png");

    public static string FailureScreenshotPath => ConsolePage.ArtifactPath("history-failure.png");

    [Fact]
    public async Task A_containers_history_is_drawn_with_its_alerts_and_continued_live()
    {
        var host = Names.Unique("hist");
        var container = $"{host}/web-1";
        var now = DateTimeOffset.UtcNow;
        var start = now.AddMinutes(-10);
        await PublishSeriesAsync(host, start, now);
        // The live stream is cut when the page closes: that failed request is expected.
        await ConsolePage.RunAsync(output, FailureScreenshotPath, height: 1200, async page =>
        {
            await page.GotoAsync(Shared.Silo.BaseAddress.ToString());
            await Assertions.Expect(page.Locator($"#history-container option[value='{container}']")).ToHaveCountAsync(1);
            await page.SelectOptionAsync("#history-container", container);
            await Assertions.Expect(page.Locator("#history-filter")).ToHaveValueAsync($"metrics/docker/{container}/#");
            await page.SelectOptionAsync("#history-window", "15m");
            await page.ClickAsync("#history-show");
            await Assertions.Expect(page.Locator("#history-status")).ToContainTextAsync("live");

            // CPU: the 30 readings of the window, in time order; the one from 20 minutes ago is outside it.
            var cpu = page.Locator("figure[data-chart='cpu'] polyline.series");
            await Assertions.Expect(cpu).ToHaveCountAsync(1);
            await Assertions.Expect(cpu).ToHaveAttributeAsync("data-count", Readings.ToString(CultureInfo.InvariantCulture));
            var points = Points(await cpu.GetAttributeAsync("points"));
            Assert.Equal(Readings, points.Length);
            Assert.True(points.Zip(points.Skip(1)).All(p => p.First.X < p.Second.X), "points go left to right in time order");
            // Values rise 0, 3, ..., 87: every point is higher on the chart (smaller y) than the one before.
            Assert.True(points.Zip(points.Skip(1)).All(p => p.First.Y > p.Second.Y), "a rising series is drawn rising");

            // Network and block I/O are cumulative: drawn as a rate, constant here, so a flat line of 29 points.
            foreach (var chart in new[] { "network", "blkio" })
            {
                var rates = page.Locator($"figure[data-chart='{chart}'] polyline.series");
                await Assertions.Expect(rates).ToHaveCountAsync(2); // rx and tx, read and write
                foreach (var rate in await rates.AllAsync())
                {
                    await Assertions.Expect(rate).ToHaveAttributeAsync("data-count", (Readings - 1).ToString(CultureInfo.InvariantCulture));
                    Assert.Single(Points(await rate.GetAttributeAsync("points")).Select(p => p.Y).Distinct());
                }
            }
            await Assertions.Expect(page.Locator("figure[data-chart='memory'] polyline.series")).ToHaveAttributeAsync("data-count", Readings.ToString(CultureInfo.InvariantCulture));

            // The alert fired and cleared within the window: one mark each, on every chart, firing first.
            var firing = page.Locator("figure[data-chart='cpu'] line.alert-mark.firing");
            var cleared = page.Locator("figure[data-chart='cpu'] line.alert-mark.cleared");
            await Assertions.Expect(firing).ToHaveCountAsync(1);
            await Assertions.Expect(cleared).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("line.alert-mark")).ToHaveCountAsync(8);
            Assert.Equal("cpu-high", await firing.GetAttributeAsync("data-rule"));
            Assert.True(X(await firing.GetAttributeAsync("x1")) < X(await cleared.GetAttributeAsync("x1")));
            Assert.True(X(await firing.GetAttributeAsync("x1")) > points[0].X, "the firing is marked after the first reading");
            await ConsolePage.SaveScreenshotAsync(output, path => page.Locator("#history-panel").ScreenshotAsync(new LocatorScreenshotOptions { Path = path }), ScreenshotPath);

            // The live stream continues the chart.
            await ProduceAsync($"metrics/docker/{container}/cpu", "web-1", [Reading(95, DateTimeOffset.UtcNow)]);
            await Assertions.Expect(cpu).ToHaveAttributeAsync("data-count", (Readings + 1).ToString(CultureInfo.InvariantCulture));

            // A custom window is drawn as asked (here also holding the old reading) and does not follow.
            await page.SelectOptionAsync("#history-window", "custom");
            await page.FillAsync("#history-from", now.AddMinutes(-30).UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await page.FillAsync("#history-to", DateTimeOffset.UtcNow.AddMinutes(5).UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await page.ClickAsync("#history-show");
            await Assertions.Expect(cpu).ToHaveAttributeAsync("data-count", (Readings + 2).ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(page.Locator("#history-status")).Not.ToContainTextAsync("live");
        }, ignoreFailedRequest: url => url.Contains("/api/stream", StringComparison.Ordinal));
    }

    /// <summary>
    /// 30 readings per metric, 20 s apart from <paramref name="start"/> (CPU 0, 3, ..., 87; counters growing by a
    /// constant 1000 a reading), one CPU reading 20 minutes old, and the alert firing then clearing.
    /// </summary>
    private async Task PublishSeriesAsync(string host, DateTimeOffset start, DateTimeOffset now)
    {
        var times = Enumerable.Range(0, Readings).Select(i => start.AddSeconds(20 * i)).ToArray();
        var topic = $"metrics/docker/{host}/web-1/";
        await ProduceAsync(topic + "cpu", "web-1", [Reading(1, now.AddMinutes(-20)), .. times.Select((t, i) => Reading(3.0 * i, t))]);
        await ProduceAsync(topic + "memory.percent", "web-1", times.Select((t, i) => Reading(40 + i % 5, t)).ToArray());
        foreach (var counter in new[] { "net.rx", "net.tx", "blkio.read", "blkio.write" })
            await ProduceAsync(topic + counter, "web-1", times.Select((t, i) => Reading(5000 + 1000.0 * i, t)).ToArray());

        foreach (var (firing, at) in new[] { (true, now.AddMinutes(-6)), (false, now.AddMinutes(-3)) })
            await ProduceAsync($"alerts/{host}/web-1/cpu-high", $"{host}/web-1", [new
            {
                rule = "cpu-high", host, container = "web-1", firing, value = firing ? 84.0 : 60.0, at,
                message = $"{(firing ? "FIRING" : "cleared")} cpu-high on {host}/web-1",
            }]);
    }

    private static object Reading(double value, DateTimeOffset ts) => new { value, unit = "%", ts };

    private async Task ProduceAsync(string topic, string key, object[] payloads)
    {
        using var response = await Http.PostJsonAsync("api/produce", new { topic, messages = payloads.Select(payload => new { key, payload }) });
        await response.JsonAsync();
    }

    private static (double X, double Y)[] Points(string? attribute) =>
        (attribute ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(xy => (X(xy[0]), X(xy[1])))
            .ToArray();

    private static double X(string? value) => double.Parse(value ?? "NaN", CultureInfo.InvariantCulture);

}

using Microsoft.Playwright;

namespace AkLight.Doors.ProcessTests.Infrastructure;

/// <summary>
/// A browser test of the web console: headless Chromium on a page of the given size, with the page's script errors
/// collected (the test fails on any), and a screenshot of the page kept when the test fails.
/// </summary>
public static class ConsolePage
{
    public const float Timeout = 20_000;

    /// <summary>The test output folder's <c>artifacts/{name}</c>, where screenshots are kept.</summary>
    public static string ArtifactPath(string name) => Path.Combine(AppContext.BaseDirectory, "artifacts", name);

    /// <summary>
    /// Runs <paramref name="test"/> on a fresh page; <paramref name="ignoreFailedRequest"/> says which failed
    /// requests are expected (a stream cut when the page closes), the others count as errors.
    /// </summary>
    public static async Task RunAsync(ITestOutputHelper output, string failureScreenshot, int height, Func<IPage, Task> test,
        Func<string, bool>? ignoreFailedRequest = null)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = height } });
            var errors = new List<string>();
            page.PageError += (_, error) => errors.Add(error);
            page.RequestFailed += (_, request) => { if (ignoreFailedRequest?.Invoke(request.Url) != true) errors.Add($"request failed: {request.Url}"); };
            page.SetDefaultTimeout(Timeout);
            Assertions.SetDefaultExpectTimeout(Timeout);
            try
            {
                await test(page);
            }
            catch
            {
                // What the page showed when it went wrong is the first thing to look at.
                await SaveScreenshotAsync(output, path => page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true }), failureScreenshot);
                output.WriteLine($"page errors: {string.Join("; ", errors)}");
                throw;
            }
            Assert.Empty(errors);
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    /// <summary>Keeps a screenshot taken by <paramref name="take"/> at <paramref name="path"/> and says where.</summary>
    public static async Task SaveScreenshotAsync(ITestOutputHelper output, Func<string, Task> take, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await take(path);
        output.WriteLine($"screenshot: {path}");
        System.Console.WriteLine($"console screenshot: {path}");
    }
}

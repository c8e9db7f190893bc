using Microsoft.Playwright;

namespace AkLight.Doors.ProcessTests.Infrastructure;

/// <summary>
/// Headless Chromium from the system (Debian's <c>chromium</c> package, which <c>test.sh</c> installs), driven by
/// Playwright's bundled node driver. Playwright's own browser download is never used: it cannot work here.
/// </summary>
public static class Chromium
{
    /// <summary>Overrides the browser's path; default <c>/usr/bin/chromium</c>.</summary>
    public const string PathVariable = "AKLIGHT_CHROMIUM";

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Launches the browser; fails saying what to install when it is missing.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new FileNotFoundException($"no Chromium at {ExecutablePath}: install Debian's chromium package (apt-get install chromium) or set {PathVariable}", ExecutablePath);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // No sandbox (CI runs as root), no GPU, and nothing that would reach the network by itself.
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}

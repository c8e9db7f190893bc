namespace AkLight.Pipeline.ProcessTests.Infrastructure;

/// <summary>Runs the producer and consumer tools to completion, each within a bounded time.</summary>
public static class Tools
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    public static Task<ToolResult> ProducerAsync(IEnumerable<string> args, string? stdin = null) => RunAsync(RepositoryPaths.ProducerDll, args, stdin);

    public static Task<ToolResult> ConsumerAsync(IEnumerable<string> args) => RunAsync(RepositoryPaths.ConsumerDll, args, stdin: null);

    private static async Task<ToolResult> RunAsync(string dll, IEnumerable<string> args, string? stdin)
    {
        var clock = Stopwatch.StartNew();
        using var runner = ProcessRunner.StartDotnet(dll, args, withStdin: stdin is not null);
        if (stdin is not null) await runner.WriteStdinAndCloseAsync(stdin);
        var exitCode = await runner.WaitForExitAsync(RunTimeout);
        return new ToolResult(exitCode, runner.Stdout, runner.Stderr, clock.Elapsed);
    }
}

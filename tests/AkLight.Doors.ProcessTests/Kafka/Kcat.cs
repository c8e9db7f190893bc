namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>Runs Debian's kcat with a bounded wait; its output for the assertions.</summary>
public static class Kcat
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(string bootstrap, string arguments, string? stdin = null, bool expectSuccess = true)
    {
        var start = new ProcessStartInfo("kcat", $"-b {bootstrap} {arguments}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kcat did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kcat {arguments} did not finish within {Timeout.TotalSeconds} s: {await errors}");
        }
        if (!expectSuccess)
        {
            Assert.True(process.ExitCode != 0, $"kcat {arguments} succeeded, but was expected to fail");
            return await errors;
        }
        Assert.True(process.ExitCode == 0, $"kcat {arguments} exited with {process.ExitCode}: {await errors}");
        return await output;
    }
}

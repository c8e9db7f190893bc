using System.Diagnostics;
using System.Text;

namespace AkLight.TestSupport;

/// <summary>Runs a command to completion within a time limit and returns its output; fails with the output.</summary>
public static class Command
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (key, value) in environment) start.Environment[key] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Describe(start)}' did not finish within {timeout.TotalSeconds:0} s:{Environment.NewLine}{output}");
        }
        process.WaitForExit(); // flushes the output events
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{Describe(start)}' exited with {process.ExitCode}:{Environment.NewLine}{output}");
        lock (output) return output.ToString();
    }

    private static string Describe(ProcessStartInfo start) => $"{start.FileName} {string.Join(' ', start.ArgumentList)}";
}

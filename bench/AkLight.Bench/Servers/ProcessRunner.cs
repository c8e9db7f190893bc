using System.Text;

namespace AkLight.Bench.Servers;

/// <summary>Runs a command to completion within a time limit (killed by pid past it); throws with its output on failure.</summary>
internal static class ProcessRunner
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (key, value) in environment) start.Environment[key] = value;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        ProcessRegistry.Add(process.Id, Path.GetFileName(file), Signals.Kill);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Signals.Send(process.Id, Signals.Kill);
            throw new BenchSetupException($"'{file} {string.Join(' ', start.ArgumentList)}' did not finish within {timeout.TotalSeconds:0} s:\n{output}");
        }
        finally
        {
            ProcessRegistry.Remove(process.Id);
        }
        if (process.ExitCode != 0)
            throw new BenchSetupException($"'{file} {string.Join(' ', start.ArgumentList)}' exited with {process.ExitCode}:\n{output}");
        lock (output) return output.ToString();
    }
}

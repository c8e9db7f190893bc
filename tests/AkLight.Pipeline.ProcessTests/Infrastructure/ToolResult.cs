namespace AkLight.Pipeline.ProcessTests.Infrastructure;

/// <summary>How a tool run ended: exit code, output lines and how long it took.</summary>
public sealed record class ToolResult(int ExitCode, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr, TimeSpan Elapsed)
{
    /// <summary>Each standard output line parsed as a JSON object.</summary>
    public IReadOnlyList<JsonElement> JsonLines => Stdout.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();

    public override string ToString() =>
        $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout ---\n{string.Join('\n', Stdout)}\n--- stderr ---\n{string.Join('\n', Stderr)}";
}

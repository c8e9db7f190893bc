namespace AkLight.Doors.ProcessTests.Mqtt.Paho;

/// <summary>A run of some of a suite's tests: their outcomes, and the runner's output (the failures' tracebacks).</summary>
public sealed record PahoRun(IReadOnlyList<PahoResult> Results, string Output);

/// <summary>One Paho test's outcome on one broker.</summary>
public sealed record PahoResult(string Suite, string Test, bool Passed, string Duration)
{
    /// <summary>"3.1.1 testBasic", "5 test_flow_control1".</summary>
    public string Name => $"{Suite} {Test}";
}

/// <summary>
/// The Eclipse Paho interoperability tests in <c>tests/conformance/paho</c> (client_test.py for MQTT 3.1.1,
/// client_test5.py for MQTT 5), run through <c>run_paho.py</c> with Debian's python3 against a broker on 127.0.0.1.
/// </summary>
public static class PahoSuite
{
    public const string Mqtt311 = "3.1.1", Mqtt5 = "5";

    public static string Folder => Path.Combine(RepositoryPaths.RepositoryRoot, "tests", "conformance", "paho");

    /// <summary>The names of a suite's tests, in the order it runs them.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(string suite)
    {
        var output = await Command.RunAsync("python3", [Path.Combine(Folder, "run_paho.py"), "--suite", suite, "--port", "1", "--list"],
            TimeSpan.FromSeconds(30), workingDirectory: Folder);
        var prefix = $"PAHO {suite} TEST ";
        return Lines(output).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..]).ToArray();
    }

    /// <summary>
    /// Runs <paramref name="tests"/> of <paramref name="suite"/> against the broker on <paramref name="port"/>; each test
    /// is bounded by the runner (25 s), the whole run by <paramref name="timeout"/>.
    /// </summary>
    public static async Task<PahoRun> RunAsync(string suite, int port, IReadOnlyList<string> tests, TimeSpan timeout)
    {
        var output = await Command.RunAsync("python3",
            [Path.Combine(Folder, "run_paho.py"), "--suite", suite, "--port", port.ToString(CultureInfo.InvariantCulture), "--tests", string.Join(',', tests)],
            timeout, workingDirectory: Folder);
        var prefix = $"PAHO {suite} ";
        var results = Lines(output)
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && !l.Contains(" SCORE ", StringComparison.Ordinal))
            .Select(l => l[prefix.Length..].Split(' '))
            .Select(f => new PahoResult(suite, f[0], f[1] == "passed", f.Length > 2 ? f[2] : ""))
            .ToArray();
        var missing = tests.Except(results.Select(r => r.Test)).ToArray();
        return missing.Length == 0 ? new PahoRun(results, output) : throw new InvalidOperationException($"run_paho.py reported no outcome for {string.Join(", ", missing)}:{Environment.NewLine}{output}");
    }

    private static IEnumerable<string> Lines(string output) => output.Split('\n').Select(l => l.TrimEnd('\r'));
}

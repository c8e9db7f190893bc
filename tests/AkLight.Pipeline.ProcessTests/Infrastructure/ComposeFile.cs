namespace AkLight.Pipeline.ProcessTests.Infrastructure;

/// <summary>docker-compose.yml as the deployment tests read it, and the compose command that validates it.</summary>
internal static partial class ComposeFile
{
    internal static string Root => RepositoryPaths.RepositoryRoot;

    internal static string ComposePath => Path.Combine(Root, "docker-compose.yml");

    internal static string OverridePath => Path.Combine(Root, "docker-compose.override.yml");

    internal static string HostNetworkPath => Path.Combine(Root, "deploy", "docker-compose.host-network.yml");

    internal static string DockerfilePath => Path.Combine(Root, "Dockerfile");

    /// <summary><c>docker-compose</c>, else the <c>docker compose</c> plugin; fails when neither is installed.</summary>
    internal static string[] ComposeCommand()
    {
        if (OnPath("docker-compose")) return ["docker-compose"];
        if (OnPath("docker"))
        {
            using var plugin = Process.Start(new ProcessStartInfo("docker", "compose version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (plugin is not null && plugin.WaitForExit(30_000) && plugin.ExitCode == 0) return ["docker", "compose"];
        }
        Assert.Fail("docker-compose is not installed: apt-get install docker-compose (./test.sh does), or install the docker compose plugin");
        return [];
    }

    internal static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, command)));

    /// <summary>What deploy/init-secrets.sh puts in .env (throwaway values: the file is only validated).</summary>
    internal static readonly Dictionary<string, string> Secrets = new()
    {
        ["AKLIGHT_POSTGRES_ADMIN_PASSWORD"] = "validation-only",
        ["AKLIGHT_POSTGRES_PASSWORD"] = "validation-only",
        ["AKLIGHT_AGENT_TOKEN"] = "agent:validation-only",
        ["AKLIGHT_MONITOR_TOKEN"] = "monitor:validation-only",
    };

    /// <summary>None of them, even if the environment running the tests has some.</summary>
    internal static readonly Dictionary<string, string> NoSecrets = Secrets.ToDictionary(s => s.Key, _ => "");

    /// <summary>Runs a command in the repository's root within 60 s and returns what it printed.</summary>
    internal static async Task<ToolResult> RunAsync(string[] command, string[] args, Dictionary<string, string>? environment = null)
    {
        var clock = Stopwatch.StartNew();
        var info = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        foreach (var arg in command.Skip(1).Concat(args)) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? []) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {command[0]}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', command.Concat(args))} did not finish within 60 s");
        }
        return new ToolResult(process.ExitCode, Lines(await stdout), Lines(await stderr), clock.Elapsed);

        static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    /// <summary>The lines of a top-level service: from <c>  name:</c> to the next line indented as little.</summary>
    internal static string[] ServiceBlock(string[] lines, string service)
    {
        var start = Array.FindIndex(lines, l => l.TrimEnd() == $"  {service}:");
        Assert.True(start >= 0, $"docker-compose.yml has no service '{service}' (expected the line '  {service}:')");
        var block = new List<string>();
        for (var i = start + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length > 0 && !line.StartsWith("   ", StringComparison.Ordinal) && !line.TrimStart().StartsWith('#')) break;
            block.Add(line);
        }
        return [.. block];
    }

    /// <summary>Bind mounts of repository files in short syntax: <c>- ./source:/target[:ro]</c>.</summary>
    internal static IEnumerable<(string Source, string Target)> BindMounts(IEnumerable<string> lines) =>
        lines.Select(l => BindMount().Match(l)).Where(m => m.Success).Select(m => (m.Groups["source"].Value, m.Groups["target"].Value));

    [GeneratedRegex(@"^\s*-\s*[""']?(?<source>\./[^:""'\s]+):(?<target>/[^:""'\s]+)(?::(?:ro|rw))?[""']?\s*(?:#.*)?$")]
    internal static partial Regex BindMount();

    [GeneratedRegex(@"^\s*target:\s*[""']?([\w.-]+)", RegexOptions.Multiline)]
    internal static partial Regex BuildTarget();

    [GeneratedRegex(@"^\s*dockerfile:\s*[""']?([^""'\s#]+)", RegexOptions.Multiline)]
    internal static partial Regex BuildDockerfile();

    [GeneratedRegex(@"^\s*AKLIGHT_BROKERS:\s*[""']?([^""'\s#]+)", RegexOptions.Multiline)]
    internal static partial Regex BrokersSetting();

    /// <summary>A port published on the host's loopback: <c>- "127.0.0.1:host:container"</c>; the host port.</summary>
    [GeneratedRegex(@"^\s*-\s*""127\.0\.0\.1:(\d+):\d+""")]
    internal static partial Regex PublishedPort();

    /// <summary>A listener's port setting with its default: <c>AkLight__Mqtt__Port: "${VARIABLE:-1883}"</c>.</summary>
    [GeneratedRegex(@"^\s*AkLight__\w+__\w*Port:\s*""\$\{\w+:-(?<port>\d+)\}""")]
    internal static partial Regex DefaultPortSetting();

    [GeneratedRegex(@"^\s*AkLight__Silo__GatewayPort:\s*[""']?(\d+)", RegexOptions.Multiline)]
    internal static partial Regex GatewayPortSetting();
}

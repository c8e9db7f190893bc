using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AkLight.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace AkLight.EndToEndTests;

/// <summary>
/// The container deployment, checked without a Docker engine: docker-compose.yml is valid and defines its
/// services, every file the Dockerfile copies and compose mounts exists (and is not kept out of the build context),
/// each image gets every project its application references, PostgreSQL's init folder gets the schema scripts in
/// order, and the silo's health check script tells a listening dashboard from a closed port.
/// Building and starting the images needs an engine and is not tested here.
/// </summary>
public sealed partial class ComposeFileTests(ITestOutputHelper output)
{
    private static readonly string[] ExpectedServices = ["postgres", "silo1", "silo2", "producer1", "producer2", "consumer1", "prometheus", "stress"];

    private const string InitFolder = "/docker-entrypoint-initdb.d/";

    /// <summary>Runs after the schema scripts: makes the role the silos use the owner of what they created.</summary>
    private const string RoleScript = "deploy/postgres/99-aklight-role.sh";

    private static string Root => RepositoryPaths.RepositoryRoot;

    private static string ComposePath => Path.Combine(Root, "docker-compose.yml");

    private static string DockerfilePath => Path.Combine(Root, "Dockerfile");

    // ---------------------------------------------------------------------------------------------
    // (a) docker-compose itself
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_compose_file_is_valid_and_defines_its_services()
    {
        var compose = ComposeCommand();

        // The secrets come from the user's .env (deploy/init-secrets.sh): without them compose refuses, naming the script.
        var withoutSecrets = await RunAsync(compose, ["-f", ComposePath, "config", "-q"], NoSecrets);
        Assert.True(withoutSecrets.ExitCode != 0, "docker-compose.yml must not start without the secrets of .env");
        Assert.Contains("deploy/init-secrets.sh", withoutSecrets.ToString());
        var check = await RunAsync(compose, ["-f", ComposePath, "config", "-q"], Secrets);
        Assert.True(check.ExitCode == 0, $"{string.Join(' ', compose)} config -q rejected docker-compose.yml:\n{check}");

        var list = await RunAsync(compose, ["-f", ComposePath, "config", "--services"], Secrets);
        Assert.True(list.ExitCode == 0, list.ToString());
        var services = list.Stdout.Select(line => line.Trim()).Where(line => line.Length > 0).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(ExpectedServices.Order(StringComparer.Ordinal), services);
    }

    [Fact]
    public void Every_client_names_a_silo_gateway()
    {
        var text = File.ReadAllText(ComposePath);
        var gateway = Assert.Single(GatewayPortSetting().Matches(text).Select(m => m.Groups[1].Value).Distinct());
        var lists = BrokersSetting().Matches(text).Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(lists);
        foreach (var brokers in lists)
        {
            var hosts = new List<string>();
            foreach (var address in brokers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = address.Split(':');
                Assert.True(parts.Length == 2, $"AKLIGHT_BROKERS entry '{address}' is not host:port");
                Assert.True(parts[0] is "silo1" or "silo2", $"AKLIGHT_BROKERS entry '{address}' names no silo service");
                Assert.Equal(gateway, parts[1]);
                hosts.Add(parts[0]);
            }
            Assert.Equal(["silo1", "silo2"], hosts.Order(StringComparer.Ordinal));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // (b) every path the Dockerfile copies and compose mounts exists
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Every_path_the_Dockerfile_copies_exists_and_is_in_the_build_context()
    {
        var dockerfile = Dockerfile.Read(DockerfilePath);
        var ignore = DockerIgnore.Read(Path.Combine(Root, ".dockerignore"));
        var checkedSources = 0;
        foreach (var stage in dockerfile.Stages)
        {
            foreach (var copy in stage.Copies.Where(c => c.FromStage is null))
            {
                foreach (var source in copy.Sources)
                {
                    var path = Path.Combine(Root, source.TrimEnd('/'));
                    Assert.True(File.Exists(path) || Directory.Exists(path), $"stage '{stage.Name}': COPY {source}: no such file or folder in the repository");
                    foreach (var file in FilesUnder(path))
                    {
                        var relative = Path.GetRelativePath(Root, file).Replace('\\', '/');
                        Assert.False(ignore.Excludes(relative), $"stage '{stage.Name}': COPY {source}: {relative} is excluded by .dockerignore");
                    }
                    checkedSources++;
                }
            }
        }
        output.WriteLine($"{checkedSources} COPY sources exist and are in the build context");
        Assert.True(checkedSources > 0, "the Dockerfile copies nothing from the repository");
    }

    [Theory]
    [InlineData("silo", "Silo/Silo.csproj")]
    [InlineData("producer", "Producer/Producer.csproj")]
    [InlineData("consumer", "Consumer/Consumer.csproj")]
    public void Each_image_is_built_from_its_project_and_everything_it_references(string target, string project)
    {
        var dockerfile = Dockerfile.Read(DockerfilePath);
        var image = dockerfile.Stage(target);

        // The runtime stage takes the output of a publish stage, which publishes this project.
        var fromPublish = Assert.Single(image.Copies, c => c.FromStage is not null);
        var publish = dockerfile.Stage(fromPublish.FromStage!);
        Assert.True(publish.Runs.Any(run => run.Contains($"dotnet publish {project}", StringComparison.Ordinal)),
            $"stage '{publish.Name}' does not run 'dotnet publish {project}'");

        // The image starts that project's assembly.
        var assembly = AssemblyName(project);
        Assert.True(image.Entrypoint.Contains($"\"{assembly}.dll\"", StringComparison.Ordinal),
            $"stage '{target}': ENTRYPOINT {image.Entrypoint} does not start {assembly}.dll");

        // Every project it references, directly or not, has its csproj copied before the restore and its folder
        // copied before the publish (in the publish stage or a stage it is built FROM).
        var lineage = dockerfile.Lineage(publish).ToArray();
        var copied = lineage.SelectMany(s => s.Copies).Where(c => c.FromStage is null).SelectMany(c => c.Sources.Select(source => (Copy: c, Source: source))).ToArray();
        foreach (var needed in ProjectClosure(project))
        {
            var folder = needed[..(needed.IndexOf('/') + 1)];
            Assert.True(copied.Any(c => c.Source == needed), $"'{target}' needs {needed}, which no COPY before its restore brings in");
            Assert.True(copied.Any(c => c.Source == folder), $"'{target}' needs the sources of {folder}, which no COPY in '{publish.Name}' or the stages under it brings in");
            Assert.True(lineage.Any(s => s.Runs.Any(run => run.Contains("dotnet restore", StringComparison.Ordinal))), $"'{target}' is built without a restore");
            output.WriteLine($"{target}: {needed}");
        }
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
            Assert.True(copied.Any(c => c.Source == file), $"'{target}' is restored without {file}");
    }

    [Fact]
    public void Every_file_compose_mounts_or_builds_from_exists()
    {
        var text = File.ReadAllText(ComposePath);
        var mounts = BindMounts(text.Split('\n')).ToArray();
        Assert.NotEmpty(mounts);
        foreach (var (source, target) in mounts)
        {
            var path = Path.Combine(Root, source[2..]);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"compose mounts {source} (at {target}): no such file or folder in the repository");
            output.WriteLine($"{source} -> {target}");
        }

        var stages = Dockerfile.Read(DockerfilePath).Stages.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var targets = BuildTarget().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.Equal(["consumer", "producer", "silo"], targets.Order(StringComparer.Ordinal));
        foreach (var target in targets) Assert.True(stages.Contains(target), $"compose builds target '{target}', which the Dockerfile has no stage for");
        foreach (Match dockerfile in BuildDockerfile().Matches(text))
            Assert.True(File.Exists(Path.Combine(Root, dockerfile.Groups[1].Value)), $"compose builds from {dockerfile.Groups[1].Value}, which does not exist");
    }

    // ---------------------------------------------------------------------------------------------
    // (c) PostgreSQL gets the schema scripts, all of them, in order
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Postgres_runs_every_schema_script_in_order_at_first_start()
    {
        var scripts = Directory.GetFiles(Path.Combine(Root, "sql"), "*.sql")
            .Select(f => "sql/" + Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(scripts);

        var postgres = ServiceBlock(File.ReadAllLines(ComposePath), "postgres");
        var init = BindMounts(postgres).Where(m => m.Target.StartsWith(InitFolder, StringComparison.Ordinal)).ToArray();

        // The image runs the folder's files sorted by name: that order must be the scripts' order, then the role's.
        var runOrder = init.OrderBy(m => m.Target, StringComparer.Ordinal).ToArray();
        var mounted = runOrder.Select(m => m.Source[2..]).ToArray();
        scripts = [.. scripts, RoleScript];
        Assert.True(scripts.SequenceEqual(mounted, StringComparer.Ordinal),
            $"the postgres service must mount every sql/*.sql into {InitFolder}, named so they sort in the scripts' order.\n" +
            $"scripts: {string.Join(", ", scripts)}\nmounted, in the order the image runs them: {string.Join(", ", mounted)}");
        foreach (var (source, target) in runOrder)
        {
            Assert.Equal(Path.GetFileName(source), target[InitFolder.Length..]);
            output.WriteLine($"{source} -> {target}");
        }
        // apply.sh needs a database URL; the image would run (or source) it without one and fail the init.
        Assert.DoesNotContain(postgres, line => line.Contains("apply.sh", StringComparison.Ordinal) && !line.TrimStart().StartsWith('#'));
        Assert.DoesNotContain(init, m => !m.Target.EndsWith(".sql", StringComparison.Ordinal) && m.Source[2..] != RoleScript);
        // The silos connect as that role, never as the superuser the image initialises with.
        var compose = File.ReadAllText(ComposePath);
        Assert.Contains("POSTGRES_USER: postgres", compose);
        Assert.Contains("Username=aklight;", compose);
    }

    // ---------------------------------------------------------------------------------------------
    // The silo image's health check script, run against real sockets
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_silo_health_check_passes_on_any_HTTP_answer_and_fails_on_a_closed_port()
    {
        var closed = FreePorts.Pick();

        // The default: the HTTP listener (dashboard, API, console) must answer; a redirect or a 404 is an answer.
        var (healthy, request) = await HealthCheckAgainstHttpAsync(port => new() { ["AkLight__Dashboard__Port"] = port });
        Assert.True(healthy.ExitCode == 0, $"HTTP listener answering: {healthy}");
        Assert.StartsWith("GET / HTTP/1.0", request, StringComparison.Ordinal);
        var down = await HealthCheckAsync(new() { ["AkLight__Dashboard__Port"] = closed.ToString() });
        Assert.True(down.ExitCode != 0, $"nothing listening on {closed}, yet: {down}");

        // The API alone keeps the HTTP listener, so that is still what is checked.
        var (apiOnly, _) = await HealthCheckAgainstHttpAsync(port => new()
        {
            ["AkLight__Dashboard__Enabled"] = "false",
            ["AkLight__Http__Enabled"] = "True",
            ["AkLight__Dashboard__Port"] = port,
            ["AkLight__Silo__GatewayPort"] = closed.ToString(),
        });
        Assert.True(apiOnly.ExitCode == 0, $"API without dashboard, HTTP answering: {apiOnly}");

        // No HTTP listener at all: the gateway port is what is checked.
        using var gateway = new TcpListener(IPAddress.Loopback, 0);
        gateway.Start();
        var gatewayPort = ((IPEndPoint)gateway.LocalEndpoint).Port.ToString();
        var gatewayUp = await HealthCheckAsync(new() { ["AkLight__Dashboard__Enabled"] = "False", ["AkLight__Silo__GatewayPort"] = gatewayPort });
        Assert.True(gatewayUp.ExitCode == 0, $"gateway listening on {gatewayPort}: {gatewayUp}");
        var gatewayDown = await HealthCheckAsync(new() { ["AkLight__Dashboard__Enabled"] = "false", ["AkLight__Silo__GatewayPort"] = closed.ToString() });
        Assert.True(gatewayDown.ExitCode != 0, $"no gateway on {closed}, yet: {gatewayDown}");
    }

    private static Task<ToolResult> HealthCheckAsync(Dictionary<string, string> environment)
    {
        var script = Path.Combine(Root, "deploy", "silo-healthcheck.sh");
        Assert.True(File.Exists(script), $"{script} is missing");
        return RunAsync(["bash", script], [], environment);
    }

    /// <summary>Runs the health check against a listener that answers one request with a 404.</summary>
    private static async Task<(ToolResult Result, string Request)> HealthCheckAgainstHttpAsync(Func<string, Dictionary<string, string>> environment)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = AnswerOnceAsync(listener, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var result = await HealthCheckAsync(environment(port.ToString()));
        // Healthy means it read the answer, so the request is in; unhealthy, the server may still be waiting.
        var request = result.ExitCode == 0 ? await server.WaitAsync(TimeSpan.FromSeconds(5)) : "";
        return (result, request);
    }

    private static async Task<string> AnswerOnceAsync(TcpListener listener, string response)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = await listener.AcceptTcpClientAsync(timeout.Token);
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[1024];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) break;
            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), timeout.Token);
        return request.ToString();
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    /// <summary><c>docker-compose</c>, else the <c>docker compose</c> plugin; fails when neither is installed.</summary>
    private static string[] ComposeCommand()
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

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, command)));

    /// <summary>What deploy/init-secrets.sh puts in .env (throwaway values: the file is only validated).</summary>
    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["AKLIGHT_POSTGRES_ADMIN_PASSWORD"] = "validation-only",
        ["AKLIGHT_POSTGRES_PASSWORD"] = "validation-only",
        ["AKLIGHT_AGENT_TOKEN"] = "agent:validation-only",
        ["AKLIGHT_MONITOR_TOKEN"] = "monitor:validation-only",
    };

    /// <summary>None of them, even if the environment running the tests has some.</summary>
    private static readonly Dictionary<string, string> NoSecrets = Secrets.ToDictionary(s => s.Key, _ => "");

    private static async Task<ToolResult> RunAsync(string[] command, string[] args, Dictionary<string, string>? environment = null)
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

    private static IEnumerable<string> FilesUnder(string path)
    {
        if (File.Exists(path)) return [path];
        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
    }

    /// <summary>The AssemblyName of a project (its file name without extension when it sets none).</summary>
    private static string AssemblyName(string project)
    {
        var xml = XDocument.Load(Path.Combine(Root, project));
        return xml.Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault()
            ?? Path.GetFileNameWithoutExtension(project);
    }

    /// <summary>The project and every project it references, directly or not, as repository paths (<c>Client/Client.csproj</c>).</summary>
    private static IReadOnlyCollection<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current)) continue;
            var full = Path.Combine(Root, current);
            Assert.True(File.Exists(full), $"{current} is referenced but missing");
            foreach (var reference in XDocument.Load(full).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value.Replace('\\', '/') ?? "";
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, include));
                pending.Push(Path.GetRelativePath(Root, resolved).Replace('\\', '/'));
            }
        }
        return seen;
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
    private static IEnumerable<(string Source, string Target)> BindMounts(IEnumerable<string> lines) =>
        lines.Select(l => BindMount().Match(l)).Where(m => m.Success).Select(m => (m.Groups["source"].Value, m.Groups["target"].Value));

    [GeneratedRegex(@"^\s*-\s*[""']?(?<source>\./[^:""'\s]+):(?<target>/[^:""'\s]+)(?::(?:ro|rw))?[""']?\s*(?:#.*)?$")]
    private static partial Regex BindMount();

    [GeneratedRegex(@"^\s*target:\s*[""']?([\w.-]+)", RegexOptions.Multiline)]
    private static partial Regex BuildTarget();

    [GeneratedRegex(@"^\s*dockerfile:\s*[""']?([^""'\s#]+)", RegexOptions.Multiline)]
    private static partial Regex BuildDockerfile();

    [GeneratedRegex(@"^\s*AKLIGHT_BROKERS:\s*[""']?([^""'\s#]+)", RegexOptions.Multiline)]
    private static partial Regex BrokersSetting();

    [GeneratedRegex(@"^\s*AkLight__Silo__GatewayPort:\s*[""']?(\d+)", RegexOptions.Multiline)]
    private static partial Regex GatewayPortSetting();

    /// <summary>The instructions of a Dockerfile that these tests look at, by stage.</summary>
    private sealed class Dockerfile
    {
        public List<Stage> Stages { get; } = [];

        public Stage Stage(string name) =>
            Stages.SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"the Dockerfile has no stage '{name}'");

        /// <summary>The stage and the stages it is built FROM, nearest first.</summary>
        public IEnumerable<Stage> Lineage(Stage stage)
        {
            for (var current = stage; ;)
            {
                yield return current;
                var baseName = current.BaseImage;
                var next = Stages.SingleOrDefault(s => s.Name == baseName);
                if (next is null) yield break;
                current = next;
            }
        }

        public static Dockerfile Read(string path)
        {
            Assert.True(File.Exists(path), $"{path} is missing");
            var result = new Dockerfile();
            foreach (var instruction in Instructions(File.ReadAllLines(path)))
            {
                var space = instruction.IndexOf(' ');
                var keyword = (space < 0 ? instruction : instruction[..space]).ToUpperInvariant();
                var rest = space < 0 ? "" : instruction[(space + 1)..].Trim();
                if (keyword == "FROM")
                {
                    var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                    var name = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : $"#{result.Stages.Count}";
                    result.Stages.Add(new Stage(name, words[0]));
                    continue;
                }
                Assert.True(result.Stages.Count > 0, $"'{instruction}' comes before any FROM");
                var stage = result.Stages[^1];
                switch (keyword)
                {
                    case "COPY" or "ADD":
                        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        var from = words.FirstOrDefault(w => w.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
                        var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                        Assert.True(paths.Length >= 2, $"'{instruction}' has no source or destination");
                        stage.Copies.Add(new Copy(from, paths[..^1]));
                        break;
                    case "RUN":
                        stage.Runs.Add(rest);
                        break;
                    case "ENTRYPOINT":
                        stage.Entrypoint = rest;
                        break;
                }
            }
            return result;
        }

        /// <summary>Instructions with their continuation lines joined, comments and blank lines dropped.</summary>
        private static IEnumerable<string> Instructions(string[] lines)
        {
            var current = new StringBuilder();
            foreach (var raw in lines)
            {
                var line = raw.TrimEnd();
                if (line.TrimStart().StartsWith('#') || line.Length == 0) continue;
                if (line.EndsWith('\\'))
                {
                    current.Append(line[..^1]).Append(' ');
                    continue;
                }
                current.Append(line);
                yield return Regex.Replace(current.ToString().Trim(), @"\s+", " ");
                current.Clear();
            }
            if (current.Length > 0) yield return current.ToString().Trim();
        }
    }

    private sealed class Stage(string name, string baseImage)
    {
        public string Name { get; } = name;

        public string BaseImage { get; } = baseImage;

        public List<Copy> Copies { get; } = [];

        public List<string> Runs { get; } = [];

        public string Entrypoint { get; set; } = "";
    }

    private sealed record class Copy(string? FromStage, string[] Sources);

    /// <summary>
    /// .dockerignore as the Docker builder reads it: patterns relative to the context root, '*' and '?' within a
    /// level, '**' across levels, '!' re-including; a pattern matching a folder covers what is in it; the last
    /// matching pattern decides.
    /// </summary>
    private sealed class DockerIgnore
    {
        private readonly List<(Regex Pattern, bool Include)> _rules = [];

        public static DockerIgnore Read(string path)
        {
            var result = new DockerIgnore();
            if (!File.Exists(path)) return result;
            foreach (var raw in File.ReadAllLines(path))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var include = line.StartsWith('!');
                var pattern = (include ? line[1..] : line).Trim().TrimStart('/').TrimEnd('/');
                if (pattern.StartsWith("./", StringComparison.Ordinal)) pattern = pattern[2..];
                result._rules.Add((new Regex("^" + GlobToRegex(pattern) + "$", RegexOptions.CultureInvariant), include));
            }
            return result;
        }

        public bool Excludes(string relativePath)
        {
            var levels = relativePath.Split('/');
            var candidates = Enumerable.Range(1, levels.Length).Select(n => string.Join('/', levels[..n])).ToArray();
            var excluded = false;
            foreach (var (pattern, include) in _rules)
            {
                if (candidates.Any(pattern.IsMatch)) excluded = !include;
            }
            return excluded;
        }

        private static string GlobToRegex(string glob)
        {
            var regex = new StringBuilder();
            for (var i = 0; i < glob.Length; i++)
            {
                var c = glob[i];
                if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
                {
                    var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                    regex.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                }
                else if (c == '*') regex.Append("[^/]*");
                else if (c == '?') regex.Append("[^/]");
                else regex.Append(Regex.Escape(c.ToString()));
            }
            return regex.ToString();
        }
    }
}

using Xunit.Abstractions;
using static AkLight.Pipeline.ProcessTests.Infrastructure.ComposeFile;

namespace AkLight.Pipeline.ProcessTests;

/// <summary>
/// docker-compose.yml, checked without a Docker engine: it is valid and defines its services, every client names a
/// silo's gateway, three silos can run on one host with ports of their own, and PostgreSQL's init folder gets the schema
/// scripts in order, then the role the silos use.
/// Building and starting the images needs an engine: deploy/stack-test does that.
/// </summary>
public sealed class ComposeFileTests(ITestOutputHelper output)
{
    private static readonly string[] ExpectedServices = ["postgres", "silo1", "silo2", "silo3", "producer1", "producer2", "consumer1", "prometheus", "stress"];

    private const string InitFolder = "/docker-entrypoint-initdb.d/";

    /// <summary>Runs after the schema scripts: makes the role the silos use the owner of what they created.</summary>
    private const string RoleScript = "deploy/postgres/99-aklight-role.sh";

    // Docker-compose itself

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

    // Silos on one host: every one with ports of its own

    private static readonly string[] Silos = ["silo1", "silo2", "silo3"];

    [Fact]
    public async Task Three_silos_run_on_one_host_and_no_two_share_a_port()
    {
        var compose = ComposeCommand();
        foreach (var second in new[] { OverridePath, HostNetworkPath })
        {
            var check = await RunAsync(compose, ["-f", ComposePath, "-f", second, "--profile", "silo3", "config", "-q"], Secrets);
            Assert.True(check.ExitCode == 0, $"docker-compose.yml with {Path.GetFileName(second)} and the third silo was rejected:\n{check}");
        }

        // Published on the host (bridge networking): the containers' own ports may be equal, the host's may not.
        var overrideLines = File.ReadAllLines(OverridePath);
        var published = Silos.SelectMany(silo => ServiceBlock(overrideLines, silo)
            .Select(line => PublishedPort().Match(line)).Where(m => m.Success).Select(m => (Silo: silo, Port: m.Groups[1].Value))).ToArray();
        AssertEachSiloHasPortsOfItsOwn(published, perSilo: 3, "docker-compose.override.yml");

        // On the host's network every listener of every silo is on the host: silo, gateway, HTTP, MQTT and Kafka ports.
        var hostLines = File.ReadAllLines(HostNetworkPath);
        var listening = Silos.SelectMany(silo => ServiceBlock(hostLines, silo)
            .Select(line => DefaultPortSetting().Match(line)).Where(m => m.Success).Select(m => (Silo: silo, Port: m.Groups["port"].Value))).ToArray();
        AssertEachSiloHasPortsOfItsOwn(listening, perSilo: 5, "deploy/docker-compose.host-network.yml");
    }

    private void AssertEachSiloHasPortsOfItsOwn((string Silo, string Port)[] ports, int perSilo, string file)
    {
        foreach (var silo in Silos)
            Assert.True(ports.Count(p => p.Silo == silo) == perSilo, $"{file}: {silo} should set {perSilo} ports, sets {ports.Count(p => p.Silo == silo)}");
        var shared = ports.GroupBy(p => p.Port).Where(g => g.Count() > 1).Select(g => $"{g.Key} ({string.Join(", ", g.Select(p => p.Silo))})").ToArray();
        Assert.True(shared.Length == 0, $"{file}: silos share host ports: {string.Join("; ", shared)}");
        output.WriteLine($"{file}: {string.Join(", ", ports.Select(p => $"{p.Silo} {p.Port}"))}");
    }

    // PostgreSQL gets the schema scripts, all of them, in order

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
}

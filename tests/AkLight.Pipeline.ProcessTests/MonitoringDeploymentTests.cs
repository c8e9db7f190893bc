namespace AkLight.Pipeline.ProcessTests;

/// <summary>
/// What compose adds for operators, checked without an engine: Prometheus scrapes <c>/metrics</c> of both silos
/// on their HTTP port, the Grafana dashboard is valid JSON whose queries use only metrics the README documents,
/// and the stress load is opt-in (a profile) and bounded.
/// </summary>
public sealed partial class MonitoringDeploymentTests
{
    private static string Root => RepositoryPaths.RepositoryRoot;

    private static string[] ComposeLines => File.ReadAllLines(Path.Combine(Root, "docker-compose.yml"));

    [Fact]
    public void Prometheus_scrapes_the_metrics_of_both_silos_on_their_HTTP_port()
    {
        var prometheus = ComposeFile.ServiceBlock(ComposeLines, "prometheus");
        Assert.Contains(prometheus, l => l.Contains("./deploy/prometheus.yml:/etc/prometheus/prometheus.yml", StringComparison.Ordinal));
        var port = Assert.Single(ComposeLines
            .Select(l => SiloHttpPort().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct());

        var config = File.ReadAllText(Path.Combine(Root, "deploy", "prometheus.yml"));
        Assert.Matches(@"metrics_path:\s*/metrics\b", config);
        Assert.Contains($"\"silo1:{port}\"", config, StringComparison.Ordinal);
        Assert.Contains($"\"silo2:{port}\"", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Grafana_dashboard_is_JSON_and_queries_only_documented_metrics()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "deploy", "grafana", "aklight-broker.json")));
        var documented = MetricName().Matches(File.ReadAllText(Path.Combine(Root, "README.md"))).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(documented);

        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToArray();
        Assert.NotEmpty(panels);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            var targets = panel.GetProperty("targets").EnumerateArray().ToArray();
            Assert.True(targets.Length > 0, $"panel '{title}' has no query");
            foreach (var target in targets)
            {
                var expr = target.GetProperty("expr").GetString();
                Assert.False(string.IsNullOrWhiteSpace(expr), $"panel '{title}' has an empty query");
                used.UnionWith(MetricName().Matches(expr!).Select(m => m.Value));
            }
        }
        // Histograms are documented by their base name (..._seconds); their series end in _bucket.
        var undocumented = used.Where(name => !documented.Contains(name) && !documented.Contains(Regex.Replace(name, "_(bucket|sum|count)$", ""))).ToArray();
        Assert.True(undocumented.Length == 0, $"the dashboard queries metrics the README does not document: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void The_stress_load_runs_only_with_its_profile_and_for_a_bounded_time()
    {
        var stress = string.Join('\n', ComposeFile.ServiceBlock(ComposeLines, "stress"));
        Assert.Matches(@"profiles:\s*\[\s*stress\s*\]", stress);
        Assert.Matches(@"command:\s*\[""stress"".*""--seconds"",\s*""\d+""", stress);
        Assert.Contains("restart: \"no\"", stress, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\baklight_[a-z_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"AkLight__Dashboard__Port:\s*""(\d+)""")]
    private static partial Regex SiloHttpPort();
}

namespace AkLight.Parts.Tests.Consumer;

public sealed class MonitorOptionsTests
{
    private static MonitorOptions Parse(string[] args, Dictionary<string, string>? environment = null) =>
        MonitorOptions.From(
            ArgumentParser.Parse(args, MonitorOptions.ValueOptions, MonitorOptions.Switches),
            name => environment?.GetValueOrDefault(name));

    [Fact]
    public void Without_options_or_variables_it_watches_every_container_metric_and_event_with_the_built_in_rules()
    {
        var options = Parse([]);

        Assert.Equal(["metrics/docker/#", "events/docker/#"], options.Filters);
        Assert.Equal($"monitor-{Environment.MachineName}", options.SessionId);
        Assert.False(options.Persistent);
        Assert.Equal(["cpu-high: cpu > 80 for 30s clear 70", "memory.percent-high: memory.percent > 90 for 30s clear 80"], options.Rules.Thresholds.Select(r => r.ToString()));
        Assert.Equal(["oom: event oom", "unhealthy: event health_status == unhealthy"], options.Rules.Events.Select(r => r.ToString()));
        Assert.Null(options.Webhook);
        Assert.Equal(3, options.SilenceIntervals);
        Assert.False(options.Plain);
        Assert.Empty(options.Brokers);
    }

    [Fact]
    public void The_variables_fill_in_what_the_command_line_does_not_say()
    {
        var rules = Path.GetTempFileName();
        try
        {
            File.WriteAllText(rules, "# mine\nhot: cpu >= 95\n");
            var options = Parse([], new()
            {
                ["AKLIGHT_FILTERS"] = "metrics/docker/h1/#, metrics/docker/h2/#",
                ["AKLIGHT_SESSION"] = "dash",
                ["AKLIGHT_PERSISTENT"] = "TRUE",
                ["AKLIGHT_RULES"] = rules,
                ["AKLIGHT_WEBHOOK"] = "http://127.0.0.1:8080/alerts",
                ["AKLIGHT_SILENCE_INTERVALS"] = "5",
            });

            Assert.Equal(["metrics/docker/h1/#", "metrics/docker/h2/#"], options.Filters);
            Assert.Equal("dash", options.SessionId);
            Assert.True(options.Persistent);
            Assert.Equal(["hot"], options.Rules.Thresholds.Select(r => r.Name));
            Assert.Equal(new Uri("http://127.0.0.1:8080/alerts"), options.Webhook);
            Assert.Equal(5, options.SilenceIntervals);
        }
        finally
        {
            File.Delete(rules);
        }
    }

    [Fact]
    public void The_command_line_wins_over_the_variables()
    {
        var options = Parse(
            ["--filter", "metrics/docker/+/web/#", "--session", "s1", "--silence-intervals", "2", "--webhook", "https://127.0.0.1/h", "--plain", "--broker", "127.0.0.1:1"],
            new() { ["AKLIGHT_FILTERS"] = "x/#", ["AKLIGHT_SESSION"] = "env", ["AKLIGHT_SILENCE_INTERVALS"] = "9", ["AKLIGHT_WEBHOOK"] = "http://127.0.0.1/env" });

        Assert.Equal(["metrics/docker/+/web/#"], options.Filters);
        Assert.Equal("s1", options.SessionId);
        Assert.Equal(2, options.SilenceIntervals);
        Assert.Equal("https://127.0.0.1/h", options.Webhook!.ToString());
        Assert.True(options.Plain);
        Assert.Equal(["127.0.0.1:1"], options.Brokers);
    }

    [Theory]
    [InlineData("AKLIGHT_PERSISTENT", "maybe")]
    [InlineData("AKLIGHT_SILENCE_INTERVALS", "0")]
    [InlineData("AKLIGHT_WEBHOOK", "ftp://127.0.0.1/x")]
    [InlineData("AKLIGHT_FILTERS", "a/#/b")]
    [InlineData("AKLIGHT_RULES", "/no/such/rules/file")]
    public void A_bad_variable_is_a_usage_error_naming_it(string variable, string value)
    {
        var error = Assert.Throws<UsageException>(() => Parse([], new() { [variable] = value }));
        Assert.Contains(variable is "AKLIGHT_FILTERS" or "AKLIGHT_RULES" ? value : variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_rules_file_is_a_usage_error_with_the_line_number()
    {
        var rules = Path.GetTempFileName();
        try
        {
            File.WriteAllText(rules, "cpu > 80\n\n# comment\nmemory.percent >> 90\n");

            var error = Assert.Throws<UsageException>(() => Parse(["--rules", rules]));

            Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
            Assert.Contains(rules, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(rules);
        }
    }

    [Theory]
    [InlineData("cpu > 80\ncpu > 90\n", "line 2")]
    [InlineData("silence: cpu > 80\n", "reserved")]
    public void Rule_names_must_differ_and_silence_is_reserved(string text, string expected)
    {
        var error = Assert.Throws<UsageException>(() => RuleSet.Parse(text, "rules"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_compose_files_rules_load_with_its_event_rules()
    {
        var rules = RuleSet.Load(Path.Combine(AkLight.TestSupport.RepositoryPaths.RepositoryRoot, "deploy", "rules.txt"));

        Assert.Equal(["high-cpu", "high-mem"], rules.Thresholds.Select(r => r.Name));
        Assert.Equal(["oom", "crash", "unhealthy", "flapping"], rules.Events.Select(r => r.Name));
    }
}

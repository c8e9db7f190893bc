namespace AkLight.Pipeline.ProcessTests;

/// <summary>
/// The producer's metric agent as a real process against a real silo: its host metrics arrive through the
/// consumer tool, and what it samples while the broker is down arrives once the broker is back.
/// </summary>
public sealed class AgentTests
{
    private const string Host = "e2e-host";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_agent_publishes_at_least_four_numeric_host_metrics()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var agent = StartAgent(["agent", .. AgentArguments(silo)]);
        await WaitForStderrAsync(agent, line => line.StartsWith("agent: delivering to", StringComparison.Ordinal));
        await Task.Delay(3 * Interval); // a few samples of every metric

        var consume = await Tools.ConsumerAsync(["--filter", "metrics/docker/#", "--from", "earliest", "--json", "--max", "60", "--broker", silo.Broker]);

        Assert.True(consume.ExitCode == 0, consume.ToString());
        var readings = consume.JsonLines.Select(Reading.From).ToArray();
        Assert.All(readings, r =>
        {
            Assert.StartsWith($"metrics/docker/{Host}/{Host}/", r.Topic, StringComparison.Ordinal); // no Docker: the host is the container level
            Assert.Equal(Host, r.Key);
            Assert.Equal("p1", r.Payload.GetProperty("producer").GetString());
            Assert.Equal(1, r.Payload.GetProperty("interval").GetDouble());
        });
        var numeric = readings.Where(r => r.Payload.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number).ToArray();
        var metrics = numeric.Select(r => r.Metric).Distinct().ToArray();
        Assert.True(metrics.Length >= 4, $"only {string.Join(", ", metrics)} among:\n{consume}");
        Assert.All(numeric, r => Assert.False(string.IsNullOrEmpty(r.Payload.GetProperty("unit").GetString())));

        agent.Terminate();
        Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, agent.Describe());
    }

    [Fact]
    public async Task Readings_sampled_while_the_broker_is_down_arrive_after_it_restarts()
    {
        await using var silo = await SiloProcess.StartAsync();
        // No subcommand: the agent is the default mode.
        using var agent = StartAgent(AgentArguments(silo));
        await WaitForStderrAsync(agent, line => line.StartsWith("agent: delivering to", StringComparison.Ordinal));
        var before = await Tools.ConsumerAsync(["--filter", CpuTopic, "--from", "earliest", "--json", "--max", "2", "--broker", silo.Broker]);
        Assert.True(before.ExitCode == 0, before.ToString());

        var down = DateTimeOffset.UtcNow;
        await silo.StopAsync();
        await WaitForStderrAsync(agent, line => line.StartsWith("agent: delivery failing", StringComparison.Ordinal));
        await Task.Delay(5 * Interval); // the agent goes on sampling into its buffer
        var up = DateTimeOffset.UtcNow;
        await silo.RestartAsync(); // same ports, same data folder
        await WaitForStderrAsync(agent, line => line.StartsWith("agent: delivery resumed", StringComparison.Ordinal));
        await Task.Delay(2 * Interval);

        agent.Terminate();
        Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, agent.Describe());
        foreach (var metric in new[] { "cpu", "memory", "net.rx" }) await AssertNothingLostAsync(silo, metric, down, up, agent);
    }

    [Fact]
    public async Task The_agent_starts_without_a_broker_and_delivers_what_it_sampled_once_one_answers()
    {
        await using var silo = await SiloProcess.StartAsync();
        var down = DateTimeOffset.UtcNow;
        await silo.StopAsync(); // its ports and data folder stay reserved for the restart
        using var agent = StartAgent(["agent", .. AgentArguments(silo)]);
        await WaitForStderrAsync(agent, line => line.StartsWith("agent: delivery failing", StringComparison.Ordinal));
        await Task.Delay(3 * Interval);
        var up = DateTimeOffset.UtcNow;
        await silo.RestartAsync();
        await WaitForStderrAsync(agent, line => line.StartsWith("agent: delivery resumed", StringComparison.Ordinal));
        await Task.Delay(2 * Interval);

        agent.Terminate();
        Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, agent.Describe());
        await AssertNothingLostAsync(silo, "cpu", down, up, agent);
    }

    [Fact]
    public async Task Help_lists_the_agent_and_stress_and_bad_agent_options_are_refused()
    {
        var help = await Tools.ProducerAsync(["--help"]);
        var bad = await Tools.ProducerAsync(["--interval", "0"]);

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains(help.Stdout, line => line.Contains("AkLight.Producer [agent]", StringComparison.Ordinal));
        Assert.Contains(help.Stdout, line => line.Contains("AkLight.Producer stress", StringComparison.Ordinal));
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("--interval", Assert.Single(bad.Stderr), StringComparison.Ordinal);
    }

    /// <summary>
    /// Every reading of <paramref name="metric"/> the (stopped) agent sampled is in the broker: some from the
    /// outage, consecutive timestamps about one interval apart, as many as the time they span holds.
    /// </summary>
    private static async Task AssertNothingLostAsync(SiloProcess silo, string metric, DateTimeOffset down, DateTimeOffset up, ProcessRunner agent)
    {
        Assert.Contains(agent.Stderr, line => line.StartsWith("agent: stopped, everything sampled was delivered (0 dropped", StringComparison.Ordinal));
        // The agent has stopped, so the topic is complete once the consumer has been idle for a while.
        var consume = await Tools.ConsumerAsync(["--filter", $"metrics/docker/{Host}/{Host}/{metric}", "--from", "earliest", "--json", "--idle-exit", "5", "--broker", silo.Broker]);
        Assert.True(consume.ExitCode == 0, consume.ToString());
        // At least once: a batch stored just before the broker went away may come twice; a reading is its timestamp.
        var times = consume.JsonLines.Select(Reading.From).Select(r => r.Timestamp).Distinct().Order().ToArray();
        var report = $"{metric}: outage {down:HH:mm:ss.fff}–{up:HH:mm:ss.fff}, readings at {string.Join(' ', times.Select(t => t.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)))}\n{agent.Describe()}";

        Assert.True(times.Count(t => t > down && t < up) >= 3, $"too few readings from the outage; {report}");
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToArray();
        Assert.True(gaps.Max() <= 2.5 * Interval, $"a gap of {gaps.Max().TotalSeconds:0.0} s; {report}");
        var expected = (times[^1] - times[0]) / Interval + 1;
        Assert.True(times.Length >= 0.9 * expected && times.Length <= expected + 1, $"{times.Length} readings where about {expected:0} were sampled; {report}");
    }

    private static string CpuTopic => $"metrics/docker/{Host}/{Host}/cpu";

    private static string[] AgentArguments(SiloProcess silo) =>
        ["--interval", "1", "--docker", "off", "--producer-id", "p1", "--host", Host, "--broker", silo.Broker];

    private static ProcessRunner StartAgent(IEnumerable<string> args) => ProcessRunner.StartDotnet(RepositoryPaths.ProducerDll, args);

    /// <summary>Waits until a line of the agent's standard error satisfies <paramref name="condition"/>, at most <see cref="StepTimeout"/>.</summary>
    private static async Task WaitForStderrAsync(ProcessRunner agent, Func<string, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!agent.Stderr.Any(condition))
        {
            if (agent.HasExited) throw new InvalidOperationException($"the agent exited before the expected status line.\n{agent.Describe()}");
            if (clock.Elapsed > StepTimeout) throw new TimeoutException($"the expected status line did not come within {StepTimeout.TotalSeconds} s.\n{agent.Describe()}");
            await Task.Delay(50);
        }
    }

    /// <summary>One consumed message: topic, key and the parsed metric payload.</summary>
    private sealed record class Reading(string Topic, string? Key, JsonElement Payload)
    {
        public string Metric => Topic[(Topic.LastIndexOf('/') + 1)..];

        public DateTimeOffset Timestamp => DateTimeOffset.Parse(Payload.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture);

        public static Reading From(JsonElement message) =>
            new(message.GetProperty("topic").GetString()!,
                message.GetProperty("key").GetString(),
                JsonDocument.Parse(message.GetProperty("payload").GetString()!).RootElement.Clone());
    }
}

namespace AkLight.Pipeline.ProcessTests;

/// <summary>
/// Container lifecycle events from end to end: a fake Docker Engine on a Unix socket streams events, the real agent
/// follows them into a real silo, and the real monitor raises its event rules. The engine ends its stream half way:
/// the agent connects again with <c>since</c> and publishes nothing twice.
/// </summary>
public sealed class ContainerEventTests
{
    private const string Host = "event-host";
    private const string Web = "web";
    private const string WebId = "9c4d8e0f6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Engine_events_reach_their_topics_once_across_a_reconnection_and_fire_each_event_rule_once()
    {
        await using var silo = await SiloProcess.StartAsync();
        await using var engine = new FakeDockerEngine();
        var rules = Path.GetTempFileName();
        await File.WriteAllTextAsync(rules, """
            crash: event die exitCode != 0
            oom: event oom
            unhealthy: event health_status == unhealthy
            flapping: event restart count >= 3 within 5m
            """);
        using var monitor = ProcessRunner.StartDotnet(RepositoryPaths.ConsumerDll, ["monitor", "--plain", "--rules", rules, "--broker", silo.Broker]);
        using var agent = ProcessRunner.StartDotnet(RepositoryPaths.ProducerDll,
            ["agent", "--producer-id", "p1", "--host", Host, "--interval", "1", "--docker-socket", engine.SocketPath, "--broker", silo.Broker]);
        try
        {
            await monitor.WaitForStdoutAsync(lines => lines.Any(IsLine("monitoring ")), StepTimeout);
            await Wait.UntilAsync(() => agent.Stderr.Any(IsLine("agent: following container events")) && engine.OpenStreams == 1, StepTimeout,
                "the agent to follow the engine's events", agent.Describe);
            Assert.Contains(agent.Stderr, line => line.Contains("; following container events", StringComparison.Ordinal));

            // A container killed for want of memory, then unhealthy.
            engine.Emit(WebId, Web, "start");
            engine.Emit(WebId, Web, "oom");
            engine.Emit(WebId, Web, "kill", ("signal", "9"));
            engine.Emit(WebId, Web, "die", ("exitCode", "137"));
            engine.Emit(WebId, Web, "start");
            var lastBeforeBreak = engine.Emit(WebId, Web, "health_status: unhealthy");
            await WaitForAlertAsync(monitor, "FIRING unhealthy");

            // The engine goes away; what happens meanwhile comes on the next connection, from the last event read on.
            engine.EndStreams();
            engine.Emit(WebId, Web, "health_status: healthy");
            for (var i = 0; i < 3; i++) engine.Emit(WebId, Web, "restart");
            await Wait.UntilAsync(() => agent.Stderr.Any(IsLine("agent: following container events again")), StepTimeout, "the agent to reconnect", agent.Describe);
            await WaitForAlertAsync(monitor, "FIRING flapping");
            await WaitForAlertAsync(monitor, "cleared unhealthy");

            var resumed = engine.EventRequests.Last();
            Assert.Contains($"since={lastBeforeBreak / 1_000_000_000}.{lastBeforeBreak % 1_000_000_000:D9}", resumed, StringComparison.Ordinal);
            Assert.Contains("\"type\":{\"container\":true}", resumed, StringComparison.Ordinal);

            agent.Terminate();
            Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, agent.Describe());
            await AssertEachEventOnceInOrderAsync(silo);
            foreach (var rule in new[] { "crash", "oom", "unhealthy", "flapping" })
            {
                Assert.Single(monitor.Stdout, new Predicate<string>(IsLine($"ALERT FIRING {rule} {Host}/{Web}")));
            }
            await AssertAlertTopicsAsync(silo);
        }
        finally
        {
            agent.Kill();
            monitor.Kill();
            File.Delete(rules);
        }
    }

    [Fact]
    public async Task Without_Docker_the_agent_says_once_that_it_follows_no_events_and_publishes_none()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var agent = ProcessRunner.StartDotnet(RepositoryPaths.ProducerDll,
            ["agent", "--producer-id", "p1", "--host", Host, "--interval", "1", "--docker-socket", "/nonexistent/docker.sock", "--broker", silo.Broker]);
        try
        {
            await Wait.UntilAsync(() => agent.Stderr.Any(IsLine("agent: delivering to")), StepTimeout, "the agent to deliver", agent.Describe);
            agent.Terminate();
            Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, agent.Describe());

            Assert.Single(agent.Stderr, line => line.Contains("no container events (no Docker Engine)", StringComparison.Ordinal));
            var events = await Tools.ConsumerAsync(["--filter", "events/#", "--from", "earliest", "--json", "--idle-exit", "2", "--broker", silo.Broker]);
            Assert.True(events.ExitCode == 0, events.ToString());
            Assert.Empty(events.JsonLines);
        }
        finally
        {
            agent.Kill();
        }
    }

    /// <summary>Every event emitted is on its topic exactly once, keyed by the container id, each topic in the engine's order.</summary>
    private static async Task AssertEachEventOnceInOrderAsync(SiloProcess silo)
    {
        var consume = await Tools.ConsumerAsync(["--filter", $"events/docker/{Host}/#", "--from", "earliest", "--json", "--idle-exit", "5", "--broker", silo.Broker]);
        Assert.True(consume.ExitCode == 0, consume.ToString());
        var events = consume.JsonLines.Select(m => (
            Topic: m.GetProperty("topic").GetString()!,
            Key: m.GetProperty("key").GetString(),
            Payload: JsonDocument.Parse(m.GetProperty("payload").GetString()!).RootElement.Clone())).ToArray();

        Assert.All(events, e => Assert.Equal(WebId, e.Key));
        Assert.All(events, e => Assert.Equal("p1", e.Payload.GetProperty("producer").GetString()));
        var counts = events.GroupBy(e => e.Topic[(e.Topic.LastIndexOf('/') + 1)..]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["start"] = 2, ["oom"] = 1, ["kill"] = 1, ["die"] = 1, ["health_status"] = 2, ["restart"] = 3 }, counts);
        Assert.Equal(events.Length, events.Select(e => e.Payload.GetProperty("timeNano").GetInt64()).Distinct().Count()); // nothing twice
        foreach (var topic in events.GroupBy(e => e.Topic))
        {
            var times = topic.Select(e => e.Payload.GetProperty("timeNano").GetInt64()).ToArray();
            Assert.Equal(times.Order(), times);
        }

        var die = events.Single(e => e.Topic == $"events/docker/{Host}/{Web}/die").Payload;
        Assert.Equal((137, "alpine:latest", "137"), (die.GetProperty("exitCode").GetInt32(), die.GetProperty("image").GetString(), die.GetProperty("attributes").GetProperty("exitCode").GetString()));
        var health = events.Where(e => e.Topic.EndsWith("/health_status", StringComparison.Ordinal)).Select(e => e.Payload.GetProperty("status").GetString());
        Assert.Equal(["unhealthy", "healthy"], health);
    }

    /// <summary>The four rules fired on their alert topics, and unhealthy cleared.</summary>
    private static async Task AssertAlertTopicsAsync(SiloProcess silo)
    {
        var consume = await Tools.ConsumerAsync(["--filter", $"alerts/{Host}/{Web}/#", "--from", "earliest", "--json", "--idle-exit", "3", "--broker", silo.Broker]);
        Assert.True(consume.ExitCode == 0, consume.ToString());
        var alerts = consume.JsonLines
            .Select(m => (Topic: m.GetProperty("topic").GetString()!, Payload: JsonDocument.Parse(m.GetProperty("payload").GetString()!).RootElement.Clone()))
            .Select(a => (a.Topic, Firing: a.Payload.GetProperty("firing").GetBoolean()))
            .ToArray();
        foreach (var rule in new[] { "crash", "oom", "unhealthy", "flapping" })
            Assert.Single(alerts, a => a.Topic == $"alerts/{Host}/{Web}/{rule}" && a.Firing);
        Assert.Single(alerts, a => a.Topic == $"alerts/{Host}/{Web}/unhealthy" && !a.Firing);
    }

    private static Task WaitForAlertAsync(ProcessRunner monitor, string what) =>
        monitor.WaitForStdoutAsync(lines => lines.Any(IsLine($"ALERT {what} {Host}/{Web}")), StepTimeout);

    private static Func<string, bool> IsLine(string start) => line => line.StartsWith(start, StringComparison.Ordinal);
}

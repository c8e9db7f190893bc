namespace AkLight.Pipeline.ProcessTests;

/// <summary>
/// The monitoring pipeline as a user runs it: a real silo, two metric agents and the monitoring
/// consumer. Metrics of both producers arrive through metrics/docker/#, a stress run raises the CPU
/// alert, and stopping one producer raises its silence alarm.
/// </summary>
public sealed class PipelineTests
{
    private const string Host = "pipe-host";

    [Fact]
    public async Task Two_agents_feed_the_monitor_a_stress_run_raises_the_cpu_alert_and_a_stopped_agent_raises_the_silence_alarm()
    {
        await using var silo = await SiloProcess.StartAsync();
        var rules = Path.GetTempFileName();
        // Near-saturation for a few seconds: what a stress run on every core produces, and an idle test machine does not.
        await File.WriteAllTextAsync(rules, "cpu-high: cpu > 90 for 3s clear 60\n");
        using var monitor = ProcessRunner.StartDotnet(RepositoryPaths.ConsumerDll,
            ["monitor", "--plain", "--rules", rules, "--silence-intervals", "3", "--broker", silo.Broker]);
        using var agent1 = StartAgent(silo, "p1");
        using var agent2 = StartAgent(silo, "p2");
        try
        {
            await monitor.WaitForStdoutAsync(lines => lines.Any(IsLine("monitoring ")), TimeSpan.FromSeconds(30));

            // Both producers' readings arrive through the wildcard filter.
            var producers = new HashSet<string>();
            for (var attempt = 0; attempt < 10 && producers.Count < 2; attempt++)
            {
                var read = await Tools.ConsumerAsync(["--filter", "metrics/docker/#", "--from", "earliest", "--json", "--max", "60", "--broker", silo.Broker]);
                Assert.True(read.ExitCode == 0, read.ToString());
                foreach (var message in read.JsonLines)
                {
                    Assert.StartsWith($"metrics/docker/{Host}/", message.GetProperty("topic").GetString(), StringComparison.Ordinal);
                    using var payload = JsonDocument.Parse(message.GetProperty("payload").GetString()!);
                    producers.Add(payload.RootElement.GetProperty("producer").GetString()!);
                }
            }
            Assert.Equal(["p1", "p2"], producers.Order());

            // A stress run on every core pushes the host's CPU over the threshold for long enough.
            var stress = await Tools.ProducerAsync(["stress", "--seconds", "12"]);
            Assert.True(stress.ExitCode == 0, stress.ToString());
            await monitor.WaitForStdoutAsync(lines => lines.Any(IsLine($"ALERT FIRING cpu-high {Host}/{Host}")), TimeSpan.FromSeconds(10));

            // One producer stops: its own silence alarm fires (the host is still reported by the other).
            var stoppedAt = monitor.Stdout.Count;
            agent2.Terminate();
            Assert.True(await agent2.WaitForExitAsync(TimeSpan.FromSeconds(20)) == 0, agent2.Describe());
            await monitor.WaitForStdoutAsync(lines => lines.Skip(stoppedAt).Any(IsLine($"ALERT FIRING silence {Host}/p2")), TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(monitor.Stdout.Skip(stoppedAt), new Predicate<string>(IsLine($"ALERT FIRING silence {Host}/p1")));
        }
        finally
        {
            agent1.Kill();
            agent2.Kill();
            monitor.Kill();
            File.Delete(rules);
        }
    }

    private static ProcessRunner StartAgent(SiloProcess silo, string producerId) =>
        ProcessRunner.StartDotnet(RepositoryPaths.ProducerDll,
            ["agent", "--producer-id", producerId, "--host", Host, "--interval", "1", "--docker", "off", "--broker", silo.Broker]);

    private static Func<string, bool> IsLine(string start) => line => line.StartsWith(start, StringComparison.Ordinal);
}

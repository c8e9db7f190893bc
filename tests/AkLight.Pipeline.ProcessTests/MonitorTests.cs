namespace AkLight.Pipeline.ProcessTests;

/// <summary>
/// The monitoring consumer as a real process: readings sent with the producer tool fire and clear a
/// threshold alert, which is printed and published to its alerts topic, and silence raises the alarm.
/// </summary>
public sealed class MonitorTests
{
    private const string CpuTopic = "metrics/docker/h1/web/cpu";

    [Fact]
    public async Task Readings_fire_and_clear_an_alert_published_to_its_topic_and_silence_raises_the_alarm()
    {
        await using var silo = await SiloProcess.StartAsync();
        var rules = Path.GetTempFileName();
        await File.WriteAllTextAsync(rules, "cpu > 50\n");
        try
        {
            using var monitor = ProcessRunner.StartDotnet(RepositoryPaths.ConsumerDll,
                ["monitor", "--plain", "--rules", rules, "--silence-intervals", "3", "--broker", silo.Broker]);
            // The first line comes once the session is open: readings sent from now on are seen.
            await monitor.WaitForStdoutAsync(lines => lines.Any(l => l.StartsWith("monitoring ", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));

            await SendCpuAsync(silo, 90);
            await monitor.WaitForStdoutAsync(lines => lines.Any(IsLine("ALERT FIRING cpu-high h1/web cpu=90")), TimeSpan.FromSeconds(30));

            // Everything published under alerts/ so far; the firing cpu-high alert is among them.
            var alerts = await Tools.ConsumerAsync(["--filter", "alerts/#", "--from", "earliest", "--json", "--idle-exit", "3", "--broker", silo.Broker]);
            Assert.True(alerts.ExitCode == 0, alerts.ToString());
            var published = Assert.Single(alerts.JsonLines, m => m.GetProperty("topic").GetString() == "alerts/h1/web/cpu-high");
            Assert.Equal("h1/web", published.GetProperty("key").GetString());
            using (var payload = JsonDocument.Parse(published.GetProperty("payload").GetString()!))
            {
                var alert = payload.RootElement;
                Assert.Equal(["rule", "host", "container", "firing", "value", "at", "message"], alert.EnumerateObject().Select(p => p.Name));
                Assert.Equal(("cpu-high", "h1", "web", true, 90.0),
                    (alert.GetProperty("rule").GetString(), alert.GetProperty("host").GetString(), alert.GetProperty("container").GetString(),
                     alert.GetProperty("firing").GetBoolean(), alert.GetProperty("value").GetDouble()));
            }

            await SendCpuAsync(silo, 10);
            await monitor.WaitForStdoutAsync(lines => lines.Any(IsLine("ALERT cleared cpu-high h1/web cpu=10")), TimeSpan.FromSeconds(30));
            var lastReading = Stopwatch.StartNew();
            var clearedAt = monitor.Stdout.ToList().FindIndex(new Predicate<string>(IsLine("ALERT cleared cpu-high h1/web")));

            // Nothing more is sent: after 3 intervals of 1 s the container's silence alarm fires.
            await monitor.WaitForStdoutAsync(lines => lines.Skip(clearedAt).Any(IsLine("ALERT FIRING silence h1/web")), TimeSpan.FromSeconds(20));
            // 3 s of quiet, checked every second; the lower bound allows for the cleared line reaching us late.
            Assert.InRange(lastReading.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
            Assert.False(monitor.HasExited, monitor.Describe());

            monitor.Terminate();
            Assert.True(await monitor.WaitForExitAsync(TimeSpan.FromSeconds(20)) == 0, monitor.Describe());
        }
        finally
        {
            File.Delete(rules);
        }
    }

    [Fact]
    public async Task A_bad_rules_file_stops_the_monitor_with_one_line_naming_the_line()
    {
        var rules = Path.GetTempFileName();
        await File.WriteAllTextAsync(rules, "cpu > 50\ncpu >> 60\n");
        try
        {
            var run = await Tools.ConsumerAsync(["monitor", "--rules", rules, "--broker", $"127.0.0.1:{FreePorts.Pick()}"]);

            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("line 2", Assert.Single(run.Stderr), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(rules);
        }
    }

    private static Func<string, bool> IsLine(string start) => line => line.StartsWith(start, StringComparison.Ordinal);

    private static async Task SendCpuAsync(SiloProcess silo, double value)
    {
        var reading = string.Create(CultureInfo.InvariantCulture,
            $$"""{"value":{{value}},"unit":"%","ts":"{{DateTimeOffset.UtcNow:O}}","producer":"e2e-agent","interval":1}""");
        var send = await Tools.ProducerAsync(["send", "--topic", CpuTopic, "--key", "web", "--message", reading, "--broker", silo.Broker]);
        Assert.True(send.ExitCode == 0, send.ToString());
    }
}

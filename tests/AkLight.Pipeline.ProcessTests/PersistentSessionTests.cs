namespace AkLight.Pipeline.ProcessTests;

/// <summary>A persistent consumer session resumes after the last message it printed, across broker restarts too.</summary>
public sealed class PersistentSessionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_persistent_session_resumes_where_it_stopped(bool restartSilo)
    {
        await using var silo = await SiloProcess.StartAsync();
        var sent = Enumerable.Range(1, 10).Select(i => $"line-{i}").ToArray();

        var send = await Tools.ProducerAsync(["send", "--topic", "e2e/b", "--broker", silo.Broker], stdin: string.Join('\n', sent) + "\n");

        Assert.True(send.ExitCode == 0, send.ToString());
        var acks = send.JsonLines.Select(a => (a.GetProperty("partition").GetInt32(), a.GetProperty("offset").GetInt64())).ToArray();
        Assert.Equal(10, acks.Distinct().Count());

        string[] consumer = ["--filter", "e2e/b", "--session", "s1", "--persistent", "--from", "earliest", "--json", "--broker", silo.Broker];
        var first = await Tools.ConsumerAsync([.. consumer, "--max", "4"]);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(4, first.Stdout.Count);

        if (restartSilo) await silo.RestartAsync();

        var second = await Tools.ConsumerAsync([.. consumer, "--max", "6", "--idle-exit", "10"]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(6, second.Stdout.Count);

        // Together: every message exactly once; nothing else is left for the session.
        var received = first.JsonLines.Concat(second.JsonLines).ToArray();
        Assert.Equal(sent.Order(StringComparer.Ordinal), received.Select(m => m.GetProperty("payload").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(acks.Order(), received.Select(m => (m.GetProperty("partition").GetInt32(), m.GetProperty("offset").GetInt64())).Order());
        var third = await Tools.ConsumerAsync([.. consumer, "--idle-exit", "3"]);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Empty(third.Stdout);
    }

    [Fact]
    public async Task A_consumer_stopped_by_a_signal_commits_what_it_printed()
    {
        await using var silo = await SiloProcess.StartAsync();
        var send = await Tools.ProducerAsync(["send", "--topic", "e2e/c", "--count", "3", "--message", "m", "--broker", silo.Broker]);
        Assert.True(send.ExitCode == 0, send.ToString());
        string[] consumer = ["--filter", "e2e/c", "--session", "s2", "--persistent", "--from", "earliest", "--json", "--broker", silo.Broker];

        // No --max: it runs until stopped. SIGTERM takes the same path as Ctrl+C (SIGINT), which a child of a
        // non-interactive parent may have inherited as ignored.
        using (var running = ProcessRunner.StartDotnet(RepositoryPaths.ConsumerDll, consumer))
        {
            await running.WaitForStdoutAsync(lines => lines.Count >= 3, TimeSpan.FromSeconds(30));
            running.Terminate();
            var exitCode = await running.WaitForExitAsync(TimeSpan.FromSeconds(20));
            Assert.True(exitCode == 0, running.Describe());
            Assert.Equal(3, running.Stdout.Count);
        }

        var again = await Tools.ConsumerAsync([.. consumer, "--idle-exit", "3"]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(again.Stdout);
    }
}

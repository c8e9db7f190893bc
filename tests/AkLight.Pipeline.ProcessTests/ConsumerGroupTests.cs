namespace AkLight.Pipeline.ProcessTests;

/// <summary>Two consumer tools in one group share a topic's partitions: together they print every message once.</summary>
public sealed class ConsumerGroupTests
{
    [Fact]
    public async Task Two_members_of_a_group_print_every_message_exactly_once_and_leave_no_lag()
    {
        await using var silo = await SiloProcess.StartAsync();
        var sent = Enumerable.Range(1, 200).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        // No key: round-robin over the topic's partitions (the silo's default, 4).
        var send = await Tools.ProducerAsync(["send", "--topic", "t/a", "--broker", silo.Broker], stdin: string.Join('\n', sent) + "\n");
        Assert.True(send.ExitCode == 0, send.ToString());
        Assert.Equal(4, send.JsonLines.Select(a => a.GetProperty("partition").GetInt32()).Distinct().Count());

        string[] member = ["--group", "g", "--filter", "t/#", "--from", "earliest", "--json", "--idle-exit", "5", "--broker", silo.Broker];
        using var first = ProcessRunner.StartDotnet(RepositoryPaths.ConsumerDll, member);
        using var second = ProcessRunner.StartDotnet(RepositoryPaths.ConsumerDll, member);
        Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, first.Describe());
        Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, second.Describe());

        var printed = first.Stdout.Concat(second.Stdout).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();
        Assert.Equal(sent.Order(StringComparer.Ordinal), printed.Select(m => m.GetProperty("payload").GetString()).Order(StringComparer.Ordinal));
        Assert.All(printed, m => Assert.Equal("t/a", m.GetProperty("topic").GetString()));

        var groups = await Tools.ConsumerAsync(["groups", "--json", "--broker", silo.Broker]);
        Assert.True(groups.ExitCode == 0, groups.ToString());
        var group = Assert.Single(Assert.Single(groups.JsonLines).GetProperty("groups").EnumerateArray(), g => g.GetProperty("group").GetString() == "g");
        Assert.Equal(0, group.GetProperty("lag").GetInt64());
        var partitions = group.GetProperty("partitions").EnumerateArray().ToArray();
        Assert.Equal(4, partitions.Length);
        Assert.All(partitions, p =>
        {
            Assert.Equal(0, p.GetProperty("lag").GetInt64());
            Assert.Equal(p.GetProperty("logEndOffset").GetInt64(), p.GetProperty("committed").GetInt64());
        });
        Assert.Equal(200, partitions.Sum(p => p.GetProperty("logEndOffset").GetInt64()));
        Assert.Empty(group.GetProperty("members").EnumerateArray()); // both left on exit
    }

    [Fact]
    public async Task A_member_stopped_at_max_commits_exactly_what_it_printed()
    {
        await using var silo = await SiloProcess.StartAsync();
        var send = await Tools.ProducerAsync(["send", "--topic", "t/b", "--count", "50", "--message", "m", "--broker", silo.Broker]);
        Assert.True(send.ExitCode == 0, send.ToString());
        string[] member = ["--group", "g2", "--filter", "t/#", "--from", "earliest", "--json", "--broker", silo.Broker];

        var first = await Tools.ConsumerAsync([.. member, "--max", "20"]);
        var rest = await Tools.ConsumerAsync([.. member, "--idle-exit", "5"]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Equal(20, first.Stdout.Count);
        var offsets = first.JsonLines.Concat(rest.JsonLines).Select(m => (m.GetProperty("partition").GetInt32(), m.GetProperty("offset").GetInt64())).ToArray();
        Assert.Equal(50, offsets.Length);
        Assert.Equal(50, offsets.Distinct().Count());
    }
}

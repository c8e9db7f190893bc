namespace AkLight.Broker.Tests.Broker;

public sealed class GroupTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    private async Task ProduceAsync(string topic, int count, string prefix = "m")
    {
        await using var producer = new Producer(Client);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => producer.ProduceAsync(topic, $"key-{i}", $"{prefix}{i}")));
    }

    /// <summary>Consumes with every member in parallel until <paramref name="total"/> messages arrived or time ran out.</summary>
    private static async Task<Dictionary<string, List<ConsumedMessage>>> ConsumeAllAsync(IReadOnlyList<GroupConsumer> members, int total)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = members.ToDictionary(m => m.MemberId, _ => new List<ConsumedMessage>());
        var count = 0;
        if (total <= 0) return received;
        await Task.WhenAll(members.Select(async member =>
        {
            try
            {
                await foreach (var message in member.ConsumeAsync(autoCommit: true, stop.Token))
                {
                    lock (received) received[member.MemberId].Add(message);
                    if (Interlocked.Increment(ref count) >= total) await stop.CancelAsync();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));
        return received;
    }

    [Fact]
    public async Task Members_share_the_partitions_evenly_and_together_see_every_message_once()
    {
        var topic = await CreateTopicAsync("groups/even", 6);
        var group = TestTopics.Unique("even");
        var members = new List<GroupConsumer>();
        for (var i = 0; i < 3; i++) members.Add(await GroupConsumer.JoinAsync(Client, group, $"member-{i}", [topic], StartFrom.Earliest));
        // Partitions move once their previous owner releases them, which a member does between fetches.
        var consuming = ConsumeAllAsync(members, 300);
        await WaitForAsync(async () => (await Describe(group)).Members.All(m => m.Partitions == 2)
                                       && members.All(m => m.Assigned.Count == 2));

        Assert.All((await Describe(group)).Members, m => Assert.Equal(2, m.Partitions));
        await ProduceAsync(topic, 300);
        var received = await consuming;

        var all = received.Values.SelectMany(v => v).ToList();
        Assert.Equal(300, all.Count);
        Assert.Equal(300, all.Select(m => (m.Partition, m.Offset)).Distinct().Count());
        Assert.All(received.Values, v => Assert.NotEmpty(v));
        foreach (var member in members) await member.DisposeAsync();
    }

    [Fact]
    public async Task Two_groups_each_receive_every_message()
    {
        var topic = await CreateTopicAsync("groups/two", 4);
        var first = await GroupConsumer.JoinAsync(Client, TestTopics.Unique("g1"), "a", [topic], StartFrom.Earliest);
        var second = await GroupConsumer.JoinAsync(Client, TestTopics.Unique("g2"), "a", [topic], StartFrom.Earliest);
        await ProduceAsync(topic, 50);

        Assert.Equal(50, (await ConsumeAllAsync([first], 50)).Values.Single().Count);
        Assert.Equal(50, (await ConsumeAllAsync([second], 50)).Values.Single().Count);
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task A_member_that_stops_heartbeating_loses_its_partitions_and_nothing_committed_is_lost_or_skipped()
    {
        var topic = await CreateTopicAsync("groups/dead", 2);
        var group = TestTopics.Unique("dead");
        var groupGrain = Client.GetGrain<IConsumerGroupGrain>(group);
        await ProduceAsync(topic, 40);

        // A member that joins, commits part of its partition, then dies without leaving or releasing.
        var ghost = await groupGrain.JoinAsync("ghost", [topic], StartFrom.Earliest);
        var survivor = await GroupConsumer.JoinAsync(Client, group, "survivor", [topic], StartFrom.Earliest);
        ghost = await groupGrain.HeartbeatAsync("ghost");
        var ghostPartition = Assert.Single(ghost.Partitions); // the other one is revoked, waiting for a release that never comes
        Assert.Empty(await groupGrain.CommitAsync("ghost", [ghostPartition with { Offset = 5 }], []));

        // After the member timeout (3 s here) the survivor owns both, from the group's commits: 5 and 0.
        var received = await ConsumeAllAsync([survivor], 40 - 5);

        var fromGhostPartition = received["survivor"].Where(m => m.Partition == ghostPartition.Partition).Select(m => m.Offset).ToArray();
        var ghostEnd = (await Client.GetPartitionGrain(ghostPartition.TopicPartition).GetBoundsAsync()).EndOffset;
        Assert.Equal(Enumerable.Range(5, (int)ghostEnd - 5).Select(i => (long)i), fromGhostPartition); // from its last commit: none skipped, none before
        Assert.Equal(35, received["survivor"].Count);
        var after = await Describe(group);
        Assert.Equal(["survivor"], after.Members.Select(m => m.MemberId));
        Assert.All(after.Partitions, p => Assert.Equal("survivor", p.Owner));

        // The ghost's late commit is refused: it no longer owns the partition.
        Assert.Single(await groupGrain.CommitAsync("ghost", [ghostPartition with { Offset = 1 }], []));
        await survivor.DisposeAsync();
    }

    [Fact]
    public async Task Lag_is_the_log_end_minus_the_committed_offset_and_a_restarted_group_resumes_from_its_commits()
    {
        var topic = await CreateTopicAsync("groups/lag", 1);
        var group = TestTopics.Unique("lag");
        await ProduceAsync(topic, 10);
        var member = await GroupConsumer.JoinAsync(Client, group, "only", [topic], StartFrom.Earliest);
        var received = await ConsumeAllAsync([member], 4);
        await member.DisposeAsync();
        var consumed = received["only"].Count;

        var description = await Describe(group);
        Assert.Contains(group, await Client.GetGrain<IGroupDirectoryGrain>(IGroupDirectoryGrain.Key).ListAsync());
        var partition = Assert.Single(description.Partitions);
        Assert.Equal(consumed, partition.Committed);
        Assert.Equal(10 - consumed, partition.Lag);

        await Fixture.Cluster.DeactivateAsync(Client.GetGrain<IConsumerGroupGrain>(group));
        var again = await GroupConsumer.JoinAsync(Client, group, "only", [topic], StartFrom.Earliest);
        var rest = await ConsumeAllAsync([again], 10 - consumed);
        Assert.Equal(Enumerable.Range(consumed, 10 - consumed).Select(i => (long)i), rest["only"].Select(m => m.Offset));
        await again.DisposeAsync();
    }

    [Fact]
    public async Task A_new_topic_matching_the_group_filter_is_assigned_after_a_rebalance()
    {
        var root = TestTopics.Unique("groups-new");
        var member = await GroupConsumer.JoinAsync(Client, TestTopics.Unique("new"), "m", [$"{root}/#"], StartFrom.Earliest);
        await ProduceAsync($"{root}/later", 5);
        var received = await ConsumeAllAsync([member], 5);
        Assert.Equal(5, received["m"].Count);
        await member.DisposeAsync();
    }

    [Fact]
    public async Task A_tombstone_is_a_key_with_a_null_payload_distinct_from_an_empty_one()
    {
        var topic = await CreateTopicAsync("groups/tombstone", 1);
        await using (var producer = new Producer(Client))
        {
            await producer.ProduceAsync(topic, TestTopics.Utf8("user-1"), TestTopics.Utf8("login"));
            await producer.ProduceAsync(topic, TestTopics.Utf8("user-1"), null);
            await producer.ProduceAsync(topic, TestTopics.Utf8("user-2"), []);
        }
        var session = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("tomb"), new SessionOptions([topic], false, StartPosition.Earliest));
        var messages = await session.FetchAtLeastAsync(3);
        Assert.Equal("login", TestTopics.Text(messages[0].Payload));
        Assert.Null(messages[1].Payload);
        Assert.NotNull(messages[2].Payload);
        Assert.Empty(messages[2].Payload!);
    }

    [Fact]
    public async Task A_group_whose_topic_was_deleted_still_describes_itself_without_that_topic()
    {
        var kept = await CreateTopicAsync("groups/deleted/kept", 1);
        var deleted = await CreateTopicAsync("groups/deleted/gone", 1);
        await ProduceAsync(kept, 3);
        await ProduceAsync(deleted, 3);
        var group = TestTopics.Unique("deleted");
        var member = await GroupConsumer.JoinAsync(Client, group, "only", [kept, deleted], StartFrom.Earliest);
        await ConsumeAllAsync([member], 6);
        await member.DisposeAsync();
        Assert.Equal(2, (await Describe(group)).Partitions.Count);

        await Client.GetGrain<ITopicGrain>(deleted).DeleteAsync();

        var partition = Assert.Single((await Describe(group)).Partitions);
        Assert.Equal(kept, partition.Topic);
        Assert.Equal(3, partition.Committed);
    }

    private Task<GroupDescription> Describe(string group) => Client.GetGrain<IConsumerGroupGrain>(group).DescribeAsync();

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition() && DateTime.UtcNow < deadline) await Task.Delay(100);
    }
}

namespace AkLight.Broker.Tests.Broker;

public sealed class SessionTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    private async Task<string> ProduceAsync(string topic, int count, string prefix = "m")
    {
        await using var producer = new Producer(Client);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => producer.ProduceAsync(topic, "one-key", $"{prefix}{i}")));
        return topic;
    }

    private static async Task<List<string>> ConsumeAndCommitAsync(ConsumerSession session, int count)
    {
        var taken = new List<string>();
        await foreach (var message in session.ConsumeAsync())
        {
            taken.Add(TestTopics.Text(message.Payload));
            if (taken.Count == count) break;
        }
        // The last message counts as processed once the caller is done with it: commit it explicitly.
        var last = (await session.DescribeAsync()).Partitions.Single(p => p.Position > 0);
        await session.CommitAsync([new TopicPartitionOffset(last.Topic, last.Partition, count)]);
        return taken;
    }

    [Fact]
    public async Task A_persistent_session_resumes_after_its_last_commit_after_deactivation_and_after_a_silo_restart()
    {
        var topic = await ProduceAsync(TestTopics.Unique("persist/t"), 30);
        var id = TestTopics.Unique("persistent");
        var options = new SessionOptions([topic], Persistent: true, StartPosition.Earliest);

        var first = await ConsumerSession.OpenAsync(Client, id, options);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}"), await ConsumeAndCommitAsync(first, 10));
        // Fetched but not committed: must come again.
        await first.FetchAsync(5, TimeSpan.FromSeconds(1));

        await Fixture.Cluster.DeactivateAsync(Client.GetGrain<IConsumerSessionGrain>(id));
        var afterDeactivation = await Client.GetGrain<IConsumerSessionGrain>(id).FetchAsync(5, TimeSpan.FromSeconds(5));
        Assert.Equal(Enumerable.Range(10, 5).Select(i => $"m{i}"), afterDeactivation.Select(m => TestTopics.Text(m.Payload)));
        await Client.GetGrain<IConsumerSessionGrain>(id).CommitAsync([]);

        await Fixture.RestartSiloAsync();

        // A restarted consumer opens the same session again and continues after the last commit.
        var resumed = await ConsumerSession.OpenAsync(Client, id, options);
        var rest = await resumed.FetchAtLeastAsync(15);
        Assert.Equal(Enumerable.Range(15, 15).Select(i => $"m{i}"), rest.Select(m => TestTopics.Text(m.Payload)));
    }

    [Fact]
    public async Task A_persistent_session_keeps_its_place_even_before_the_first_commit()
    {
        var topic = await ProduceAsync(TestTopics.Unique("persist/latest"), 3, "old");
        var id = TestTopics.Unique("persistent-latest");
        await ConsumerSession.OpenAsync(Client, id, new SessionOptions([topic], Persistent: true));
        await ProduceAsync(topic, 2, "new");
        await Fixture.Cluster.DeactivateAsync(Client.GetGrain<IConsumerSessionGrain>(id));

        var received = await Client.GetGrain<IConsumerSessionGrain>(id).FetchAsync(10, TimeSpan.FromSeconds(5));
        Assert.Equal(["new0", "new1"], received.Select(m => TestTopics.Text(m.Payload)));
    }

    [Fact]
    public async Task A_persistent_session_opened_again_while_active_goes_back_to_its_commits_in_a_topic_found_after_it_opened()
    {
        // The MQTT door's take-up on another silo: the session grain lived on, a fetch whose answer was lost with its
        // silo moved the session on, and the door opens it again with the positions it describes.
        var root = TestTopics.Unique("persist/found");
        var id = TestTopics.Unique("persistent-found");
        var grain = Client.GetGrain<IConsumerSessionGrain>(id);
        var options = new SessionOptions([$"{root}/#"], Persistent: true);
        await grain.OpenAsync(options);
        var topic = await ProduceAsync($"{root}/new", 3);
        var fetched = 0;
        for (var i = 0; i < 60 && fetched < 3; i++) fetched += (await grain.FetchAsync(10, TimeSpan.FromMilliseconds(500))).Count;
        Assert.Equal(3, fetched); // fetched, never committed

        var described = (await grain.DescribeAsync()).Partitions.Select(p => new TopicPartitionOffset(p.Topic, p.Partition, p.Position)).ToArray();
        await grain.OpenAsync(options with { Start = new StartPosition(StartFrom.Earliest, null, described) });

        var again = await grain.FetchAsync(10, TimeSpan.FromSeconds(5));
        Assert.Equal(["m0", "m1", "m2"], again.Select(m => TestTopics.Text(m.Payload)));
        Assert.All(again, m => Assert.Equal(topic, m.Topic));
    }

    [Fact]
    public async Task A_non_persistent_session_keeps_nothing()
    {
        var topic = await ProduceAsync(TestTopics.Unique("volatile/t"), 5);
        var id = TestTopics.Unique("volatile");
        var session = await ConsumerSession.OpenAsync(Client, id, new SessionOptions([topic], Persistent: false, StartPosition.Earliest));
        Assert.Equal(5, (await session.FetchAtLeastAsync(5)).Count);
        await session.CommitAsync([new TopicPartitionOffset(topic, (await session.DescribeAsync()).Partitions.Single(p => p.Position > 0).Partition, 5)]);

        // Deactivated, it is gone: the id is unknown until opened again.
        await Fixture.Cluster.DeactivateAsync(Client.GetGrain<IConsumerSessionGrain>(id));
        var error = await Assert.ThrowsAsync<UnknownSessionException>(() => Client.GetGrain<IConsumerSessionGrain>(id).FetchAsync(1, TimeSpan.Zero));
        Assert.Contains(id, error.Message);

        // Opened again with the same id it starts afresh: from "now" by default.
        var again = await ConsumerSession.OpenAsync(Client, id, new SessionOptions([topic], Persistent: false));
        Assert.Empty(await again.FetchAsync(10, TimeSpan.FromMilliseconds(300)));
        Assert.All((await again.DescribeAsync()).Partitions, p => Assert.Equal(p.EndOffset, p.Position));
    }

    [Fact]
    public async Task A_session_that_turns_non_persistent_drops_its_stored_offsets()
    {
        var topic = await ProduceAsync(TestTopics.Unique("switch/t"), 4);
        var id = TestTopics.Unique("switch");
        var persistent = await ConsumerSession.OpenAsync(Client, id, new SessionOptions([topic], Persistent: true, StartPosition.Earliest));
        await persistent.FetchAtLeastAsync(4);
        await persistent.CommitAsync([]);

        await ConsumerSession.OpenAsync(Client, id, new SessionOptions([topic], Persistent: false, StartPosition.Earliest));
        await Fixture.Cluster.DeactivateAsync(Client.GetGrain<IConsumerSessionGrain>(id));
        await Assert.ThrowsAsync<UnknownSessionException>(() => Client.GetGrain<IConsumerSessionGrain>(id).DescribeAsync());
    }

    [Fact]
    public async Task Seek_to_an_offset_or_a_time_replays_from_there()
    {
        var topic = TestTopics.Unique("seek/t");
        await ProduceAsync(topic, 5, "a");
        await Task.Delay(50);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await ProduceAsync(topic, 5, "b");
        var session = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("seek"), new SessionOptions([topic], Persistent: false, StartPosition.Earliest));
        Assert.Equal(10, (await session.FetchAtLeastAsync(10)).Count);
        var partition = (await session.DescribeAsync()).Partitions.Single(p => p.EndOffset > 0).Partition;

        await session.SeekAsync(topic, partition, 3);
        Assert.Equal(["a3", "a4", "b0", "b1", "b2", "b3", "b4"], (await session.FetchAtLeastAsync(7)).Select(m => TestTopics.Text(m.Payload)));

        await session.SeekToTimeAsync(between);
        Assert.Equal(["b0", "b1", "b2", "b3", "b4"], (await session.FetchAtLeastAsync(5)).Select(m => TestTopics.Text(m.Payload)));

        var fromTime = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("from-time"), new SessionOptions([topic], Persistent: false, StartPosition.At(between)));
        Assert.Equal(5, (await fromTime.FetchAtLeastAsync(5)).Count);

        var outside = await Assert.ThrowsAsync<OffsetOutOfRangeException>(() => session.SeekAsync(topic, partition, 11));
        Assert.Contains("out of range", outside.Message);
        Assert.Equal(new LogBounds(0, 10), outside.Bounds);
    }

    [Fact]
    public async Task Explicit_start_offsets_are_honoured()
    {
        var topic = await CreateTopicAsync("explicit/start", 1);
        await ProduceAsync(topic, 6);
        var session = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("explicit"),
            new SessionOptions([topic], Persistent: false, StartPosition.AtOffsets([new TopicPartitionOffset(topic, 0, 4)])));
        Assert.Equal(["m4", "m5"], (await session.FetchAtLeastAsync(2)).Select(m => TestTopics.Text(m.Payload)));
    }

    [Fact]
    public async Task Calls_on_a_session_never_opened_say_it_is_unknown()
    {
        var grain = Client.GetGrain<IConsumerSessionGrain>(TestTopics.Unique("never-opened"));
        await Assert.ThrowsAsync<UnknownSessionException>(() => grain.FetchAsync(1, TimeSpan.Zero));
        await Assert.ThrowsAsync<UnknownSessionException>(() => grain.CommitAsync([]));
        await Assert.ThrowsAsync<UnknownSessionException>(() => grain.SeekAsync(new TopicPartitionOffset("a", 0, 0)));
    }

    [Fact]
    public async Task Closing_a_persistent_session_forgets_it()
    {
        var topic = await ProduceAsync(TestTopics.Unique("close/t"), 2);
        var id = TestTopics.Unique("close");
        var session = await ConsumerSession.OpenAsync(Client, id, new SessionOptions([topic], Persistent: true, StartPosition.Earliest));
        await session.CloseAsync();
        await Assert.ThrowsAsync<UnknownSessionException>(() => Client.GetGrain<IConsumerSessionGrain>(id).FetchAsync(1, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_retried_fetch_whose_answer_was_lost_delivers_the_same_messages_again_and_a_new_fetch_moves_on()
    {
        var topic = await ProduceAsync(TestTopics.Unique("fetch/retry"), 6);
        var grain = Client.GetGrain<IConsumerSessionGrain>(TestTopics.Unique("retry"));
        await grain.OpenAsync(new SessionOptions([topic], Persistent: false, StartPosition.Earliest));
        string[] Texts(IEnumerable<ConsumedMessage> messages) => messages.Select(m => TestTopics.Text(m.Payload)).ToArray();

        var first = await grain.FetchAsync(4, TimeSpan.FromSeconds(5), fetchNumber: 1);
        Assert.Equal(["m0", "m1", "m2", "m3"], Texts(first));
        // The client never saw that answer (a response timeout) and retries fetch 1: the same messages come again.
        Assert.Equal(["m0", "m1", "m2", "m3"], Texts(await grain.FetchAsync(4, TimeSpan.FromSeconds(5), fetchNumber: 1)));
        // Fetch 2 means fetch 1 arrived: the session moves on.
        Assert.Equal(["m4", "m5"], Texts(await grain.FetchAsync(4, TimeSpan.FromSeconds(5), fetchNumber: 2)));
        Assert.Empty(await grain.FetchAsync(4, TimeSpan.Zero, fetchNumber: 3));

        // A seek in between is not undone by a retry of the fetch before it.
        var partition = first[0].Partition; // one key: one partition
        await grain.SeekAsync(new TopicPartitionOffset(topic, partition, 5));
        Assert.Equal(["m5"], Texts(await grain.FetchAsync(4, TimeSpan.FromSeconds(5), fetchNumber: 3)));
        // Unnumbered fetches always move on.
        await grain.SeekAsync(new TopicPartitionOffset(topic, partition, 4));
        Assert.Equal(["m4", "m5"], Texts(await grain.FetchAsync(4, TimeSpan.FromSeconds(5))));
        Assert.Empty(await grain.FetchAsync(4, TimeSpan.Zero));
    }
}

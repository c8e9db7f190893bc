namespace AkLight.Broker.Tests.Broker;

public sealed class SubscriptionTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    [Fact]
    public async Task Hash_and_plus_filters_match_existing_topics_and_topics_created_after_subscribing()
    {
        var root = TestTopics.Unique("subs");
        await using var producer = new Producer(Client);
        var before = new[] { $"{root}/h1/web/cpu", $"{root}/h1/db/cpu", $"{root}/h1/web/mem", $"{root}/h2" };
        foreach (var topic in before) await producer.ProduceAsync(topic, null, TestTopics.Utf8("before:" + topic));

        var plus = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("plus"),
            new SessionOptions([$"{root}/+/+/cpu"], Persistent: false, StartPosition.Earliest));
        var hash = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("hash"),
            new SessionOptions([$"{root}/h1/#"], Persistent: false, StartPosition.Earliest));

        var after = new[] { $"{root}/h3/api/cpu", $"{root}/h1/api/disk", $"{root}/h1" };
        foreach (var topic in after) await producer.ProduceAsync(topic, null, TestTopics.Utf8("after:" + topic));

        var plusSeen = (await plus.FetchAtLeastAsync(3)).Select(m => m.Topic).Order().ToArray();
        Assert.Equal(new[] { $"{root}/h1/db/cpu", $"{root}/h1/web/cpu", $"{root}/h3/api/cpu" }.Order(), plusSeen);

        // "#" matches the parent level too: root/h1/# matches root/h1.
        var hashSeen = (await hash.FetchAtLeastAsync(5)).Select(m => m.Topic).Order().ToArray();
        Assert.Equal(new[] { $"{root}/h1/web/cpu", $"{root}/h1/db/cpu", $"{root}/h1/web/mem", $"{root}/h1/api/disk", $"{root}/h1" }.Order(), hashSeen);
    }

    [Fact]
    public async Task A_filter_starting_with_a_wildcard_sees_new_first_levels_but_not_dollar_topics()
    {
        var level = TestTopics.Unique("wild");
        var session = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("wildcard-first"),
            new SessionOptions(["+/x/#"], Persistent: false));
        await using var producer = new Producer(Client);
        await producer.ProduceAsync($"{level}/x/1", null, TestTopics.Utf8("yes"));
        await producer.ProduceAsync($"${level}/x/1", null, TestTopics.Utf8("system"));
        await producer.ProduceAsync($"{level}/y/1", null, TestTopics.Utf8("no"));

        var seen = await session.FetchAtLeastAsync(1);
        await Task.Delay(300);
        seen.AddRange(await session.FetchAsync(100, TimeSpan.FromMilliseconds(200)));
        Assert.Equal([$"{level}/x/1"], seen.Where(m => m.Topic.Contains(level, StringComparison.Ordinal)).Select(m => m.Topic));
    }

    [Fact]
    public async Task Many_topics_under_one_filter_all_arrive_in_offset_order_per_partition()
    {
        var root = TestTopics.Unique("many");
        var session = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("many"),
            new SessionOptions([$"{root}/#"], Persistent: false));
        await using var producer = new Producer(Client);
        var acks = new List<Task<DeliveryResult>>();
        for (var t = 0; t < 40; t++)
            for (var i = 0; i < 10; i++)
                acks.Add(producer.ProduceAsync($"{root}/t{t}", $"k{i % 3}", $"{i}"));
        await Task.WhenAll(acks);

        var received = await session.FetchAtLeastAsync(400);
        Assert.Equal(400, received.Count);
        Assert.All(received.GroupBy(m => (m.Topic, m.Partition)), g =>
            Assert.Equal(g.Select(m => m.Offset).Order(), g.Select(m => m.Offset)));
        Assert.Equal(400, received.Select(m => (m.Topic, m.Partition, m.Offset)).Distinct().Count());
    }

    [Fact]
    public async Task Latest_start_skips_what_was_there_before_subscribing()
    {
        var topic = TestTopics.Unique("latest/t");
        await using var producer = new Producer(Client);
        await producer.ProduceAsync(topic, "k", "old");
        var session = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("latest"), new SessionOptions([topic], Persistent: false));
        await producer.ProduceAsync(topic, "k", "new");

        var received = await session.FetchAtLeastAsync(1);
        Assert.Equal(["new"], received.Select(m => TestTopics.Text(m.Payload)));
    }

    [Fact]
    public async Task A_fetch_waits_for_data_and_returns_as_soon_as_it_arrives()
    {
        var topic = TestTopics.Unique("longpoll/t");
        await using var producer = new Producer(Client);
        await producer.ProduceAsync(topic, "k", "first"); // the topic exists before subscribing
        var session = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("longpoll"), new SessionOptions([topic], Persistent: false));

        var fetch = session.FetchAsync(10, TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        Assert.False(fetch.IsCompleted);
        await producer.ProduceAsync(topic, "k", "wake");
        var completed = await Task.WhenAny(fetch, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(fetch, completed); // woken by the partition's notification, long before the 20 s wait
        Assert.Equal(["wake"], (await fetch).Select(m => TestTopics.Text(m.Payload)));
    }
}

namespace AkLight.Broker.Tests.Broker;

public sealed class BadInputTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    [Theory]
    [InlineData("metrics/+/cpu", "wildcard")]
    [InlineData("metrics/#", "wildcard")]
    [InlineData("", "empty")]
    [InlineData("a\0b", "U+0000")]
    public async Task Producing_to_an_invalid_topic_name_fails_naming_the_problem(string topic, string expected)
    {
        await using var producer = new Producer(Client);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => producer.ProduceAsync(topic, null, TestTopics.Utf8("x")));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task The_broker_itself_refuses_a_wildcard_topic_even_without_the_client_library()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.GetGrain<ITopicGrain>("bad/+/name").GetOrCreateAsync());
        Assert.Contains("wildcard", error.Message);
    }

    [Fact]
    public async Task A_payload_over_the_limit_is_refused_by_client_and_broker()
    {
        var topic = TestTopics.Unique("limits/big");
        await using var producer = new Producer(Client, new ProducerOptions { MaxMessageBytes = 10 * 1024 * 1024 });
        var tooBig = new byte[65537];
        var error = await Assert.ThrowsAsync<MessageTooLargeException>(() => producer.ProduceAsync(topic, null, tooBig));
        Assert.Contains("65536", error.Message); // the broker's configured limit
        await using var strict = new Producer(Client, new ProducerOptions { MaxMessageBytes = 1000 });
        await Assert.ThrowsAsync<MessageTooLargeException>(() => strict.ProduceAsync(topic, null, new byte[1001]));
        // Nothing of a refused batch was stored; the next message gets offset 0 on its partition.
        Assert.Equal(0, (await producer.ProduceAsync(topic, "k", "fits")).Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task Zero_or_negative_partition_counts_are_refused(int partitions)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Client.GetGrain<ITopicGrain>(TestTopics.Unique("limits/partitions")).CreateAsync(new TopicSettings(partitions, TimeSpan.FromHours(1))));
        Assert.Contains("at least 1", error.Message);
    }

    [Theory]
    [InlineData("a/#/b", "'#'")]
    [InlineData("a/b+", "'+'")]
    public async Task Opening_a_session_with_a_malformed_filter_fails_naming_the_problem(string filter, string expected)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Client.GetGrain<IConsumerSessionGrain>(TestTopics.Unique("bad-filter")).OpenAsync(new SessionOptions([filter], false)));
        Assert.Contains(expected, error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => ConsumerSession.OpenAsync(Client, "s", new SessionOptions([], false)));
    }

    [Fact]
    public async Task Reading_a_partition_that_does_not_exist_says_so()
    {
        var topic = await CreateTopicAsync("limits/range", 2);
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.GetPartitionGrain(new TopicPartition(topic, 2)).GetBoundsAsync());
        Assert.Contains("partitions 0 to 1", error.Message);
        await Assert.ThrowsAsync<UnknownTopicException>(() => Client.GetPartitionGrain(new TopicPartition(TestTopics.Unique("nope"), 0)).GetBoundsAsync());
        await Assert.ThrowsAsync<OffsetOutOfRangeException>(() => Client.GetPartitionGrain(new TopicPartition(topic, 0)).ReadAsync(1, 1, 1));
    }

    [Fact]
    public async Task Seeking_a_partition_the_session_does_not_subscribe_to_fails()
    {
        var topic = TestTopics.Unique("limits/seek");
        await using var producer = new Producer(Client);
        await producer.ProduceAsync(topic, "k", "x");
        var session = await ConsumerSession.OpenAsync(Client, TestTopics.Unique("seek-bad"), new SessionOptions([topic], false));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.SeekAsync("other/topic", 0, 0));
        Assert.Contains("not subscribed", error.Message);
    }
}

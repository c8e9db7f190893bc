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

    [Fact]
    public async Task A_malformed_record_batch_sent_straight_to_a_partition_is_refused_naming_the_problem_and_nothing_is_stored()
    {
        var topic = TestTopics.Unique("bad/batches");
        await Client.GetGrain<ITopicGrain>(topic).CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1)));
        var grain = Client.GetPartitionGrain(new TopicPartition(topic, 0));
        var good = new ProduceBatch([new ProduceRecord([1], [2]), new ProduceRecord(null, [3])]).Batch.Bytes;

        // A client holds the bytes: damage them as an attacker at the gateway could, each way the broker must notice.
        var damaged = new (string Expected, byte[] Bytes)[]
        {
            ("CRC-32C", Changed(good, b => b[^1] ^= 1)),
            ("after its length", [.. good, 0]),
            ("uncompressed", Changed(good, b => { b[AkLight.Records.RecordBatchLayout.Attributes + 1] |= 1; Resealed(b); })),
            ("numbered 0, 1, 2", Changed(good, b => { b[AkLight.Records.RecordBatchLayout.HeaderSize + 3] = 4; Resealed(b); })), // record 0's offset delta
            ("last offset delta", Changed(good, b => { b[AkLight.Records.RecordBatchLayout.LastOffsetDelta + 3] = 5; Resealed(b); })),
        };
        foreach (var (expected, bytes) in damaged)
        {
            var error = await Assert.ThrowsAsync<InvalidRecordBatchException>(() => grain.AppendAsync(new ProduceBatch(new AkLight.Records.RecordBatch(bytes))));
            Assert.Contains(expected, error.Message);
        }

        var none = await Assert.ThrowsAsync<InvalidRecordBatchException>(() => grain.AppendAsync(new ProduceBatch(new AkLight.Records.RecordBatch(null!))));
        Assert.Contains("no bytes", none.Message);

        Assert.Equal(new LogBounds(0, 0), await grain.GetBoundsAsync());
        Assert.Equal(0L, await grain.AppendAsync(new ProduceBatch(new AkLight.Records.RecordBatch(good))));
        Assert.Equal(new LogBounds(0, 2), await grain.GetBoundsAsync());
    }

    private static byte[] Changed(byte[] bytes, Action<byte[]> change)
    {
        var copy = bytes.ToArray();
        change(copy);
        return copy;
    }

    /// <summary>A correct checksum again over the damage, so what is checked next is the damage itself.</summary>
    private static void Resealed(byte[] batch) => System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(
        batch.AsSpan(AkLight.Records.RecordBatchLayout.Crc), AkLight.Records.Crc32C.Compute(batch.AsSpan(AkLight.Records.RecordBatchLayout.Attributes)));

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

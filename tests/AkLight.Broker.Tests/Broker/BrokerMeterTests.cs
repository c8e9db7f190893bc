using AkLight.Grains.Telemetry;

namespace AkLight.Broker.Tests.Broker;

/// <summary>
/// The grains' meters, read with a <see cref="MeterRecorder"/>: one measurement per batch (never per message),
/// duplicates of a retried batch and retention deletions counted under the topic's first level.
/// </summary>
public sealed class BrokerMeterTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    [Fact]
    public async Task Appends_are_counted_once_per_batch_and_a_retried_batch_as_duplicates()
    {
        var level = TestTopics.Unique("metered");
        var topic = level + "/cpu";
        await Client.GetGrain<ITopicGrain>(topic).CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1)));
        var grain = Client.GetPartitionGrain(new TopicPartition(topic, 0));
        var producer = Guid.NewGuid();
        var batch = new ProduceBatch([new ProduceRecord(null, TestTopics.Utf8("abc"), null), new ProduceRecord(TestTopics.Utf8("k"), TestTopics.Utf8("de"), null)], producer, 0);
        using var recorder = new MeterRecorder(BrokerMeters.TopicLevelTag, level);

        await grain.AppendAsync(batch);
        await grain.AppendAsync(batch);                                              // the retry: stored once
        await grain.AppendAsync(batch with { Sequence = 1 });

        Assert.Equal([2L, 2L], recorder.Values("aklight.received.messages"));       // two batches, one measurement each
        Assert.Equal([6L, 6L], recorder.Values("aklight.received"));
        Assert.Equal([2L], recorder.Values("aklight.producer.duplicate.messages"));
        Assert.Equal(2, recorder.Values("aklight.append.duration").Count);
        Assert.Equal(2, recorder.Values("aklight.commit.duration").Count);
    }

    [Fact]
    public async Task Retention_counts_the_messages_it_deleted()
    {
        var level = TestTopics.Unique("metered");
        var topic = level + "/old";
        var topicGrain = Client.GetGrain<ITopicGrain>(topic);
        await topicGrain.CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1)));
        var grain = Client.GetPartitionGrain(new TopicPartition(topic, 0));
        await grain.AppendAsync(new ProduceBatch([.. Enumerable.Range(0, 4).Select(i => new ProduceRecord(null, TestTopics.Utf8($"m{i}"), null))]));
        await Task.Delay(300);
        using var recorder = new MeterRecorder(BrokerMeters.TopicLevelTag, level);

        await topicGrain.SetRetentionAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal(new LogBounds(4, 4), await grain.EnforceRetentionAsync());

        Assert.Equal([4L], recorder.Values("aklight.retention.deleted.messages"));
    }
}

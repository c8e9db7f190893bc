using AkLight.Grains.Telemetry;
using AkLight.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AkLight.Broker.Tests.Broker;

/// <summary>
/// Committed offsets are rows per partition in the store: a commit writes the partitions it moved, not every partition
/// its session or group reads, and a closed session leaves none behind. Rows are counted by the broker's meter
/// (<c>aklight.offset_commits.rows</c>), recorded from what the store reports it changed.
/// </summary>
public sealed class OffsetCommitRowsTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    private const string RowsMeter = "aklight.offset_commits.rows";

    private IOffsetCommitStore Store => Fixture.SiloServices.GetRequiredService<IOffsetCommitStore>();

    /// <summary>Topics <c>{root}/t000</c>… of one partition with three messages each, in name order.</summary>
    private async Task<string[]> CreateTopicsAsync(string root, int count)
    {
        var topics = Enumerable.Range(0, count).Select(i => $"{root}/t{i:D3}").ToArray();
        var batch = new ProduceBatch([.. Enumerable.Range(0, 3).Select(i => new ProduceRecord(null, TestTopics.Utf8($"m{i}"), null))]);
        foreach (var slice in topics.Chunk(50))
            await Task.WhenAll(slice.Select(async topic =>
            {
                await Client.GetGrain<ITopicGrain>(topic).CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1)));
                await Client.GetPartitionGrain(new TopicPartition(topic, 0)).AppendAsync(batch);
            }));
        return topics;
    }

    [Fact]
    public async Task A_commit_over_one_partition_of_a_session_reading_200_topics_writes_one_row_and_a_restart_resumes_every_partition()
    {
        var root = TestTopics.Unique("wide");
        var topics = await CreateTopicsAsync(root, 200);
        var id = TestTopics.Unique("wide-session");
        var session = Client.GetGrain<IConsumerSessionGrain>(id);
        Assert.Equal(200, (await session.OpenAsync(new SessionOptions([$"{root}/#"], Persistent: true, StartPosition.Earliest))).Partitions.Count);
        var committed = topics.Select((topic, i) => new TopicPartitionOffset(topic, 0, i % 4)).ToArray();
        await session.CommitAsync(committed);

        using (var recorder = new MeterRecorder(BrokerMeters.OwnerKindTag, "session"))
        {
            committed[4] = committed[4] with { Offset = 2 };
            await session.CommitAsync([committed[4]]);
            Assert.Equal([1L], recorder.Values(RowsMeter));
        }
        using (var recorder = new MeterRecorder(BrokerMeters.OwnerKindTag, "session"))
        {
            // Every partition named, one moved: still one row.
            committed[5] = committed[5] with { Offset = 3 };
            await session.CommitAsync(committed);
            Assert.Equal([1L], recorder.Values(RowsMeter));
        }

        await Fixture.RestartSiloAsync();

        var resumed = await Client.GetGrain<IConsumerSessionGrain>(id).DescribeAsync();
        Assert.Equal(committed, resumed.Partitions.Select(p => new TopicPartitionOffset(p.Topic, p.Partition, p.Position)));
        Assert.All(resumed.Partitions, p => Assert.Equal(p.Position, p.Committed));
        await Client.GetGrain<IConsumerSessionGrain>(id).CloseAsync();
    }

    [Fact]
    public async Task A_group_members_commit_over_one_of_50_partitions_writes_one_row()
    {
        var root = TestTopics.Unique("wide-group");
        var topics = await CreateTopicsAsync(root, 50);
        var group = Client.GetGrain<IConsumerGroupGrain>(TestTopics.Unique("wide"));
        Assert.Equal(50, (await group.JoinAsync("m", [$"{root}/#"], StartFrom.Earliest)).Partitions.Count);

        using (var recorder = new MeterRecorder(BrokerMeters.OwnerKindTag, "group"))
        {
            Assert.Empty(await group.CommitAsync("m", [new TopicPartitionOffset(topics[3], 0, 2)], []));
            Assert.Equal([1L], recorder.Values(RowsMeter));
        }
        Assert.Equal(2, (await group.DescribeAsync()).Partitions.Single(p => p.Topic == topics[3]).Committed);
        await group.LeaveAsync("m");
    }

    [Fact]
    public async Task Closing_a_persistent_session_or_making_it_non_persistent_deletes_its_commits()
    {
        var topic = await CreateTopicAsync("rows/close", 2);
        var owner = (string id) => $"session/{id}";
        var closed = TestTopics.Unique("closed");
        var switched = TestTopics.Unique("switched");
        foreach (var id in new[] { closed, switched })
        {
            await Client.GetGrain<IConsumerSessionGrain>(id).OpenAsync(new SessionOptions([topic], Persistent: true, StartPosition.Earliest));
            Assert.Equal(2, (await Store.LoadAsync(owner(id))).Count); // both partitions, committed where reading starts
        }

        await Client.GetGrain<IConsumerSessionGrain>(closed).CloseAsync();
        await Client.GetGrain<IConsumerSessionGrain>(switched).OpenAsync(new SessionOptions([topic], Persistent: false, StartPosition.Earliest));

        Assert.Empty(await Store.LoadAsync(owner(closed)));
        Assert.Empty(await Store.LoadAsync(owner(switched)));
    }
}

using AkLight.Grains.Groups;
using AkLight.Grains.Sessions;
using AkLight.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace AkLight.Broker.Tests.Broker;

/// <summary>
/// A deployment upgraded from a version that kept committed offsets in the grain state blob keeps its positions: the
/// blob's list moves into the offset store at the next activation, and is emptied.
/// </summary>
public sealed class LegacyCommitTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    private IGrainStorage GrainStorage => Fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);

    private IOffsetCommitStore Store => Fixture.SiloServices.GetRequiredService<IOffsetCommitStore>();

    /// <summary>Writes a grain's state as the previous version did, before the grain is ever activated.</summary>
    private Task WriteOldStateAsync<T>(string stateName, IAddressable grain, T state) =>
        GrainStorage.WriteStateAsync(stateName, grain.GetGrainId(), new GrainState<T>(state));

    private async Task<T> ReadStateAsync<T>(string stateName, IAddressable grain)
    {
        var read = new GrainState<T>();
        await GrainStorage.ReadStateAsync(stateName, grain.GetGrainId(), read);
        return read.State ?? throw new InvalidOperationException($"no {stateName} state");
    }

    private async Task AppendAsync(TopicPartition partition, int count) =>
        await Client.GetPartitionGrain(partition).AppendAsync(
            new ProduceBatch([.. Enumerable.Range(0, count).Select(i => new ProduceRecord(null, TestTopics.Utf8($"m{i}"), null))]));

    [Fact]
    public async Task A_persistent_session_stored_by_the_previous_version_resumes_from_its_commits_now_in_the_store()
    {
        var topic = await CreateTopicAsync("legacy/session", 1);
        await AppendAsync(new TopicPartition(topic, 0), 6);
        var id = TestTopics.Unique("legacy-session");
        var grain = Client.GetGrain<IConsumerSessionGrain>(id);
        await WriteOldStateAsync("session", grain, new SessionState { Open = true, Filters = [topic], Committed = [new(topic, 0, 4)] });

        var resumed = await grain.FetchAsync(10, TimeSpan.FromSeconds(5));

        Assert.Equal(["m4", "m5"], resumed.Select(m => TestTopics.Text(m.Payload)));
        Assert.Empty((await ReadStateAsync<SessionState>("session", grain)).Committed);
        Assert.Equal([new TopicPartitionOffset(topic, 0, 4)], await Store.LoadAsync($"session/{id}"));
        // From the store alone, once the blob's list is gone: the fetch above was not committed, so it comes again.
        await Fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(["m4", "m5"], (await grain.FetchAsync(10, TimeSpan.FromSeconds(5))).Select(m => TestTopics.Text(m.Payload)));
        await grain.CloseAsync();
    }

    [Fact]
    public async Task A_group_stored_by_the_previous_version_hands_its_members_the_commits_now_in_the_store()
    {
        var topic = await CreateTopicAsync("legacy/group", 2);
        await AppendAsync(new TopicPartition(topic, 0), 5);
        await AppendAsync(new TopicPartition(topic, 1), 5);
        var name = TestTopics.Unique("legacy-group");
        var group = Client.GetGrain<IConsumerGroupGrain>(name);
        TopicPartitionOffset[] committed = [new(topic, 0, 3), new(topic, 1, 1)];
        await WriteOldStateAsync("group", group, new GroupState { Committed = [.. committed] });

        var assignment = await group.JoinAsync("m", [topic]);

        Assert.Equal(committed, assignment.Partitions.OrderBy(p => p.Partition));
        Assert.Empty((await ReadStateAsync<GroupState>("group", group)).Committed);
        Assert.Equal(committed, (await Store.LoadAsync($"group/{name}")).OrderBy(c => c.Partition));
        await group.LeaveAsync("m");
    }
}

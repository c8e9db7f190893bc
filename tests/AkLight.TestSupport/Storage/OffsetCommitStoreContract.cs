using AkLight.Storage;
using Xunit;

namespace AkLight.TestSupport.Storage;

/// <summary>
/// What every store of committed offsets must do: each store's test class derives from this one, so the embedded
/// and the PostgreSQL store are held to the same behaviour.
/// </summary>
public abstract class OffsetCommitStoreContract
{
    /// <summary>The store under test, empty at the start of each test.</summary>
    protected abstract IOffsetCommitStore Store { get; }

    private static TopicPartitionOffset Commit(string topic, int partition, long offset) => new(topic, partition, offset);

    private async Task<TopicPartitionOffset[]> LoadSortedAsync(string owner) =>
        (await Store.LoadAsync(owner)).OrderBy(c => c.TopicPartition).ToArray();

    [Fact]
    public async Task An_owner_that_never_committed_has_no_commits_and_an_empty_save_writes_nothing()
    {
        Assert.Empty(await Store.LoadAsync("session/none"));
        Assert.Equal(0, await Store.SaveAsync("session/none", [], []));
        Assert.Empty(await Store.LoadAsync("session/none"));
    }

    [Fact]
    public async Task Saved_commits_load_back_and_a_later_save_changes_only_the_partitions_it_names()
    {
        Assert.Equal(3, await Store.SaveAsync("session/s", [Commit("a", 0, 5), Commit("a", 1, 7), Commit("b", 0, 0)], []));

        Assert.Equal(1, await Store.SaveAsync("session/s", [Commit("a", 1, 9)], []));

        Assert.Equal([Commit("a", 0, 5), Commit("a", 1, 9), Commit("b", 0, 0)], await LoadSortedAsync("session/s"));
    }

    [Fact]
    public async Task One_save_writes_some_partitions_and_deletes_others_together()
    {
        await Store.SaveAsync("group/g", [Commit("a", 0, 5), Commit("a", 1, 7), Commit("b", 0, 3)], []);

        var rows = await Store.SaveAsync("group/g", [Commit("c", 2, 11), Commit("a", 0, 6)], [new TopicPartition("a", 1), new TopicPartition("never", 0)]);

        Assert.Equal(3, rows); // two written, one deleted; a partition without a commit deletes nothing
        Assert.Equal([Commit("a", 0, 6), Commit("b", 0, 3), Commit("c", 2, 11)], await LoadSortedAsync("group/g"));
    }

    [Fact]
    public async Task Owners_keep_their_own_rows_and_deleting_one_owner_leaves_the_others()
    {
        await Store.SaveAsync("session/x", [Commit("t", 0, 1)], []);
        await Store.SaveAsync("group/x", [Commit("t", 0, 2)], []);
        await Store.SaveAsync("session/y", [Commit("t", 0, 3)], []);

        await Store.DeleteAsync("session/x");

        Assert.Empty(await Store.LoadAsync("session/x"));
        Assert.Equal([Commit("t", 0, 2)], await Store.LoadAsync("group/x"));
        Assert.Equal([Commit("t", 0, 3)], await Store.LoadAsync("session/y"));
        await Store.DeleteAsync("session/x"); // again: nothing left, no error
    }

    [Fact]
    public async Task Owners_and_topics_as_long_as_names_may_be_are_kept_apart_by_their_whole_names()
    {
        // 65,535 bytes of UTF-8 (the longest name), and one that differs from it only in its last character.
        var topic = new string('t', 65_534) + "1";
        var twin = new string('t', 65_534) + "2";
        var owner = "session/" + new string('é', 32_760);

        await Store.SaveAsync(owner, [Commit(topic, 0, 10), Commit(twin, 0, 20)], []);
        await Store.SaveAsync(owner, [Commit(twin, 0, 21)], [new TopicPartition(topic, 0)]);

        Assert.Equal([Commit(twin, 0, 21)], await Store.LoadAsync(owner));
        await Store.DeleteAsync(owner);
        Assert.Empty(await Store.LoadAsync(owner));
    }

    [Fact]
    public async Task A_save_of_thousands_of_partitions_is_kept_whole()
    {
        var commits = Enumerable.Range(0, 4_000).Select(i => Commit($"metrics/host-{i}", i % 3, i)).ToArray();

        Assert.Equal(4_000, await Store.SaveAsync("session/wide", commits, []));

        Assert.Equal(commits.OrderBy(c => c.TopicPartition), await LoadSortedAsync("session/wide"));
    }
}

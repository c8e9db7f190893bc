using AkLight.Grains.Commits;
using AkLight.Storage.Sqlite;
using AkLight.TestSupport.Storage;

namespace AkLight.Parts.Tests;

/// <summary><see cref="CommittedOffsets"/> over the embedded store: a save writes only what changed since the last one.</summary>
public sealed class CommittedOffsetsTests : IAsyncLifetime
{
    private static readonly CommitOwner Owner = CommitOwner.Session("s");
    private readonly TempSqliteDatabase _database = new();
    private SqliteOffsetCommitStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteOffsetCommitStore(_database.Database);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private static TopicPartition P(int partition) => new("t", partition);

    private async Task<Dictionary<TopicPartition, long>> StoredAsync() =>
        (await _store.LoadAsync(Owner.Key)).ToDictionary(c => c.TopicPartition, c => c.Offset);

    [Fact]
    public async Task Only_partitions_committed_at_another_offset_since_the_last_save_are_saved()
    {
        var commits = new CommittedOffsets(_store, Owner);
        for (var p = 0; p < 100; p++) commits.Set(P(p), 0);
        await commits.SaveAsync();

        for (var p = 0; p < 100; p++) commits.Set(P(p), p == 7 ? 5 : 0); // a commit of everything where only one moved
        Assert.Equal(1, commits.UnsavedCount);
        await commits.SaveAsync();

        Assert.Equal(0, commits.UnsavedCount);
        Assert.Equal(5, (await StoredAsync())[P(7)]);
        Assert.Equal(100, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task Replacing_the_set_drops_the_commits_of_partitions_left_out_and_loading_reads_the_store()
    {
        var commits = new CommittedOffsets(_store, Owner);
        commits.Replace([new TopicPartitionOffset("t", 0, 1), new TopicPartitionOffset("t", 1, 2)]);
        await commits.SaveAsync();

        commits.Replace([new TopicPartitionOffset("t", 1, 2), new TopicPartitionOffset("t", 2, 3)]);
        Assert.Equal(2, commits.UnsavedCount); // partition 0 goes, 2 comes; 1 is as stored
        await commits.SaveAsync();

        var again = new CommittedOffsets(_store, Owner);
        await again.LoadAsync();
        Assert.Equal(new Dictionary<TopicPartition, long> { [P(1)] = 2, [P(2)] = 3 }, again.Offsets);
    }

    [Fact]
    public async Task A_removed_partition_is_deleted_at_the_next_save_and_delete_forgets_every_commit()
    {
        var commits = new CommittedOffsets(_store, Owner);
        commits.Set(P(0), 4);
        commits.Set(P(1), 6);
        await commits.SaveAsync();

        commits.Remove(P(0));
        await commits.SaveAsync();
        Assert.Equal([P(1)], (await StoredAsync()).Keys);

        await commits.DeleteAsync();
        Assert.Empty(commits.Offsets);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task A_save_the_store_refuses_keeps_its_changes_for_the_next_save()
    {
        var commits = new CommittedOffsets(_store, Owner);
        commits.Set(P(0), 4);
        await _database.Database.Writes.DisposeAsync(); // the store's writer is shut down: the write is refused

        await Assert.ThrowsAsync<StoreUnavailableException>(commits.SaveAsync);

        Assert.Equal(1, commits.UnsavedCount);
        Assert.Equal(4, commits.Offsets[P(0)]);
    }
}

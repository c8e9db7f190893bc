using AkLight.Grains.Storage;
using AkLight.Grains.Storage.Sqlite;

namespace AkLight.UnitTests;

/// <summary>The embedded store's log against a real SQLite file.</summary>
public sealed class SqliteMessageLogTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aklight-sqlite-").FullName;
    private SqliteDatabase _database = null!;
    private SqliteMessageLog _log = null!;

    public Task InitializeAsync()
    {
        _database = new SqliteDatabase(Path.Combine(_folder, "aklight.db"));
        _log = new SqliteMessageLog(_database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static LogRecord[] Records(long from, int count, long timestampMs = 1000) =>
        Enumerable.Range(0, count).Select(i => new LogRecord(from + i, timestampMs + i, [1], [2, 3], null)).ToArray();

    [Fact]
    public async Task Appends_continue_the_log_and_an_append_elsewhere_than_its_end_is_refused_naming_both_offsets()
    {
        await _log.AppendAsync(1, 0, Records(0, 3));
        await _log.AppendAsync(1, 0, Records(3, 2));
        Assert.Equal(new LogBounds(0, 5), await _log.GetBoundsAsync(1, 0));

        var gap = await Assert.ThrowsAsync<StoreUnavailableException>(() => _log.AppendAsync(1, 0, Records(7, 1)));
        Assert.Contains("offset 7", gap.Message);
        Assert.Contains("ends at 5", gap.Message);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _log.AppendAsync(1, 0, Records(0, 1)));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _log.AppendAsync(1, 1, Records(4, 1))); // a new partition starts at 0

        Assert.Equal(new LogBounds(0, 5), await _log.GetBoundsAsync(1, 0));
        Assert.Equal([0L, 1, 2, 3, 4], (await _log.ReadAsync(1, 0, 0, 100, int.MaxValue)).Select(r => r.Offset));
    }

    [Fact]
    public async Task Concurrent_appends_to_many_partitions_commit_together_and_each_log_stays_gapless()
    {
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async p =>
        {
            for (var batch = 0; batch < 4; batch++) await _log.AppendAsync(2, p, Records(batch * 10, 10));
        }));
        foreach (var p in Enumerable.Range(0, 50))
            Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), (await _log.ReadAsync(2, p, 0, 100, int.MaxValue)).Select(r => r.Offset));
    }

    [Fact]
    public async Task Retention_deletes_what_is_older_and_keeps_the_end()
    {
        await _log.AppendAsync(3, 0, Records(0, 10, timestampMs: 1000));
        Assert.Equal(4, await _log.GetOffsetForTimeAsync(3, 0, 1004));
        Assert.Equal(new LogBounds(4, 10), await _log.DeleteBeforeAsync(3, 0, 1004));
        Assert.Equal(new LogBounds(10, 10), await _log.DeleteBeforeAsync(3, 0, 5000));
        await _log.AppendAsync(3, 0, Records(10, 1, timestampMs: 6000));
        Assert.Equal(new LogBounds(10, 11), await _log.GetBoundsAsync(3, 0));
    }

    private static LogRecord Keyed(long offset, long timestampMs, string? key, string? payload) =>
        new(offset, timestampMs, key is null ? null : System.Text.Encoding.UTF8.GetBytes(key),
            payload is null ? null : System.Text.Encoding.UTF8.GetBytes(payload), null);

    [Fact]
    public async Task Offset_for_time_is_the_first_offset_at_or_after_the_timestamp_across_compaction_gaps()
    {
        await _log.AppendAsync(4, 0,
        [
            Keyed(0, 100, "a", "1"), Keyed(1, 200, "b", "1"), Keyed(2, 200, "a", "2"), Keyed(3, 300, "b", "2"),
            Keyed(4, 300, "c", "1"), Keyed(5, 400, "a", "3"),
        ]);
        Assert.Equal(0L, await _log.GetOffsetForTimeAsync(4, 0, 50));
        Assert.Equal(1L, await _log.GetOffsetForTimeAsync(4, 0, 101));
        Assert.Equal(3L, await _log.GetOffsetForTimeAsync(4, 0, 250));
        Assert.Null(await _log.GetOffsetForTimeAsync(4, 0, 401));

        // Compaction before 350 keeps b@3, c@4 and a@5: offsets 0-2 become a gap.
        Assert.Equal(new LogBounds(3, 6), await _log.CompactBeforeAsync(4, 0, 350));
        Assert.Equal([3L, 4, 5], (await _log.ReadAsync(4, 0, 0, 100, int.MaxValue)).Select(r => r.Offset));
        Assert.Equal(3L, await _log.GetOffsetForTimeAsync(4, 0, 0));
        Assert.Equal(5L, await _log.GetOffsetForTimeAsync(4, 0, 301));
    }

    [Fact]
    public async Task Compaction_keeps_the_newest_record_per_key_and_drops_tombstones_and_keyless_records()
    {
        await _log.AppendAsync(5, 0,
        [
            Keyed(0, 100, "alice", "v1"), Keyed(1, 100, "bob", "v1"), Keyed(2, 100, "alice", "v2"),
            Keyed(3, 100, "carol", "v1"), Keyed(4, 100, "bob", null), Keyed(5, 100, null, "no key"),
            Keyed(6, 900, "alice", "v3"),
        ]);

        var bounds = await _log.CompactBeforeAsync(5, 0, 500);

        Assert.Equal(new LogBounds(3, 7), bounds);
        Assert.Equal([3L, 6L], (await _log.ReadAsync(5, 0, 0, 100, int.MaxValue)).Select(r => r.Offset));
        Assert.Equal(bounds, await _log.GetBoundsAsync(5, 0));
    }

    [Fact]
    public async Task Committed_appends_reach_the_database_file_through_the_background_checkpointer()
    {
        var file = new FileInfo(_database.Path);
        var before = file.Length;
        var payload = new byte[4096];
        for (var batch = 0; batch < 20; batch++)
            await _log.AppendAsync(6, 0, Enumerable.Range(0, 50).Select(i => new LogRecord(batch * 50 + i, 1000, null, payload, null)).ToArray());

        // The writer never checkpoints itself; the pages reach the main file within a few checkpoint ticks.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && new FileInfo(_database.Path).Length < before + 4_000_000) await Task.Delay(50);
        Assert.True(new FileInfo(_database.Path).Length >= before + 4_000_000, $"database file {new FileInfo(_database.Path).Length} bytes, was {before}");
    }

    [Fact]
    public async Task Producers_last_batches_are_kept_with_the_appends_replaced_per_producer_and_trimmed_to_the_newest()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await _log.AppendAsync(9, 0, [new LogRecord(0, 1000, null, [1], null), new LogRecord(1, 1000, null, [1], null)], [new ProducerState(a, 0, 0), new ProducerState(b, 0, 1)]);
        await _log.AppendAsync(9, 0, [new LogRecord(2, 1000, null, [1], null)], [new ProducerState(a, 1, 2)]);
        await _log.AppendAsync(9, 0, [new LogRecord(3, 1000, null, [1], null)], [new ProducerState(c, 5, 3)]);
        await _log.AppendAsync(9, 1, [new LogRecord(0, 1000, null, [1], null)], [new ProducerState(a, 9, 0)]); // another partition: its own rows

        Assert.Equal([new ProducerState(b, 0, 1), new ProducerState(a, 1, 2), new ProducerState(c, 5, 3)], await _log.GetProducersAsync(9, 0, 10));
        Assert.Equal([new ProducerState(a, 1, 2), new ProducerState(c, 5, 3)], await _log.GetProducersAsync(9, 0, 2));

        // A refused append stores nothing of its producers either.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _log.AppendAsync(9, 0, [new LogRecord(9, 1000, null, [1], null)], [new ProducerState(b, 1, 9)]));
        await _log.TrimProducersAsync(9, 0, keep: 1);
        Assert.Equal([new ProducerState(c, 5, 3)], await _log.GetProducersAsync(9, 0, 10));
        Assert.Equal([new ProducerState(a, 9, 0)], await _log.GetProducersAsync(9, 1, 10));
    }
}

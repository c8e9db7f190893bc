using AkLight.Storage.Sqlite;
using AkLight.TestSupport.Storage;

namespace AkLight.Parts.Tests;

/// <summary>The embedded store's log against a real SQLite file, held to <see cref="MessageLogContract"/>.</summary>
public sealed class SqliteMessageLogTests : MessageLogContract, IAsyncLifetime
{
    private readonly TempSqliteDatabase _store = new();
    private SqliteMessageLog _log = null!;

    protected override IMessageLog Log => _log;

    public Task InitializeAsync()
    {
        _log = new SqliteMessageLog(_store.Database);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    [Fact]
    public async Task Committed_appends_reach_the_database_file_through_the_background_checkpointer()
    {
        var file = new FileInfo(_store.Database.Path);
        var before = file.Length;
        var payload = new byte[4096];
        for (var batch = 0; batch < 20; batch++)
            await AppendAsync(6, 0, Enumerable.Range(0, 50).Select(i => new TestRecord(batch * 50 + i, 1000 + batch, null, payload, null)).ToArray());

        // The writer never checkpoints itself; the pages reach the main file within a few checkpoint ticks.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && new FileInfo(_store.Database.Path).Length < before + 4_000_000) await Task.Delay(50);
        Assert.True(new FileInfo(_store.Database.Path).Length >= before + 4_000_000, $"database file {new FileInfo(_store.Database.Path).Length} bytes, was {before}");
    }
}

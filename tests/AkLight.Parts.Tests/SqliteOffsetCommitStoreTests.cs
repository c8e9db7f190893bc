using AkLight.Storage.Sqlite;
using AkLight.TestSupport.Storage;

namespace AkLight.Parts.Tests;

/// <summary>The embedded store's committed offsets against a real SQLite file, held to <see cref="OffsetCommitStoreContract"/>.</summary>
public sealed class SqliteOffsetCommitStoreTests : OffsetCommitStoreContract, IAsyncLifetime
{
    private readonly TempSqliteDatabase _database = new();

    public SqliteOffsetCommitStoreTests() => Store = new SqliteOffsetCommitStore(_database.Database);

    protected override IOffsetCommitStore Store { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();
}

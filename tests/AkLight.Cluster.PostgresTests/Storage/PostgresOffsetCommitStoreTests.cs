using AkLight.Storage;
using AkLight.Storage.Postgres;
using AkLight.TestSupport.Storage;

namespace AkLight.Cluster.PostgresTests.Storage;

/// <summary><see cref="PostgresOffsetCommitStore"/> against a real PostgreSQL, held to <see cref="OffsetCommitStoreContract"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOffsetCommitStoreTests(PostgresFixture postgres) : OffsetCommitStoreContract, IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private PostgresOffsetCommitStore _store = null!;

    protected override IOffsetCommitStore Store => _store;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("commits"));
        _store = new PostgresOffsetCommitStore(_dataSource, new PostgresFailures(_dataSource));
    }

    public Task DisposeAsync() => _dataSource.DisposeAsync().AsTask();
}

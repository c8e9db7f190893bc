using AkLight.Storage;
using AkLight.Storage.Postgres;
using AkLight.TestSupport.Storage;

namespace AkLight.Cluster.PostgresTests.Storage;

/// <summary><see cref="PostgresMessageLog"/> against a real PostgreSQL, held to <see cref="MessageLogContract"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMessageLogTests(PostgresFixture postgres) : MessageLogContract, IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private PostgresStoreParts _store = null!;

    protected override IMessageLog Log => _store.Log;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("log"));
        _store = new PostgresStoreParts(_dataSource);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}

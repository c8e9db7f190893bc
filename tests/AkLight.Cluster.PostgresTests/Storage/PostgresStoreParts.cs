using AkLight.Storage.Postgres;

namespace AkLight.Cluster.PostgresTests.Storage;

/// <summary>The PostgreSQL store's log and catalog over one data source, wired as the silo's hosting extension wires them.</summary>
internal sealed class PostgresStoreParts : IAsyncDisposable
{
    private readonly PostgresAppendQueue _appends;

    public PostgresStoreParts(NpgsqlDataSource dataSource)
    {
        var failures = new PostgresFailures(dataSource);
        _appends = new PostgresAppendQueue(dataSource, failures);
        Log = new PostgresMessageLog(dataSource, failures, _appends);
        Catalog = new PostgresTopicCatalog(dataSource, failures);
    }

    public PostgresMessageLog Log { get; }

    public PostgresTopicCatalog Catalog { get; }

    public ValueTask DisposeAsync() => _appends.DisposeAsync();
}

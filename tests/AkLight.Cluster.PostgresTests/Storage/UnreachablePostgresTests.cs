using AkLight.Storage.Postgres;

namespace AkLight.Cluster.PostgresTests.Storage;

/// <summary>A store that cannot be reached fails with <see cref="StoreUnavailableException"/> naming it and the cause.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UnreachablePostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_wrong_port_gives_StoreUnavailableException_naming_the_server_and_the_cause()
    {
        var port = FreePorts.Pick(); // nothing listens there
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Database=aklight;Username=postgres;Password=secret-pw;Timeout=3");
        await using var store = new PostgresStoreParts(dataSource);
        var (log, catalog) = (store.Log, store.Catalog);

        var append = await Assert.ThrowsAsync<StoreUnavailableException>(() => log.AppendAsync(1, 0, [AkLight.Records.RecordBatchWriter.Write([new ProduceRecord(null, [1])])]));
        Assert.StartsWith($"PostgreSQL at 127.0.0.1:{port} unreachable: ", append.Message);
        Assert.Contains("refused", append.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret-pw", append.Message);

        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => catalog.GetTopicAsync("metrics/a"));
        Assert.StartsWith($"PostgreSQL at 127.0.0.1:{port} unreachable: ", read.Message);
    }

    [Fact]
    public async Task A_database_without_the_schema_says_to_apply_the_scripts()
    {
        // The server's maintenance database exists but has no AKLight tables.
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString("postgres"));
        await using var store = new PostgresStoreParts(dataSource);
        var log = store.Log;

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => log.LoadPartitionAsync(1, 0, 10));
        Assert.Contains("lacks the AKLight schema", error.Message);
        Assert.Contains("sql/apply.sh", error.Message);
    }

    [Fact]
    public void The_options_never_show_the_password()
    {
        var options = new PostgresStoreOptions { ConnectionString = "Host=db;Port=5433;Database=aklight;Username=broker;Password=secret-pw" };

        Assert.True(options.IsConfigured);
        Assert.Equal("PostgreSQL at db:5433, database 'aklight', user 'broker'", options.ToString());
        Assert.DoesNotContain("secret-pw", options.Describe());
        Assert.False(new PostgresStoreOptions().IsConfigured);
    }
}

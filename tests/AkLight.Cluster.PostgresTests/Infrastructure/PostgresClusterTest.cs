namespace AkLight.Cluster.PostgresTests.Infrastructure;

/// <summary>
/// What every cluster test starts from: the shared PostgreSQL server (<see cref="PostgresFixture"/>), a database of
/// the test's own, and silo processes clustered on it.
/// </summary>
[Collection(PostgresCollection.Name)]
public abstract class PostgresClusterTest(PostgresFixture postgres, ITestOutputHelper output)
{
    protected PostgresFixture Postgres => postgres;

    protected ITestOutputHelper Output => output;

    /// <summary>A cluster on a new database named after <paramref name="database"/>, with no silo started yet.</summary>
    protected async Task<SiloCluster> NewClusterAsync(string database) => new(await postgres.CreateDatabaseAsync(database), output);

    /// <summary>
    /// A cluster on a new database with <paramref name="silos"/> silos (<c>silo1</c>, <c>silo2</c>, …) started and Active
    /// in the membership table; <paramref name="extraSettings"/> go to each (TLS, for example).
    /// </summary>
    protected async Task<SiloCluster> StartClusterAsync(string database, int silos = 2, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var cluster = await NewClusterAsync(database);
        try
        {
            for (var i = 1; i <= silos; i++) await cluster.StartSiloAsync($"silo{i}", extraSettings: extraSettings);
            await cluster.WaitForActiveMembersAsync([.. cluster.Silos]);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}

namespace AkLight.Cluster.PostgresTests.Security;

/// <summary>
/// The database role docker compose gives the silos (deploy/postgres/99-aklight-role.sh, run after sql/*.sql as the
/// postgres image does): it owns AKLight's database and tables, a silo serves with it, and it can do nothing else on
/// the server: no superuser, no new databases or roles, no password hashes.
/// </summary>
public sealed class PostgresRoleTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private const string Password = "role-test-password";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_silos_role_owns_the_schema_serves_a_silo_and_cannot_touch_the_server()
    {
        var database = await Postgres.CreateEmptyDatabaseAsync("role");
        var superuser = new Dictionary<string, string> { ["PATH"] = Postgres.ToolPath };
        // As the image's init: the schema scripts as the superuser, then the role script.
        await Command.RunAsync("bash", [Path.Combine(RepositoryPaths.SqlDirectory, "apply.sh"), Url("postgres", database)], ScriptTimeout, superuser);
        var roleScript = Path.Combine(RepositoryPaths.RepositoryRoot, "deploy", "postgres", "99-aklight-role.sh");
        var environment = new Dictionary<string, string>(superuser)
        {
            ["AKLIGHT_POSTGRES_PASSWORD"] = Password,
            ["POSTGRES_USER"] = "postgres",
            ["POSTGRES_DB"] = database,
            ["PGHOST"] = "127.0.0.1",
            ["PGPORT"] = Postgres.Port.ToString(),
        };
        Output.WriteLine(await Command.RunAsync("bash", [roleScript], ScriptTimeout, environment));
        await Command.RunAsync("bash", [roleScript], ScriptTimeout, environment); // re-runnable

        var asRole = new NpgsqlConnectionStringBuilder(Postgres.ConnectionString(database)) { Username = "aklight", Password = Password }.ConnectionString;
        await using (var connection = new NpgsqlConnection(asRole))
        {
            await connection.OpenAsync();
            Assert.Equal("False,False,False", await ScalarAsync(connection,
                "SELECT initcap(rolsuper::text) || ',' || initcap(rolcreatedb::text) || ',' || initcap(rolcreaterole::text) FROM pg_roles WHERE rolname = current_user"));
            Assert.Equal("0", await ScalarAsync(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> current_user"));
            Assert.True(long.Parse(await ScalarAsync(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) >= 8);
            Assert.Equal("aklight", await ScalarAsync(connection, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
            foreach (var forbidden in new[] { "CREATE DATABASE role_test_other", "SELECT rolpassword FROM pg_authid", "CREATE ROLE role_test_other", "ALTER ROLE aklight SUPERUSER" })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, forbidden));
                Output.WriteLine($"{forbidden}: {refused.SqlState} {refused.MessageText}");
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
            }
        }
        // An upgrade (the scripts again) runs as the role itself.
        await Command.RunAsync("bash", [Path.Combine(RepositoryPaths.SqlDirectory, "apply.sh"), Url("aklight", database)], ScriptTimeout,
            new Dictionary<string, string>(superuser) { ["PGPASSWORD"] = Password });

        // A silo of the cluster serves with that role: membership, internal secret, topics, log, reminders.
        await using var cluster = new SiloCluster(asRole, Output);
        var silo = await cluster.StartSiloAsync("silo1");
        await cluster.WaitForActiveMembersAsync([silo]);
        await using var client = await cluster.ConnectAsync();
        const string topic = "metrics/role/cpu";
        await client.Grains.GetGrain<ITopicGrain>(topic).CreateAsync(new TopicSettings(2, TimeSpan.FromHours(1)));
        await using (var producer = new Producer(client.Grains))
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => producer.ProduceAsync(topic, $"k{i}", $"m{i}")));
        Assert.Equal(20, (await ClusterProbe.ReadAllAsync(client.Grains, topic, 2)).Count);
    }

    private string Url(string user, string database) => $"postgresql://{user}@127.0.0.1:{Postgres.Port}/{database}";

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}

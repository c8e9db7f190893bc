namespace AkLight.Cluster.PostgresTests.Faults;

/// <summary>
/// A fault inside the real store: a trigger that makes every insert into the batch table fail while switched on,
/// so a group commit in flight is rolled back by PostgreSQL itself, as a full disk or a lost connection would.
/// </summary>
public sealed class StoreFault(string connectionString)
{
    public const string Message = "injected store fault";

    public async Task InstallAsync()
    {
        await ExecuteAsync($"""
            CREATE TABLE aklight_test_fault (on_since timestamptz NOT NULL);
            CREATE FUNCTION aklight_test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM aklight_test_fault) THEN RAISE EXCEPTION '{Message}'; END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER aklight_test_fault BEFORE INSERT ON aklight_batches
                FOR EACH STATEMENT EXECUTE FUNCTION aklight_test_fault();
            """);
    }

    public Task SwitchOnAsync() => ExecuteAsync("INSERT INTO aklight_test_fault VALUES (now())");

    public Task SwitchOffAsync() => ExecuteAsync("DELETE FROM aklight_test_fault");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

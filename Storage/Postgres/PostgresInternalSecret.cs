using System.Security.Cryptography;
using Npgsql;

namespace AkLight.Storage.Postgres;

/// <summary>
/// The cluster's internal secret, kept in the database every silo shares (sql/06): the first silo to start
/// writes a random one, the others read it. Only roles that can read AKLight's tables can learn it.
/// </summary>
public static class PostgresInternalSecret
{
    /// <summary>Reads the secret, creating it first when the database has none. Called once, at silo start.</summary>
    public static StoredInternalSecret Load(NpgsqlDataSource dataSource)
    {
        var candidate = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        return new PostgresFailures(dataSource).RunAsync("read the cluster's internal secret", async ct =>
        {
            await using (var insert = dataSource.CreateCommand("INSERT INTO aklight_internal_secret (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING"))
            {
                insert.Parameters.AddWithValue(candidate);
                await insert.ExecuteNonQueryAsync(ct);
            }
            await using var select = dataSource.CreateCommand("SELECT secret FROM aklight_internal_secret WHERE id = 1");
            return new StoredInternalSecret((string)(await select.ExecuteScalarAsync(ct))!);
        }, CancellationToken.None).GetAwaiter().GetResult(); // once, at start, before any grain runs
    }
}

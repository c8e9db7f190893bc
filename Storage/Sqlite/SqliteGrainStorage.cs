using Orleans.Storage;

namespace AkLight.Storage.Sqlite;

/// <summary>
/// Orleans grain state in the embedded SQLite store, so persistent sessions survive a restart of the
/// single-machine broker. One row per grain and state name, with an ETag for optimistic concurrency.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = await database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT etag, data FROM grain_state WHERE grain_type = $t AND grain_id = $g";
            command.Parameters.AddWithValue("$t", stateName);
            command.Parameters.AddWithValue("$g", grainId.ToString());
            using var reader = command.ExecuteReader();
            return reader.Read() ? (ETag: reader.GetString(0), Data: (byte[])reader[1]) : default;
        }).ConfigureAwait(false);
        if (row.ETag is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = serializer.Deserialize<T>(new BinaryData(row.Data));
        grainState.ETag = row.ETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.Serialize(grainState.State).ToArray();
        var expected = grainState.ETag;
        var next = Guid.NewGuid().ToString("N");
        await database.Writes.WriteAsync((connection, transaction) =>
        {
            var stored = CurrentETag(connection, transaction, stateName, grainId);
            if (stored != expected)
                throw new InconsistentStateException($"grain state {stateName} of {grainId} was changed elsewhere", stored ?? "", expected ?? "");
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO grain_state (grain_type, grain_id, etag, data) VALUES ($t, $g, $e, $d)
                ON CONFLICT (grain_type, grain_id) DO UPDATE SET etag = excluded.etag, data = excluded.data
                """;
            command.Parameters.AddWithValue("$t", stateName);
            command.Parameters.AddWithValue("$g", grainId.ToString());
            command.Parameters.AddWithValue("$e", next);
            command.Parameters.AddWithValue("$d", data);
            return command.ExecuteNonQuery();
        }).ConfigureAwait(false);
        grainState.ETag = next;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await database.Writes.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM grain_state WHERE grain_type = $t AND grain_id = $g";
            command.Parameters.AddWithValue("$t", stateName);
            command.Parameters.AddWithValue("$g", grainId.ToString());
            return command.ExecuteNonQuery();
        }).ConfigureAwait(false);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private static string? CurrentETag(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, string stateName, GrainId grainId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT etag FROM grain_state WHERE grain_type = $t AND grain_id = $g";
        command.Parameters.AddWithValue("$t", stateName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        return command.ExecuteScalar() as string;
    }
}

using Microsoft.Data.Sqlite;

namespace AkLight.Storage.Sqlite;

/// <summary>
/// Orleans reminders in the embedded SQLite store, so retention keeps running for partitions that were
/// not active when the single-machine broker restarted.
/// </summary>
public sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    private const string Columns = "grain_id, name, start_ms, period_ms, etag";

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Query($"SELECT {Columns} FROM reminders WHERE grain_id = $g", c => c.Parameters.AddWithValue("$g", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        // The ring range (begin, end] wraps around when begin >= end.
        Query(begin < end
                ? $"SELECT {Columns} FROM reminders WHERE grain_hash > $b AND grain_hash <= $e"
                : $"SELECT {Columns} FROM reminders WHERE grain_hash > $b OR grain_hash <= $e",
            c =>
            {
                c.Parameters.AddWithValue("$b", (long)begin);
                c.Parameters.AddWithValue("$e", (long)end);
            });

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await Query($"SELECT {Columns} FROM reminders WHERE grain_id = $g AND name = $n", c =>
        {
            c.Parameters.AddWithValue("$g", grainId.ToString());
            c.Parameters.AddWithValue("$n", reminderName);
        }).ConfigureAwait(false);
        return rows.Reminders.FirstOrDefault();
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var etag = Guid.NewGuid().ToString("N");
        return database.Writes.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO reminders (grain_id, name, grain_hash, start_ms, period_ms, etag) VALUES ($g, $n, $h, $s, $p, $e)
                ON CONFLICT (grain_id, name) DO UPDATE SET start_ms = excluded.start_ms, period_ms = excluded.period_ms, etag = excluded.etag
                """;
            command.Parameters.AddWithValue("$g", entry.GrainId.ToString());
            command.Parameters.AddWithValue("$n", entry.ReminderName);
            command.Parameters.AddWithValue("$h", (long)entry.GrainId.GetUniformHashCode());
            command.Parameters.AddWithValue("$s", new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$p", (long)entry.Period.TotalMilliseconds);
            command.Parameters.AddWithValue("$e", etag);
            command.ExecuteNonQuery();
            return (string?)etag;
        });
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        database.Writes.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM reminders WHERE grain_id = $g AND name = $n AND etag = $e";
            command.Parameters.AddWithValue("$g", grainId.ToString());
            command.Parameters.AddWithValue("$n", reminderName);
            command.Parameters.AddWithValue("$e", eTag);
            return command.ExecuteNonQuery() > 0;
        });

    public Task TestOnlyClearTable() =>
        database.Writes.WriteAsync((connection, transaction) =>
        {
            SqliteDatabase.Execute(connection, "DELETE FROM reminders", transaction);
            return true;
        });

    private Task<ReminderTableData> Query(string sql, Action<SqliteCommand> bind) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            using var reader = command.ExecuteReader();
            var entries = new List<ReminderEntry>();
            while (reader.Read())
            {
                entries.Add(new ReminderEntry
                {
                    GrainId = GrainId.Parse(reader.GetString(0)),
                    ReminderName = reader.GetString(1),
                    StartAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)).UtcDateTime,
                    Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                    ETag = reader.GetString(4),
                });
            }
            return new ReminderTableData(entries);
        });
}

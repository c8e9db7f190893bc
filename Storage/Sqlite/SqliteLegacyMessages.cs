using AkLight.Storage.Legacy;
using Microsoft.Data.Sqlite;

namespace AkLight.Storage.Sqlite;

/// <summary>
/// Moves a data folder's log from the <c>messages</c> table (one row per message, versions before record batches)
/// into <c>batches</c>, in one transaction at open, then drops the old table: a folder is either moved whole or not at all.
/// </summary>
internal static class SqliteLegacyMessages
{
    public static void MoveIntoBatches(SqliteConnection connection)
    {
        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'messages'";
            if ((long)exists.ExecuteScalar()! == 0) return;
        }
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = SqliteLogSql.InsertBatch;
        var (t, p, l, b, c, ts, d) = (insert.Parameters.Add("$t", SqliteType.Integer), insert.Parameters.Add("$p", SqliteType.Integer),
            insert.Parameters.Add("$l", SqliteType.Integer), insert.Parameters.Add("$b", SqliteType.Integer), insert.Parameters.Add("$c", SqliteType.Integer),
            insert.Parameters.Add("$ts", SqliteType.Integer), insert.Parameters.Add("$d", SqliteType.Blob));
        foreach (var moved in LegacyMessageRows.Batch(Rows(connection, transaction)))
        {
            (t.Value, p.Value, l.Value, b.Value) = (moved.TopicId, moved.Partition, moved.Batch.LastOffset, moved.Batch.BaseOffset);
            (c.Value, ts.Value, d.Value) = (moved.Batch.RecordCount, moved.Batch.TimestampMs, moved.Batch.Bytes);
            insert.ExecuteNonQuery();
        }
        SqliteDatabase.Execute(connection, "DROP TABLE messages", transaction);
        transaction.Commit();
    }

    private static IEnumerable<LegacyMessageRows.Row> Rows(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT topic_id, partition, offset, ts_ms, key, payload, headers FROM messages ORDER BY topic_id, partition, offset";
        using var reader = select.ExecuteReader();
        while (reader.Read())
            yield return new LegacyMessageRows.Row(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3),
                Blob(reader, 4), Blob(reader, 5), Blob(reader, 6));
    }

    private static byte[]? Blob(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetFieldValue<byte[]>(column);
}

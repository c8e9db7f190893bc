using Microsoft.Data.Sqlite;

namespace AkLight.Storage.Sqlite;

/// <summary>Topics in the embedded SQLite store.</summary>
public sealed class SqliteTopicCatalog(SqliteDatabase database) : ITopicCatalog
{
    private const string SelectTopic = "SELECT id, name, partitions, retention_ms, created_ms, compact FROM topics WHERE name = $n";

    public Task<StoredTopic?> GetTopicAsync(string name, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => Find(c, null, name), cancellationToken);

    public Task<StoredTopic> CreateTopicAsync(TopicName name, TopicSettings settings, DateTimeOffset createdAt, string? createdBy = null, CancellationToken cancellationToken = default) =>
        database.Writes.WriteAsync((connection, transaction) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO topics (name, first_level, partitions, retention_ms, created_ms, compact, created_by) VALUES ($n, $f, $p, $r, $c, $k, $b)
                ON CONFLICT (name) DO NOTHING
                """;
            insert.Parameters.AddWithValue("$n", name.Value);
            insert.Parameters.AddWithValue("$f", name.FirstLevel);
            insert.Parameters.AddWithValue("$p", settings.Partitions);
            insert.Parameters.AddWithValue("$r", (long)settings.Retention.TotalMilliseconds);
            insert.Parameters.AddWithValue("$c", createdAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$k", settings.Compact ? 1 : 0);
            insert.Parameters.AddWithValue("$b", (object?)createdBy ?? DBNull.Value);
            insert.ExecuteNonQuery();
            return Find(connection, transaction, name.Value)!;
        });

    public Task UpdateRetentionAsync(string name, TimeSpan retention, CancellationToken cancellationToken = default) =>
        database.Writes.WriteAsync((connection, transaction) =>
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE topics SET retention_ms = $r WHERE name = $n";
            update.Parameters.AddWithValue("$n", name);
            update.Parameters.AddWithValue("$r", (long)retention.TotalMilliseconds);
            return update.ExecuteNonQuery();
        });

    public Task DeleteTopicAsync(StoredTopic topic, CancellationToken cancellationToken = default) =>
        database.Writes.WriteAsync((connection, transaction) =>
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = """
                DELETE FROM topics WHERE id = $t AND name = $n;
                DELETE FROM batches WHERE topic_id = $t AND NOT EXISTS (SELECT 1 FROM topics WHERE id = $t);
                DELETE FROM partitions WHERE topic_id = $t AND NOT EXISTS (SELECT 1 FROM topics WHERE id = $t);
                DELETE FROM producers WHERE topic_id = $t AND NOT EXISTS (SELECT 1 FROM topics WHERE id = $t);
                """;
            delete.Parameters.AddWithValue("$t", topic.Id);
            delete.Parameters.AddWithValue("$n", topic.Info.Name);
            return delete.ExecuteNonQuery();
        });

    public Task<IReadOnlyList<string>> ListTopicsAsync(string firstLevel, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => ReadStrings(c, "SELECT name FROM topics WHERE first_level = $f", firstLevel), cancellationToken);

    public Task<long> CountTopicsAsync(string? createdBy = null, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c =>
        {
            using var count = c.CreateCommand();
            count.CommandText = createdBy is null ? "SELECT count(*) FROM topics" : "SELECT count(*) FROM topics WHERE created_by = $b";
            if (createdBy is not null) count.Parameters.AddWithValue("$b", createdBy);
            return (long)count.ExecuteScalar()!;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListFirstLevelsAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => ReadStrings(c, "SELECT DISTINCT first_level FROM topics", null), cancellationToken);

    private static IReadOnlyList<string> ReadStrings(SqliteConnection connection, string sql, string? firstLevel)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (firstLevel is not null) command.Parameters.AddWithValue("$f", firstLevel);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private static StoredTopic? Find(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectTopic;
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new StoredTopic(reader.GetInt64(0), new TopicInfo(
            reader.GetString(1),
            reader.GetInt32(2),
            TimeSpan.FromMilliseconds(reader.GetInt64(3)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            reader.GetInt64(5) != 0));
    }
}

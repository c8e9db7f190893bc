using Microsoft.Data.Sqlite;

namespace AkLight.Storage.Sqlite;

/// <summary>Committed offsets in the embedded store's <c>offset_commits</c> table (<see cref="SqliteSchema"/>).</summary>
public sealed class SqliteOffsetCommitStore(SqliteDatabase database) : IOffsetCommitStore
{
    private const string Upsert = """
        INSERT INTO offset_commits (owner, topic, partition, committed_offset) VALUES ($o, $t, $p, $c)
        ON CONFLICT (owner, topic, partition) DO UPDATE SET committed_offset = excluded.committed_offset
        """;

    private const string Remove = "DELETE FROM offset_commits WHERE owner = $o AND topic = $t AND partition = $p";

    public Task<IReadOnlyList<TopicPartitionOffset>> LoadAsync(string owner, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<TopicPartitionOffset>>(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT topic, partition, committed_offset FROM offset_commits WHERE owner = $o";
            select.Parameters.AddWithValue("$o", owner);
            using var reader = select.ExecuteReader();
            var commits = new List<TopicPartitionOffset>();
            while (reader.Read()) commits.Add(new TopicPartitionOffset(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)));
            return commits;
        }, cancellationToken);

    public Task<int> SaveAsync(string owner, IReadOnlyCollection<TopicPartitionOffset> commits, IReadOnlyCollection<TopicPartition> removed,
        CancellationToken cancellationToken = default)
    {
        if (commits.Count == 0 && removed.Count == 0) return Task.FromResult(0);
        return database.Writes.WriteAsync((connection, transaction) =>
        {
            var rows = 0;
            using (var upsert = PartitionCommand(connection, transaction, Upsert, owner))
            {
                var offset = upsert.Parameters.Add("$c", SqliteType.Integer);
                foreach (var commit in commits)
                {
                    offset.Value = commit.Offset;
                    rows += Execute(upsert, commit.TopicPartition);
                }
            }
            using (var delete = PartitionCommand(connection, transaction, Remove, owner))
                foreach (var partition in removed) rows += Execute(delete, partition);
            return rows;
        });
    }

    public Task DeleteAsync(string owner, CancellationToken cancellationToken = default) =>
        database.Writes.WriteAsync((connection, transaction) =>
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM offset_commits WHERE owner = $o";
            delete.Parameters.AddWithValue("$o", owner);
            return delete.ExecuteNonQuery();
        });

    /// <summary>A statement over one partition of <paramref name="owner"/>, prepared once and run for each partition.</summary>
    private static SqliteCommand PartitionCommand(SqliteConnection connection, SqliteTransaction transaction, string sql, string owner)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$o", owner);
        command.Parameters.Add("$t", SqliteType.Text);
        command.Parameters.Add("$p", SqliteType.Integer);
        return command;
    }

    private static int Execute(SqliteCommand command, TopicPartition partition)
    {
        command.Parameters["$t"].Value = partition.Topic;
        command.Parameters["$p"].Value = partition.Partition;
        return command.ExecuteNonQuery();
    }
}

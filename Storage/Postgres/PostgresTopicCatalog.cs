using Npgsql;

namespace AkLight.Storage.Postgres;

/// <summary>
/// Topics in PostgreSQL (<c>aklight_topics</c>, sql/05-PostgreSQL-MessageLog.sql). A name is up to 65,535 bytes,
/// more than a B-tree entry holds, so it is unique and found by its digest (<c>aklight_name_digest</c>), then compared whole.
/// </summary>
public sealed class PostgresTopicCatalog(NpgsqlDataSource dataSource, PostgresFailures failures) : ITopicCatalog
{
    private const string SelectTopic = """
        SELECT id, name, partitions, retention_ms, created_ms, compact FROM aklight_topics WHERE aklight_name_digest(name) = aklight_name_digest($1) AND name = $1
        """;

    // Returns the new row, so creating a topic is one round trip. A concurrent creator of the same name makes this
    // wait for it, then do nothing and return no row; the select that follows (a statement of its own, so a fresh
    // snapshot) sees whichever row won.
    private const string InsertTopic = """
        INSERT INTO aklight_topics (name, first_level, partitions, retention_ms, created_ms, compact, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (aklight_name_digest(name)) DO NOTHING
        RETURNING id, name, partitions, retention_ms, created_ms, compact
        """;

    private const string UpdateRetention = "UPDATE aklight_topics SET retention_ms = $2 WHERE aklight_name_digest(name) = aklight_name_digest($1) AND name = $1";

    // One statement, so one snapshot and one transaction: the topic row, then its partitions' rows and batches
    // unless a topic uses the id again (identity columns never reuse one; kept symmetric with the embedded store).
    private const string DeleteTopic = """
        WITH gone AS (DELETE FROM aklight_topics WHERE id = $1 AND name = $2),
             reused AS (SELECT 1 FROM aklight_topics WHERE id = $1 AND name <> $2),
             batches AS (DELETE FROM aklight_batches WHERE topic_id = $1 AND NOT EXISTS (SELECT 1 FROM reused)),
             producers AS (DELETE FROM aklight_producers WHERE topic_id = $1 AND NOT EXISTS (SELECT 1 FROM reused))
        DELETE FROM aklight_partitions WHERE topic_id = $1 AND NOT EXISTS (SELECT 1 FROM reused)
        """;

    private const string SelectNames = "SELECT name FROM aklight_topics WHERE first_level = $1";

    private const string SelectFirstLevels = "SELECT DISTINCT first_level FROM aklight_topics";


    public Task<StoredTopic?> GetTopicAsync(string name, CancellationToken cancellationToken = default) =>
        failures.RunAsync("read a topic", async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            return await FindAsync(connection, name, ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<StoredTopic> CreateTopicAsync(TopicName name, TopicSettings settings, DateTimeOffset createdAt, string? createdBy = null, CancellationToken cancellationToken = default) =>
        failures.RunAsync("create a topic", async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using (var insert = new NpgsqlCommand(InsertTopic, connection))
            {
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name.Value });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name.FirstLevel });
                insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = settings.Partitions });
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)settings.Retention.TotalMilliseconds });
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = createdAt.ToUnixTimeMilliseconds() });
                insert.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = settings.Compact });
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)createdBy ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                await using var reader = await insert.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (await reader.ReadAsync(ct).ConfigureAwait(false)) return ReadTopic(reader);
            }
            return await FindAsync(connection, name.Value, ct).ConfigureAwait(false)
                ?? throw new StoreUnavailableException($"topic '{name.Value}' was created but cannot be read back");
        }, cancellationToken);

    public Task UpdateRetentionAsync(string name, TimeSpan retention, CancellationToken cancellationToken = default) =>
        failures.RunAsync("update a topic's retention", async ct =>
        {
            await using var update = dataSource.CreateCommand(UpdateRetention);
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)retention.TotalMilliseconds });
            return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task DeleteTopicAsync(StoredTopic topic, CancellationToken cancellationToken = default) =>
        failures.RunAsync("delete a topic", async ct =>
        {
            await using var delete = dataSource.CreateCommand(DeleteTopic);
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topic.Id });
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = topic.Info.Name });
            return await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListTopicsAsync(string firstLevel, CancellationToken cancellationToken = default) =>
        failures.RunAsync("list topics", ct => ReadStringsAsync(SelectNames, firstLevel, ct), cancellationToken);

    public Task<long> CountTopicsAsync(string? createdBy = null, CancellationToken cancellationToken = default) =>
        failures.RunAsync("count topics", async ct =>
        {
            await using var count = dataSource.CreateCommand(createdBy is null
                ? "SELECT count(*) FROM aklight_topics"
                : "SELECT count(*) FROM aklight_topics WHERE created_by = $1");
            if (createdBy is not null) count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = createdBy });
            return (long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListFirstLevelsAsync(CancellationToken cancellationToken = default) =>
        failures.RunAsync("list first levels", ct => ReadStringsAsync(SelectFirstLevels, null, ct), cancellationToken);

    private async Task<IReadOnlyList<string>> ReadStringsAsync(string sql, string? firstLevel, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (firstLevel is not null) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = firstLevel });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var names = new List<string>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task<StoredTopic?> FindAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(SelectTopic, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadTopic(reader) : null;
    }

    /// <summary>A row of <c>id, name, partitions, retention_ms, created_ms, compact</c>.</summary>
    private static StoredTopic ReadTopic(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), new TopicInfo(
            reader.GetString(1),
            reader.GetInt32(2),
            TimeSpan.FromMilliseconds(reader.GetInt64(3)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            reader.GetBoolean(5)));
}

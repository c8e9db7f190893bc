using AkLight.Storage.Legacy;
using Npgsql;
using NpgsqlTypes;

namespace AkLight.Storage.Postgres;

/// <summary>
/// Moves a database's log from <c>aklight_messages</c> (one row per message, versions before record batches) into
/// <c>aklight_batches</c> when a silo starts, before it joins the cluster (sql/07-PostgreSQL-RecordBatches.sql says
/// why this is not SQL: a batch carries a CRC-32C). A session advisory lock lets one silo move while the others wait;
/// each chunk of a partition moves in its own transaction (rows inserted as batches, then deleted), so a silo that
/// dies half-way leaves nothing twice and the next start goes on. The empty table is dropped at the end.
/// </summary>
public sealed class PostgresLegacyMessages(NpgsqlDataSource dataSource) : ILifecycleParticipant<ISiloLifecycle>
{
    private const long LockKey = 7275683412007;
    private const int RowsPerChunk = 10_000;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresLegacyMessages), ServiceLifecycleStage.RuntimeInitialize, MoveIntoBatchesAsync);

    /// <summary>Moves every legacy row; returns the number of batches written (0 when there was nothing to move).</summary>
    public async Task<int> MoveIntoBatchesAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        if (!await LegacyTableExistsAsync(connection, ct).ConfigureAwait(false)) return 0;
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", ct).ConfigureAwait(false);
        try
        {
            var moved = 0;
            // Checked again under the lock: another silo may have moved everything while this one waited.
            if (!await LegacyTableExistsAsync(connection, ct).ConfigureAwait(false)) return 0;
            foreach (var (topicId, partition) in await LegacyPartitionsAsync(connection, ct).ConfigureAwait(false))
                while (await MoveChunkAsync(connection, topicId, partition, ct).ConfigureAwait(false) is var batches and > 0) moved += batches;
            await ExecuteAsync(connection, "DROP TABLE aklight_messages", ct).ConfigureAwait(false);
            return moved;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<bool> LegacyTableExistsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass('aklight_messages') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private static async Task<List<(long, int)>> LegacyPartitionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT DISTINCT topic_id, partition FROM aklight_messages ORDER BY 1, 2", connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var partitions = new List<(long, int)>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) partitions.Add((reader.GetInt64(0), reader.GetInt32(1)));
        return partitions;
    }

    /// <summary>Moves the oldest rows of one partition; returns the batches written (0 when none was left).</summary>
    private static async Task<int> MoveChunkAsync(NpgsqlConnection connection, long topicId, int partition, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var rows = new List<LegacyMessageRows.Row>();
        await using (var select = new NpgsqlCommand("""
            SELECT "offset", ts_ms, key, payload, headers FROM aklight_messages
            WHERE topic_id = $1 AND partition = $2 ORDER BY "offset" LIMIT $3
            """, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = RowsPerChunk });
            await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                rows.Add(new LegacyMessageRows.Row(topicId, partition, reader.GetInt64(0), reader.GetInt64(1), Blob(reader, 2), Blob(reader, 3), Blob(reader, 4)));
        }
        if (rows.Count == 0) return 0;
        var batches = LegacyMessageRows.Batch(rows).Select(m => m.Batch).ToList();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var insert = new NpgsqlBatchCommand(PostgresLogSql.InsertBatches);
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = batches.Select(_ => topicId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = batches.Select(_ => partition).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = batches.Select(b => b.LastOffset).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = batches.Select(b => b.BaseOffset).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = batches.Select(b => b.RecordCount).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = batches.Select(b => b.TimestampMs).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = batches.Select(b => b.Bytes).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        batch.BatchCommands.Add(insert);
        var delete = new NpgsqlBatchCommand("""DELETE FROM aklight_messages WHERE topic_id = $1 AND partition = $2 AND "offset" <= $3""");
        delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
        delete.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = rows[^1].Offset });
        batch.BatchCommands.Add(delete);
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return batches.Count;
    }

    private static byte[]? Blob(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetFieldValue<byte[]>(column);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}

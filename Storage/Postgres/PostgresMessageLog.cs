using AkLight.Records;
using Npgsql;
using NpgsqlTypes;

namespace AkLight.Storage.Postgres;

/// <summary>
/// Partition logs in PostgreSQL (sql/05-PostgreSQL-MessageLog.sql, sql/07-PostgreSQL-RecordBatches.sql): one row per
/// record batch, bounds in
/// <c>aklight_partitions</c>. Appends go through <see cref="PostgresAppendQueue"/>: a transaction locks the
/// partitions' rows, checks that each append starts at its stored log end, inserts the rows and moves the
/// ends, so two silos that both think they own a partition cannot fork its log: the second is refused.
/// </summary>
public sealed class PostgresMessageLog(NpgsqlDataSource dataSource, PostgresFailures failures, PostgresAppendQueue appends) : IMessageLog
{
    public Task AppendAsync(long topicId, int partition, IReadOnlyList<RecordBatch> batches, IReadOnlyList<ProducerState>? producers = null,
        CancellationToken cancellationToken = default) =>
        batches.Count == 0 ? Task.CompletedTask : appends.AppendAsync(topicId, partition, batches, producers ?? []);

    public Task<PartitionStart> LoadPartitionAsync(long topicId, int partition, int maxProducers, CancellationToken cancellationToken = default) =>
        failures.RunAsync("load a partition", async ct =>
        {
            // Three statements, one round trip (a batch runs in one implicit transaction).
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(PartitionStatement(PostgresLogSql.SelectBounds, topicId, partition));
            batch.BatchCommands.Add(PartitionStatement(PostgresLogSql.SelectProducers, topicId, partition, maxProducers));
            batch.BatchCommands.Add(PartitionStatement(PostgresLogSql.SelectLastTimestamp, topicId, partition));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var bounds = await reader.ReadAsync(ct).ConfigureAwait(false) ? new LogBounds(reader.GetInt64(0), reader.GetInt64(1)) : new LogBounds(0, 0);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var producers = await ReadProducersAsync(reader, ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            long? lastTimestampMs = await reader.ReadAsync(ct).ConfigureAwait(false) ? reader.GetInt64(0) : null;
            return new PartitionStart(bounds, producers, lastTimestampMs);
        }, cancellationToken);

    /// <summary>Producer rows, newest first as selected, returned oldest first.</summary>
    private static async Task<IReadOnlyList<ProducerState>> ReadProducersAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var producers = new List<ProducerState>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            producers.Add(new ProducerState(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2)));
        producers.Reverse();
        return producers;
    }

    /// <summary>A batch statement about one partition: <c>$1</c> the topic, <c>$2</c> the partition, then <paramref name="more"/>.</summary>
    private static NpgsqlBatchCommand PartitionStatement(string sql, long topicId, int partition, params int[] more)
    {
        var statement = new NpgsqlBatchCommand(sql);
        statement.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
        statement.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        foreach (var value in more) statement.Parameters.Add(new NpgsqlParameter<int> { TypedValue = value });
        return statement;
    }

    public Task TrimProducersAsync(long topicId, int partition, int keep, CancellationToken cancellationToken = default) =>
        failures.RunAsync("trim producer sequences", async ct =>
        {
            await using var command = dataSource.CreateCommand(PostgresLogSql.TrimProducers);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = keep });
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<RecordBatch>> ReadAsync(long topicId, int partition, long fromOffset, int maxCount, int maxBytes, CancellationToken cancellationToken = default) =>
        failures.RunAsync<IReadOnlyList<RecordBatch>>("read messages", async ct =>
        {
            await using var command = dataSource.CreateCommand(PostgresLogSql.SelectBatches);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromOffset });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(1, maxCount) });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var read = new CappedBatches(fromOffset, maxCount, maxBytes);
            while (await reader.ReadAsync(ct).ConfigureAwait(false) && read.TryTake(reader.GetFieldValue<byte[]>(0))) { }
            return read.Batches;
        }, cancellationToken);

    public Task<long?> GetOffsetForTimeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default) =>
        failures.RunAsync("look up an offset by time", async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            var bounds = await ReadBoundsAsync(connection, PostgresLogSql.SelectBounds, topicId, partition, ct).ConfigureAwait(false) ?? new LogBounds(0, 0);
            return await FirstOffsetAtOrAfterAsync(connection, topicId, partition, bounds, timestampMs, ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<LogBounds> DeleteBeforeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default) =>
        failures.RunAsync("delete expired messages", async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var bounds = await LockBoundsAsync(connection, topicId, partition, ct).ConfigureAwait(false);
            var keepFrom = await FirstOffsetAtOrAfterAsync(connection, topicId, partition, bounds, timestampMs, ct).ConfigureAwait(false) ?? bounds.EndOffset;
            if (keepFrom <= bounds.StartOffset) return bounds;
            var moved = bounds with { StartOffset = keepFrom };
            await using var batch = new NpgsqlBatch(connection);
            var delete = new NpgsqlBatchCommand(PostgresLogSql.DeleteBatchesBefore);
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
            delete.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = keepFrom });
            batch.BatchCommands.Add(delete);
            batch.BatchCommands.Add(BoundsCommand(topicId, partition, moved));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return moved;
        }, cancellationToken);

    public Task<LogBounds> CompactBeforeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default) =>
        failures.RunAsync("compact old messages", async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var bounds = await LockBoundsAsync(connection, topicId, partition, ct).ConfigureAwait(false);
            var before = await FirstOffsetAtOrAfterAsync(connection, topicId, partition, bounds, timestampMs, ct).ConfigureAwait(false) ?? bounds.EndOffset;
            var batches = new List<RecordBatch>();
            await using (var all = new NpgsqlCommand(PostgresLogSql.SelectAllBatches, connection))
            {
                all.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
                all.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
                await using var reader = await all.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false)) batches.Add(new RecordBatch(reader.GetFieldValue<byte[]>(0)));
            }
            var compaction = BatchCompaction.Compact(batches, before);
            if (compaction.Rewritten.Count == 0 && compaction.Deleted.Count == 0) return bounds;
            var compacted = bounds with { StartOffset = Math.Max(bounds.StartOffset, compaction.FirstOffset ?? bounds.EndOffset) };
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(DeleteBatchesCommand(topicId, partition, compaction.Deleted));
            batch.BatchCommands.Add(UpdateBatchesCommand(topicId, partition, compaction.Rewritten));
            batch.BatchCommands.Add(BoundsCommand(topicId, partition, compacted));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return compacted;
        }, cancellationToken);

    /// <summary>The partition's bounds, its row locked until commit; the row is created (0, 0) when missing.</summary>
    private static async Task<LogBounds> LockBoundsAsync(NpgsqlConnection connection, long topicId, int partition, CancellationToken ct)
    {
        if (await ReadBoundsAsync(connection, PostgresLogSql.LockBounds, topicId, partition, ct).ConfigureAwait(false) is { } bounds) return bounds;
        // First write to this partition. A concurrent first writer makes this insert wait, then do nothing.
        await using (var insert = new NpgsqlCommand(PostgresLogSql.InsertMissingPartition, connection))
        {
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        return await ReadBoundsAsync(connection, PostgresLogSql.LockBounds, topicId, partition, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the row of topic {topicId} partition {partition} vanished after it was inserted");
    }

    private static async Task<LogBounds?> ReadBoundsAsync(NpgsqlConnection connection, string sql, long topicId, int partition, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? new LogBounds(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    private static async Task<long?> FirstOffsetAtOrAfterAsync(NpgsqlConnection connection, long topicId, int partition, LogBounds bounds, long timestampMs, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(PostgresLogSql.SelectBatchAtOrAfter, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        var from = new NpgsqlParameter<long>();
        command.Parameters.Add(from);
        return await OffsetForTime.SearchAsync(bounds.StartOffset, bounds.EndOffset, timestampMs, async offset =>
        {
            from.TypedValue = offset;
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            // Every record of a batch has its timestamp: the batch answers for the offset asked as for its first.
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? (Math.Max(offset, reader.GetInt64(0)), reader.GetInt64(1)) : null;
        }).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand DeleteBatchesCommand(long topicId, int partition, IReadOnlyList<long> lastOffsets)
    {
        var command = new NpgsqlBatchCommand(PostgresLogSql.DeleteBatches);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. lastOffsets] });
        return command;
    }

    private static NpgsqlBatchCommand UpdateBatchesCommand(long topicId, int partition, IReadOnlyList<RecordBatch> batches)
    {
        var command = new NpgsqlBatchCommand(PostgresLogSql.UpdateBatches);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = batches.Select(b => b.LastOffset).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = batches.Select(b => b.RecordCount).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = batches.Select(b => b.Bytes).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        return command;
    }

    private static NpgsqlBatchCommand BoundsCommand(long topicId, int partition, LogBounds bounds)
    {
        var command = new NpgsqlBatchCommand(PostgresLogSql.UpdateBounds);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = topicId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = bounds.StartOffset });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = bounds.EndOffset });
        return command;
    }
}

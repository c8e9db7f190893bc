using AkLight.Records;
using Microsoft.Data.Sqlite;

namespace AkLight.Storage.Sqlite;

/// <summary>Partition logs in the embedded SQLite store: one row per record batch.</summary>
public sealed class SqliteMessageLog(SqliteDatabase database) : IMessageLog
{
    private SqliteAppendStatements? _statements; // touched only by the single writer

    public Task AppendAsync(long topicId, int partition, IReadOnlyList<RecordBatch> batches, IReadOnlyList<ProducerState>? producers = null,
        CancellationToken cancellationToken = default)
    {
        if (batches.Count == 0) return Task.CompletedTask;
        var end = AppendedBatches.EndAfter(batches);
        return database.Writes.WriteAsync((connection, transaction) =>
        {
            var statements = StatementsFor(connection);
            // The grain assigns offsets; a log that does not end where the batch starts means another writer
            // got there first. Refuse rather than fork the log.
            if (!statements.TryAdvance(topicId, partition, batches[0].BaseOffset, end))
                throw AppendedBatches.Refused(topicId, partition, batches[0].BaseOffset, end, ReadBounds(connection, transaction, topicId, partition).EndOffset);
            statements.Insert(topicId, partition, batches);
            if (producers is { Count: > 0 }) statements.RecordProducers(topicId, partition, producers);
            return true;
        });
    }

    public Task<PartitionStart> LoadPartitionAsync(long topicId, int partition, int maxProducers, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true); // one snapshot for all three
            var bounds = ReadBounds(connection, transaction, topicId, partition);
            var producers = ReadProducers(connection, transaction, topicId, partition, maxProducers);
            using var last = PartitionCommand(connection, transaction, SqliteLogSql.SelectLastTimestamp, topicId, partition);
            return new PartitionStart(bounds, producers, last.ExecuteScalar() is long timestampMs ? timestampMs : null);
        }, cancellationToken);

    private static IReadOnlyList<ProducerState> ReadProducers(SqliteConnection connection, SqliteTransaction? transaction, long topicId, int partition, int max)
    {
        using var command = PartitionCommand(connection, transaction, SqliteLogSql.SelectProducers, topicId, partition);
        command.Parameters.AddWithValue("$n", max);
        using var reader = command.ExecuteReader();
        var producers = new List<ProducerState>();
        while (reader.Read()) producers.Add(new ProducerState(new Guid((byte[])reader[0]), reader.GetInt64(1), reader.GetInt64(2)));
        producers.Reverse();
        return producers;
    }

    public Task TrimProducersAsync(long topicId, int partition, int keep, CancellationToken cancellationToken = default) =>
        database.Writes.WriteAsync((connection, transaction) =>
        {
            using var command = PartitionCommand(connection, transaction, SqliteLogSql.TrimProducers, topicId, partition);
            command.Parameters.AddWithValue("$n", keep);
            return command.ExecuteNonQuery();
        });

    /// <summary>The writer's prepared statements; the writer keeps one connection, so they are made once.</summary>
    private SqliteAppendStatements StatementsFor(SqliteConnection connection)
    {
        if (_statements?.Connection != connection)
        {
            _statements?.Dispose();
            _statements = new SqliteAppendStatements(connection);
        }
        return _statements;
    }

    public Task<IReadOnlyList<RecordBatch>> ReadAsync(long topicId, int partition, long fromOffset, int maxCount, int maxBytes, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<RecordBatch>>(connection =>
        {
            using var command = PartitionCommand(connection, null, SqliteLogSql.SelectBatches, topicId, partition);
            command.Parameters.AddWithValue("$o", fromOffset);
            command.Parameters.AddWithValue("$n", Math.Max(1, maxCount));
            using var reader = command.ExecuteReader();
            var read = new CappedBatches(fromOffset, maxCount, maxBytes);
            while (reader.Read() && read.TryTake(reader.GetFieldValue<byte[]>(0))) { }
            return read.Batches;
        }, cancellationToken);

    public Task<long?> GetOffsetForTimeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true); // one snapshot for the bounds and the search
            return FirstOffsetAtOrAfter(connection, transaction, topicId, partition, ReadBounds(connection, transaction, topicId, partition), timestampMs);
        }, cancellationToken);

    public Task<LogBounds> DeleteBeforeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default) =>
        database.Writes.WriteAsync((connection, transaction) =>
        {
            var bounds = ReadBounds(connection, transaction, topicId, partition);
            var keepFrom = FirstOffsetAtOrAfter(connection, transaction, topicId, partition, bounds, timestampMs) ?? bounds.EndOffset;
            if (keepFrom <= bounds.StartOffset) return bounds;
            using var delete = PartitionCommand(connection, transaction, SqliteLogSql.DeleteBatchesBefore, topicId, partition);
            delete.Parameters.AddWithValue("$o", keepFrom);
            delete.ExecuteNonQuery();
            var moved = bounds with { StartOffset = keepFrom };
            WriteBounds(connection, transaction, topicId, partition, moved);
            return moved;
        });

    public Task<LogBounds> CompactBeforeAsync(long topicId, int partition, long timestampMs, CancellationToken cancellationToken = default) =>
        database.Writes.WriteAsync((connection, transaction) =>
        {
            var bounds = ReadBounds(connection, transaction, topicId, partition);
            var before = FirstOffsetAtOrAfter(connection, transaction, topicId, partition, bounds, timestampMs) ?? bounds.EndOffset;
            var batches = new List<RecordBatch>();
            using (var all = PartitionCommand(connection, transaction, SqliteLogSql.SelectAllBatches, topicId, partition))
            using (var reader = all.ExecuteReader())
                while (reader.Read()) batches.Add(new RecordBatch(reader.GetFieldValue<byte[]>(0)));
            var compaction = BatchCompaction.Compact(batches, before);
            if (compaction.Rewritten.Count == 0 && compaction.Deleted.Count == 0) return bounds;
            using (var delete = PartitionCommand(connection, transaction, SqliteLogSql.DeleteBatch, topicId, partition))
            {
                var last = delete.Parameters.Add("$l", SqliteType.Integer);
                foreach (var offset in compaction.Deleted)
                {
                    last.Value = offset;
                    delete.ExecuteNonQuery();
                }
            }
            using (var update = PartitionCommand(connection, transaction, SqliteLogSql.UpdateBatch, topicId, partition))
            {
                var last = update.Parameters.Add("$l", SqliteType.Integer);
                var count = update.Parameters.Add("$c", SqliteType.Integer);
                var data = update.Parameters.Add("$d", SqliteType.Blob);
                foreach (var batch in compaction.Rewritten)
                {
                    (last.Value, count.Value, data.Value) = (batch.LastOffset, batch.RecordCount, batch.Bytes);
                    update.ExecuteNonQuery();
                }
            }
            var compacted = bounds with { StartOffset = Math.Max(bounds.StartOffset, compaction.FirstOffset ?? bounds.EndOffset) };
            WriteBounds(connection, transaction, topicId, partition, compacted);
            return compacted;
        });

    private static long? FirstOffsetAtOrAfter(SqliteConnection connection, SqliteTransaction? transaction, long topicId, int partition, LogBounds bounds, long timestampMs)
    {
        using var command = PartitionCommand(connection, transaction, SqliteLogSql.SelectBatchAtOrAfter, topicId, partition);
        var from = command.Parameters.Add("$o", SqliteType.Integer);
        // Synchronous probes: the ValueTasks complete at once, so waiting on them blocks nothing.
        return OffsetForTime.SearchAsync(bounds.StartOffset, bounds.EndOffset, timestampMs, offset =>
        {
            from.Value = offset;
            using var reader = command.ExecuteReader();
            // Every record of a batch has its timestamp: the batch answers for the offset asked as for its first.
            return ValueTask.FromResult<(long, long)?>(reader.Read() ? (Math.Max(offset, reader.GetInt64(0)), reader.GetInt64(1)) : null);
        }).AsTask().GetAwaiter().GetResult();
    }

    private static LogBounds ReadBounds(SqliteConnection connection, SqliteTransaction? transaction, long topicId, int partition)
    {
        using var command = PartitionCommand(connection, transaction, SqliteLogSql.SelectBounds, topicId, partition);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new LogBounds(reader.GetInt64(0), reader.GetInt64(1)) : new LogBounds(0, 0);
    }

    private static void WriteBounds(SqliteConnection connection, SqliteTransaction transaction, long topicId, int partition, LogBounds bounds)
    {
        using var command = PartitionCommand(connection, transaction, SqliteLogSql.UpsertBounds, topicId, partition);
        command.Parameters.AddWithValue("$s", bounds.StartOffset);
        command.Parameters.AddWithValue("$e", bounds.EndOffset);
        command.ExecuteNonQuery();
    }

    /// <summary>A statement about one partition, with <c>$t</c> and <c>$p</c> bound, in <paramref name="transaction"/> when there is one.</summary>
    private static SqliteCommand PartitionCommand(SqliteConnection connection, SqliteTransaction? transaction, string sql, long topicId, int partition)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$t", topicId);
        command.Parameters.AddWithValue("$p", partition);
        return command;
    }
}

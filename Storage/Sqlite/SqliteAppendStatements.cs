using Microsoft.Data.Sqlite;

namespace AkLight.Storage.Sqlite;

/// <summary>
/// The append path's statements, prepared once for the writer's connection: an append is the hot path,
/// and preparing its statements for every batch cost about a quarter of the writer's time.
/// Used only by the single writer, so never concurrently.
/// </summary>
internal sealed class SqliteAppendStatements : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _advance;
    private readonly SqliteCommand _first;
    private readonly SqliteCommand _producer;

    public SqliteAppendStatements(SqliteConnection connection)
    {
        Connection = connection;
        _insert = Prepare(connection, SqliteLogSql.InsertMessage,
            ("$t", SqliteType.Integer), ("$p", SqliteType.Integer), ("$o", SqliteType.Integer), ("$ts", SqliteType.Integer),
            ("$k", SqliteType.Blob), ("$v", SqliteType.Blob), ("$h", SqliteType.Blob));
        _advance = Prepare(connection, SqliteLogSql.AdvanceEnd,
            ("$end", SqliteType.Integer), ("$t", SqliteType.Integer), ("$p", SqliteType.Integer), ("$expected", SqliteType.Integer));
        _first = Prepare(connection, SqliteLogSql.InsertFirstPartition,
            ("$t", SqliteType.Integer), ("$p", SqliteType.Integer), ("$end", SqliteType.Integer));
        _producer = Prepare(connection, SqliteLogSql.UpsertProducer,
            ("$t", SqliteType.Integer), ("$p", SqliteType.Integer), ("$id", SqliteType.Blob), ("$s", SqliteType.Integer), ("$o", SqliteType.Integer));
    }

    public SqliteConnection Connection { get; }

    /// <summary>Moves the log end from <paramref name="expected"/> to <paramref name="end"/>; false when the log does not end there.</summary>
    public bool TryAdvance(SqliteTransaction transaction, long topicId, int partition, long expected, long end)
    {
        if (Run(_advance, transaction, end, topicId, partition, expected) == 1) return true;
        // No row yet: only an append at offset 0 may create it.
        return expected == 0 && Run(_first, transaction, topicId, partition, end) == 1;
    }

    public void Insert(SqliteTransaction transaction, long topicId, int partition, IReadOnlyList<LogRecord> records)
    {
        _insert.Transaction = transaction;
        var p = _insert.Parameters;
        p[0].Value = topicId;
        p[1].Value = partition;
        foreach (var record in records)
        {
            p[2].Value = record.Offset;
            p[3].Value = record.TimestampMs;
            p[4].Value = (object?)record.Key ?? DBNull.Value;
            p[5].Value = (object?)record.Payload ?? DBNull.Value;
            p[6].Value = (object?)record.Headers ?? DBNull.Value;
            _insert.ExecuteNonQuery();
        }
    }

    /// <summary>Replaces each producer's row for the partition with its batch in this append.</summary>
    public void RecordProducers(SqliteTransaction transaction, long topicId, int partition, IReadOnlyList<ProducerState> producers)
    {
        foreach (var producer in producers)
            Run(_producer, transaction, topicId, partition, producer.ProducerId.ToByteArray(), producer.Sequence, producer.BaseOffset);
    }

    private static int Run(SqliteCommand command, SqliteTransaction transaction, params object[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters) command.Parameters.Add(name, type);
        return command;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _advance.Dispose();
        _first.Dispose();
        _producer.Dispose();
    }
}

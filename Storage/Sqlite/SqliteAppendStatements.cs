using Microsoft.Data.Sqlite;
using AkLight.Records;
using SQLitePCL;

namespace AkLight.Storage.Sqlite;

/// <summary>
/// The append path's statements, prepared once for the writer's connection and run through SQLite's own
/// bind/step/reset calls: an append is the hot path, and Microsoft.Data.Sqlite's command re-enumerates its
/// statements and allocates a binder and a boxed value per parameter on every execution — per batch, several
/// hundred bytes that the garbage collector then has to chase. Used only by the single writer, inside the
/// transaction it has begun on the same connection, so never concurrently.
/// </summary>
internal sealed class SqliteAppendStatements : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _insert;   // $t $p $l $b $c $ts $d
    private readonly sqlite3_stmt _advance;  // $end $t $p $expected
    private readonly sqlite3_stmt _first;    // $t $p $end
    private readonly sqlite3_stmt _producer; // $t $p $id $s $o

    public SqliteAppendStatements(SqliteConnection connection)
    {
        Connection = connection;
        _db = connection.Handle!;
        _insert = Prepare(SqliteLogSql.InsertBatch);
        _advance = Prepare(SqliteLogSql.AdvanceEnd);
        _first = Prepare(SqliteLogSql.InsertFirstPartition);
        _producer = Prepare(SqliteLogSql.UpsertProducer);
    }

    public SqliteConnection Connection { get; }

    /// <summary>Moves the log end from <paramref name="expected"/> to <paramref name="end"/>; false when the log does not end there.</summary>
    public bool TryAdvance(long topicId, int partition, long expected, long end)
    {
        Bind(_advance, 1, end);
        Bind(_advance, 2, topicId);
        Bind(_advance, 3, partition);
        Bind(_advance, 4, expected);
        if (Run(_advance) == 1) return true;
        // No row yet: only an append at offset 0 may create it.
        if (expected != 0) return false;
        Bind(_first, 1, topicId);
        Bind(_first, 2, partition);
        Bind(_first, 3, end);
        return Run(_first) == 1;
    }

    public void Insert(long topicId, int partition, IReadOnlyList<RecordBatch> batches)
    {
        Bind(_insert, 1, topicId);
        Bind(_insert, 2, partition);
        foreach (var batch in batches)
        {
            Bind(_insert, 3, batch.LastOffset);
            Bind(_insert, 4, batch.BaseOffset);
            Bind(_insert, 5, batch.RecordCount);
            Bind(_insert, 6, batch.TimestampMs);
            Check(raw.sqlite3_bind_blob(_insert, 7, batch.Bytes));
            Run(_insert);
        }
    }

    /// <summary>Replaces each producer's row for the partition with its batch in this append.</summary>
    public void RecordProducers(long topicId, int partition, IReadOnlyList<ProducerState> producers)
    {
        Span<byte> id = stackalloc byte[16];
        foreach (var producer in producers)
        {
            producer.ProducerId.TryWriteBytes(id);
            Bind(_producer, 1, topicId);
            Bind(_producer, 2, partition);
            Check(raw.sqlite3_bind_blob(_producer, 3, id));
            Bind(_producer, 4, producer.Sequence);
            Bind(_producer, 5, producer.BaseOffset);
            Run(_producer);
        }
    }

    private void Bind(sqlite3_stmt statement, int index, long value) => Check(raw.sqlite3_bind_int64(statement, index, value));

    /// <summary>Runs a statement that returns no rows; the number of rows it changed.</summary>
    private int Run(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
        return raw.sqlite3_changes(_db);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        return statement;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _advance.Dispose();
        _first.Dispose();
        _producer.Dispose();
    }
}

namespace AkLight.Storage.Sqlite;

/// <summary>
/// The message log's statements over the embedded store's <c>partitions</c>, <c>batches</c> and <c>producers</c>
/// tables (<see cref="SqliteSchema"/>), kept in one place so a schema change is one file's edit.
/// </summary>
internal static class SqliteLogSql
{
    public const string SelectProducers = """
        SELECT producer_id, sequence, base_offset FROM producers WHERE topic_id = $t AND partition = $p
        ORDER BY base_offset DESC LIMIT $n
        """;

    public const string TrimProducers = """
        DELETE FROM producers WHERE topic_id = $t AND partition = $p AND producer_id NOT IN (
            SELECT producer_id FROM producers WHERE topic_id = $t AND partition = $p ORDER BY base_offset DESC LIMIT $n)
        """;

    // The batch holding the offset and those after it: each batch has a record at least, so $n batches hold $n offsets.
    public const string SelectBatches = """
        SELECT data FROM batches
        WHERE topic_id = $t AND partition = $p AND last_offset >= $o
        ORDER BY last_offset LIMIT $n
        """;

    public const string SelectAllBatches = "SELECT data FROM batches WHERE topic_id = $t AND partition = $p ORDER BY last_offset";

    // Retention keeps from a batch's base offset: every batch before it ends before it.
    public const string DeleteBatchesBefore = "DELETE FROM batches WHERE topic_id = $t AND partition = $p AND last_offset < $o";

    public const string DeleteBatch = "DELETE FROM batches WHERE topic_id = $t AND partition = $p AND last_offset = $l";

    public const string UpdateBatch = "UPDATE batches SET record_count = $c, data = $d WHERE topic_id = $t AND partition = $p AND last_offset = $l";

    // One probe of the time search (OffsetForTime): the batch holding an offset, or the first after it.
    public const string SelectBatchAtOrAfter = """
        SELECT base_offset, ts_ms FROM batches
        WHERE topic_id = $t AND partition = $p AND last_offset >= $o
        ORDER BY last_offset LIMIT 1
        """;

    public const string SelectLastTimestamp = "SELECT ts_ms FROM batches WHERE topic_id = $t AND partition = $p ORDER BY last_offset DESC LIMIT 1";

    public const string SelectBounds = "SELECT log_start, log_end FROM partitions WHERE topic_id = $t AND partition = $p";

    public const string UpsertBounds = """
        INSERT INTO partitions (topic_id, partition, log_start, log_end) VALUES ($t, $p, $s, $e)
        ON CONFLICT (topic_id, partition) DO UPDATE SET log_start = excluded.log_start, log_end = excluded.log_end
        """;

    public const string InsertBatch = """
        INSERT INTO batches (topic_id, partition, last_offset, base_offset, record_count, ts_ms, data)
        VALUES ($t, $p, $l, $b, $c, $ts, $d)
        """;

    // Moves the log end only if it is where the appender expects it: the check and the move in one statement.
    public const string AdvanceEnd = "UPDATE partitions SET log_end = $end WHERE topic_id = $t AND partition = $p AND log_end = $expected";

    public const string InsertFirstPartition = "INSERT INTO partitions (topic_id, partition, log_start, log_end) VALUES ($t, $p, 0, $end) ON CONFLICT (topic_id, partition) DO NOTHING";

    public const string UpsertProducer = """
        INSERT INTO producers (topic_id, partition, producer_id, sequence, base_offset) VALUES ($t, $p, $id, $s, $o)
        ON CONFLICT (topic_id, partition, producer_id) DO UPDATE SET sequence = excluded.sequence, base_offset = excluded.base_offset
        """;
}

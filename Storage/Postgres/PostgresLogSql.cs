namespace AkLight.Storage.Postgres;

/// <summary>
/// The message log's statements over <c>aklight_partitions</c>, <c>aklight_batches</c> and <c>aklight_producers</c>
/// (sql/05-PostgreSQL-MessageLog.sql, sql/07-PostgreSQL-RecordBatches.sql), kept in one place so a schema change is one file's edit.
/// </summary>
internal static class PostgresLogSql
{
    public const string SelectBounds = """
        SELECT log_start, log_end FROM aklight_partitions
        WHERE topic_id = $1 AND partition = $2
        """;

    // Locks the row until commit: appends and retention deletes of one partition take turns.
    public const string LockBounds = SelectBounds + " FOR UPDATE";

    public const string InsertMissingPartition = """
        INSERT INTO aklight_partitions (topic_id, partition, log_start, log_end) VALUES ($1, $2, 0, 0)
        ON CONFLICT (topic_id, partition) DO NOTHING
        """;

    public const string UpdateBounds = """
        UPDATE aklight_partitions SET log_start = $3, log_end = $4
        WHERE topic_id = $1 AND partition = $2
        """;

    // The batch holding the offset and those after it: each batch has a record at least, so $4 batches hold $4 offsets.
    public const string SelectBatches = """
        SELECT data FROM aklight_batches
        WHERE topic_id = $1 AND partition = $2 AND last_offset >= $3
        ORDER BY last_offset LIMIT $4
        """;

    // One probe of the time search (OffsetForTime): the batch holding an offset, or the first after it.
    public const string SelectBatchAtOrAfter = """
        SELECT base_offset, ts_ms FROM aklight_batches
        WHERE topic_id = $1 AND partition = $2 AND last_offset >= $3
        ORDER BY last_offset LIMIT 1
        """;

    // Retention keeps from a batch's base offset: every batch before it ends before it.
    public const string DeleteBatchesBefore = """
        DELETE FROM aklight_batches
        WHERE topic_id = $1 AND partition = $2 AND last_offset < $3
        """;

    public const string SelectProducers = """
        SELECT producer_id, sequence, base_offset FROM aklight_producers
        WHERE topic_id = $1 AND partition = $2 ORDER BY base_offset DESC LIMIT $3
        """;

    public const string SelectLastTimestamp = """
        SELECT ts_ms FROM aklight_batches WHERE topic_id = $1 AND partition = $2 ORDER BY last_offset DESC LIMIT 1
        """;

    public const string TrimProducers = """
        DELETE FROM aklight_producers WHERE topic_id = $1 AND partition = $2 AND producer_id NOT IN (
            SELECT producer_id FROM aklight_producers WHERE topic_id = $1 AND partition = $2 ORDER BY base_offset DESC LIMIT $3)
        """;

    // Compaction (BatchCompaction) reads its partition whole, then deletes and rewrites batches by their last offset.
    public const string SelectAllBatches = "SELECT data FROM aklight_batches WHERE topic_id = $1 AND partition = $2 ORDER BY last_offset";

    public const string DeleteBatches = """
        DELETE FROM aklight_batches WHERE topic_id = $1 AND partition = $2 AND last_offset = ANY ($3::bigint[])
        """;

    public const string UpdateBatches = """
        UPDATE aklight_batches AS b SET record_count = n.c, data = n.d
        FROM unnest($3::bigint[], $4::integer[], $5::bytea[]) AS n (l, c, d)
        WHERE b.topic_id = $1 AND b.partition = $2 AND b.last_offset = n.l
        """;

    // The append queue's group commit (PostgresAppendQueue).
    public const string InsertMissingPartitions = """
        INSERT INTO aklight_partitions (topic_id, partition, log_start, log_end)
        SELECT t, p, 0, 0 FROM unnest($1::bigint[], $2::integer[]) AS n (t, p)
        ON CONFLICT (topic_id, partition) DO NOTHING
        """;

    // Rows are locked in key order, so two silos appending to the same partitions cannot deadlock.
    public const string LockPartitions = """
        SELECT a.topic_id, a.partition, a.log_end
        FROM aklight_partitions AS a
        JOIN unnest($1::bigint[], $2::integer[]) AS n (t, p) ON a.topic_id = n.t AND a.partition = n.p
        ORDER BY a.topic_id, a.partition
        FOR UPDATE OF a
        """;

    public const string InsertBatches = """
        INSERT INTO aklight_batches (topic_id, partition, last_offset, base_offset, record_count, ts_ms, data)
        SELECT * FROM unnest($1::bigint[], $2::integer[], $3::bigint[], $4::bigint[], $5::integer[], $6::bigint[], $7::bytea[])
        """;

    public const string MoveEnds = """
        UPDATE aklight_partitions AS a SET log_end = n.e
        FROM unnest($1::bigint[], $2::integer[], $3::bigint[]) AS n (t, p, e)
        WHERE a.topic_id = n.t AND a.partition = n.p
        """;

    // Each producer's last batch, in the same transaction as its rows: a retry after a failover finds it.
    public const string RecordProducers = """
        INSERT INTO aklight_producers (topic_id, partition, producer_id, sequence, base_offset)
        SELECT * FROM unnest($1::bigint[], $2::integer[], $3::uuid[], $4::bigint[], $5::bigint[])
        ON CONFLICT (topic_id, partition, producer_id) DO UPDATE SET sequence = EXCLUDED.sequence, base_offset = EXCLUDED.base_offset
        """;
}

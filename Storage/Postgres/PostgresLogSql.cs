namespace AkLight.Storage.Postgres;

/// <summary>
/// The message log's statements over <c>aklight_partitions</c>, <c>aklight_messages</c> and <c>aklight_producers</c>
/// (sql/05-PostgreSQL-MessageLog.sql), kept in one place so a schema change is one file's edit.
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

    public const string SelectMessages = """
        SELECT "offset", ts_ms, key, payload, headers FROM aklight_messages
        WHERE topic_id = $1 AND partition = $2 AND "offset" >= $3
        ORDER BY "offset" LIMIT $4
        """;

    // One probe of the time search (OffsetForTime): the first record at or after an offset.
    public const string SelectFirstAtOrAfter = """
        SELECT "offset", ts_ms FROM aklight_messages
        WHERE topic_id = $1 AND partition = $2 AND "offset" >= $3
        ORDER BY "offset" LIMIT 1
        """;

    public const string DeleteMessages = """
        DELETE FROM aklight_messages
        WHERE topic_id = $1 AND partition = $2 AND "offset" < $3
        """;

    public const string SelectProducers = """
        SELECT producer_id, sequence, base_offset FROM aklight_producers
        WHERE topic_id = $1 AND partition = $2 ORDER BY base_offset DESC LIMIT $3
        """;

    public const string SelectLastTimestamp = """
        SELECT ts_ms FROM aklight_messages WHERE topic_id = $1 AND partition = $2 ORDER BY "offset" DESC LIMIT 1
        """;

    public const string TrimProducers = """
        DELETE FROM aklight_producers WHERE topic_id = $1 AND partition = $2 AND producer_id NOT IN (
            SELECT producer_id FROM aklight_producers WHERE topic_id = $1 AND partition = $2 ORDER BY base_offset DESC LIMIT $3)
        """;

    /// <summary>
    /// Compaction: before the cutoff offset, keyless messages, tombstones and every message of a key but its
    /// newest. One pass over the partition finds the newest offset per key; there is no key index to keep.
    /// </summary>
    public const string CompactMessages = """
        DELETE FROM aklight_messages
        WHERE topic_id = $1 AND partition = $2 AND "offset" < $3
          AND (key IS NULL OR payload IS NULL OR "offset" NOT IN (
                SELECT max("offset") FROM aklight_messages
                WHERE topic_id = $1 AND partition = $2 AND key IS NOT NULL
                GROUP BY key))
        """;

    public const string SelectFirstOffset = """SELECT min("offset") FROM aklight_messages WHERE topic_id = $1 AND partition = $2""";

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

    public const string InsertMessages = """
        INSERT INTO aklight_messages (topic_id, partition, "offset", ts_ms, key, payload, headers)
        SELECT * FROM unnest($1::bigint[], $2::integer[], $3::bigint[], $4::bigint[], $5::bytea[], $6::bytea[], $7::bytea[])
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

namespace AkLight.Storage.Sqlite;

/// <summary>The embedded store's tables. Idempotent: run at every start.</summary>
internal static class SqliteSchema
{
    /// <summary>
    /// What changed since the first version, done to data folders made before it: a column added, and the log of one row
    /// per message moved into batches (<see cref="SqliteLegacyMessages"/>).
    /// </summary>
    public static void Upgrade(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('topics') WHERE name = 'created_by'";
        if ((long)columns.ExecuteScalar()! == 0) SqliteDatabase.Execute(connection, "ALTER TABLE topics ADD COLUMN created_by TEXT");
        SqliteLegacyMessages.MoveIntoBatches(connection);
    }

    public const string Script = """
        CREATE TABLE IF NOT EXISTS topics (
            id            INTEGER PRIMARY KEY,
            name          TEXT    NOT NULL UNIQUE,
            first_level   TEXT    NOT NULL,
            partitions    INTEGER NOT NULL,
            retention_ms  INTEGER NOT NULL,
            created_ms    INTEGER NOT NULL,
            compact       INTEGER NOT NULL DEFAULT 0,
            created_by    TEXT
        );
        CREATE INDEX IF NOT EXISTS topics_by_first_level ON topics (first_level);

        -- Log start and end per partition: the end survives even when retention deletes every message.
        CREATE TABLE IF NOT EXISTS partitions (
            topic_id   INTEGER NOT NULL,
            partition  INTEGER NOT NULL,
            log_start  INTEGER NOT NULL,
            log_end    INTEGER NOT NULL,
            PRIMARY KEY (topic_id, partition)
        ) WITHOUT ROWID;

        -- One row per record batch (Records.RecordBatch: Kafka's v2 layout, uncompressed, log-append time), keyed by
        -- its last offset: a fetch from an offset is one range scan from the batch that holds it. Batches are
        -- as large as producers make them, so this is a rowid table (SQLite keeps large rows best there). No other
        -- index: timestamps only grow within a partition, so offset-for-time is a binary search over this key
        -- (OffsetForTime), and compaction reads its partition once.
        CREATE TABLE IF NOT EXISTS batches (
            topic_id     INTEGER NOT NULL,
            partition    INTEGER NOT NULL,
            last_offset  INTEGER NOT NULL,
            base_offset  INTEGER NOT NULL,
            record_count INTEGER NOT NULL,
            ts_ms        INTEGER NOT NULL,
            data         BLOB    NOT NULL,
            PRIMARY KEY (topic_id, partition, last_offset)
        );

        -- Each idempotent producer's last batch per partition, written with the batch (see ProducerState).
        CREATE TABLE IF NOT EXISTS producers (
            topic_id    INTEGER NOT NULL,
            partition   INTEGER NOT NULL,
            producer_id BLOB    NOT NULL,
            sequence    INTEGER NOT NULL,
            base_offset INTEGER NOT NULL,
            PRIMARY KEY (topic_id, partition, producer_id)
        ) WITHOUT ROWID;

        -- Committed offsets of sessions and groups (SqliteOffsetCommitStore), a row per owner, topic and partition, so a
        -- commit rewrites only the partitions it moved. A rowid table: names may be up to 65,535 bytes, and SQLite
        -- advises WITHOUT ROWID only for small rows.
        CREATE TABLE IF NOT EXISTS offset_commits (
            owner             TEXT    NOT NULL,
            topic             TEXT    NOT NULL,
            partition         INTEGER NOT NULL,
            committed_offset  INTEGER NOT NULL,
            PRIMARY KEY (owner, topic, partition)
        );

        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type  TEXT NOT NULL,
            grain_id    TEXT NOT NULL,
            etag        TEXT NOT NULL,
            data        BLOB NOT NULL,
            PRIMARY KEY (grain_type, grain_id)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS reminders (
            grain_id    TEXT    NOT NULL,
            name        TEXT    NOT NULL,
            grain_hash  INTEGER NOT NULL,
            start_ms    INTEGER NOT NULL,
            period_ms   INTEGER NOT NULL,
            etag        TEXT    NOT NULL,
            PRIMARY KEY (grain_id, name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
        """;
}

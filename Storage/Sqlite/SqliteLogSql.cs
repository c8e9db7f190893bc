namespace AkLight.Storage.Sqlite;

/// <summary>
/// The message log's statements over the embedded store's <c>partitions</c>, <c>messages</c> and <c>producers</c>
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

    public const string SelectMessages = """
        SELECT offset, ts_ms, key, payload, headers FROM messages
        WHERE topic_id = $t AND partition = $p AND offset >= $o
        ORDER BY offset LIMIT $n
        """;

    public const string DeleteMessages = "DELETE FROM messages WHERE topic_id = $t AND partition = $p AND offset < $o";

    // Before the cutoff: keyless messages, tombstones, and every message of a key but its newest.
    // One pass over the partition builds the newest offset per key; there is no key index to keep.
    public const string CompactMessages = """
        DELETE FROM messages
        WHERE topic_id = $t AND partition = $p AND offset < $before
          AND (key IS NULL OR payload IS NULL OR offset NOT IN (
                SELECT MAX(offset) FROM messages
                WHERE topic_id = $t AND partition = $p AND key IS NOT NULL
                GROUP BY key))
        """;

    public const string SelectFirstOffset = "SELECT MIN(offset) FROM messages WHERE topic_id = $t AND partition = $p";

    public const string SelectFirstAtOrAfter = """
        SELECT offset, ts_ms FROM messages
        WHERE topic_id = $t AND partition = $p AND offset >= $o
        ORDER BY offset LIMIT 1
        """;

    public const string SelectLastTimestamp = "SELECT ts_ms FROM messages WHERE topic_id = $t AND partition = $p ORDER BY offset DESC LIMIT 1";

    public const string SelectBounds = "SELECT log_start, log_end FROM partitions WHERE topic_id = $t AND partition = $p";

    public const string UpsertBounds = """
        INSERT INTO partitions (topic_id, partition, log_start, log_end) VALUES ($t, $p, $s, $e)
        ON CONFLICT (topic_id, partition) DO UPDATE SET log_start = excluded.log_start, log_end = excluded.log_end
        """;

    public const string InsertMessage = "INSERT INTO messages (topic_id, partition, offset, ts_ms, key, payload, headers) VALUES ($t, $p, $o, $ts, $k, $v, $h)";

    // Moves the log end only if it is where the appender expects it: the check and the move in one statement.
    public const string AdvanceEnd = "UPDATE partitions SET log_end = $end WHERE topic_id = $t AND partition = $p AND log_end = $expected";

    public const string InsertFirstPartition = "INSERT INTO partitions (topic_id, partition, log_start, log_end) VALUES ($t, $p, 0, $end) ON CONFLICT (topic_id, partition) DO NOTHING";

    public const string UpsertProducer = """
        INSERT INTO producers (topic_id, partition, producer_id, sequence, base_offset) VALUES ($t, $p, $id, $s, $o)
        ON CONFLICT (topic_id, partition, producer_id) DO UPDATE SET sequence = excluded.sequence, base_offset = excluded.base_offset
        """;
}

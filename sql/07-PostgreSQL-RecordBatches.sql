-- AKLight: PostgreSQL schema for the broker's own data (cluster mode).
-- 07: partition logs as record batches (Storage/Postgres: PostgresMessageLog, PostgresAppendQueue).
--
--   * aklight_batches  one row per record batch (Kafka's record batch v2, uncompressed, log-append time:
--                      every record of a batch has its ts_ms), keyed (topic_id, partition, last_offset): a
--                      fetch from an offset is one primary-key range scan from the batch that holds it, and an
--                      append that does not start at the stored log end (a second writer) is refused by the
--                      lock on aklight_partitions (05) rather than forking the log.
-- Timestamps only grow within a partition, so offset-for-time is a binary search over the primary key, with
-- no time index for every append to update; compaction reads its partition once and rewrites batches in place.
--
-- Upgrading from versions with one row per message (aklight_messages): apply this script, then start the
-- silos. The first silo to start moves the old rows into batches before it serves (PostgresLegacyMessages:
-- a batch is checksummed with CRC-32C, which the broker computes), partition by partition, each in its own
-- transaction, and drops aklight_messages when it is empty; the others wait for it.
--
-- Re-runnable: creates what is missing and never drops or rewrites rows.

BEGIN;

SET LOCAL client_min_messages = warning;

DO $$ BEGIN PERFORM pg_advisory_xact_lock(7275683412001); END $$;

CREATE TABLE IF NOT EXISTS aklight_batches
(
    topic_id     bigint  NOT NULL,
    partition    integer NOT NULL,
    last_offset  bigint  NOT NULL,
    base_offset  bigint  NOT NULL,
    record_count integer NOT NULL,   -- fewer than the offsets the batch spans once compaction has removed some
    ts_ms        bigint  NOT NULL,   -- broker (log-append) time, Unix milliseconds
    data         bytea   NOT NULL,   -- the batch, header included (Records.RecordBatchLayout)

    CONSTRAINT pk_aklight_batches PRIMARY KEY (topic_id, partition, last_offset),
    CONSTRAINT ck_aklight_batches_offsets CHECK (0 <= base_offset AND base_offset <= last_offset)
);

COMMIT;

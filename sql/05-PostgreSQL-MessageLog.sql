-- AKLight: PostgreSQL schema for the broker's own data (cluster mode).
-- 05: topics and partition logs (Storage/Postgres: PostgresTopicCatalog, PostgresMessageLog).
--
-- The same model as the embedded SQLite store (Storage/Sqlite/SqliteSchema.cs):
--   * aklight_topics     one row per topic; id is the message-log key of its partitions.
--   * aklight_partitions log start and end offset per partition. The end survives even when
--                        retention deletes every message, and the append transaction locks this
--                        row, so a partition has one writer at a time.
--   * aklight_batches    one row per record batch (07-PostgreSQL-RecordBatches.sql).
--   * aklight_producers  each idempotent producer's last batch per partition.
-- Offsets are assigned by the partition grain; the store only checks that an append starts at
-- the stored log end. Timestamps only grow within a partition (broker log-append time).
-- Appends of many partitions share one transaction (group commit across partitions).
--
-- Re-runnable: creates what is missing and never drops or rewrites rows.

BEGIN;

SET LOCAL client_min_messages = warning;

DO $$ BEGIN PERFORM pg_advisory_xact_lock(7275683412001); END $$;

CREATE TABLE IF NOT EXISTS aklight_topics
(
    id           bigint  GENERATED ALWAYS AS IDENTITY,
    name         text    NOT NULL,
    first_level  text    NOT NULL,
    partitions   integer NOT NULL,
    retention_ms bigint  NOT NULL,
    created_ms   bigint  NOT NULL,   -- Unix milliseconds, as the embedded store keeps it
    compact      boolean NOT NULL DEFAULT false,  -- beyond retention keep the newest message per key

    CONSTRAINT pk_aklight_topics PRIMARY KEY (id),
    CONSTRAINT ck_aklight_topics_partitions CHECK (partitions > 0),
    CONSTRAINT ck_aklight_topics_retention CHECK (retention_ms > 0)
);

-- Names are up to 65,535 bytes, more than a B-tree entry holds: unique by digest (01), and found by
-- digest then name. Databases set up by an earlier version of this script had both on the name itself.
ALTER TABLE aklight_topics DROP CONSTRAINT IF EXISTS uq_aklight_topics_name;
CREATE UNIQUE INDEX IF NOT EXISTS ux_aklight_topics_name_digest ON aklight_topics (aklight_name_digest(name));

-- Topic indexes list the topics under one first level (as long as a name): a hash index keeps only a
-- hash of the value, so any length fits.
DROP INDEX IF EXISTS ix_aklight_topics_first_level;
CREATE INDEX IF NOT EXISTS ix_aklight_topics_first_level_hash ON aklight_topics USING hash (first_level);

-- No foreign keys, as in the embedded store: the batch table is the hot path and the
-- partition grain checks its topic before it writes.
CREATE TABLE IF NOT EXISTS aklight_partitions
(
    topic_id  bigint  NOT NULL,
    partition integer NOT NULL,
    log_start bigint  NOT NULL,
    log_end   bigint  NOT NULL,

    CONSTRAINT pk_aklight_partitions PRIMARY KEY (topic_id, partition),
    CONSTRAINT ck_aklight_partitions_bounds CHECK (0 <= log_start AND log_start <= log_end)
);

-- Idempotent producers: each one's last batch per partition, written in the append's transaction, so
-- the partition's next activation (on another silo after a failover) answers a retry of that batch
-- with its offsets instead of storing it again. Trimmed to the most recent producers at retention checks.
CREATE TABLE IF NOT EXISTS aklight_producers
(
    topic_id    bigint  NOT NULL,
    partition   integer NOT NULL,
    producer_id uuid    NOT NULL,
    sequence    bigint  NOT NULL,
    base_offset bigint  NOT NULL,

    CONSTRAINT pk_aklight_producers PRIMARY KEY (topic_id, partition, producer_id)
);

COMMIT;

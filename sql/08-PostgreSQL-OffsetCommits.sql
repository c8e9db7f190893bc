-- AKLight: PostgreSQL schema for the broker's own data (cluster mode).
-- 08: committed offsets of consumer sessions and groups (Storage/Postgres: PostgresOffsetCommitStore).
--
--   * aklight_offset_commits  one row per owner, topic and partition. The owner is the committing grain's
--                             identity ('session/{id}', 'group/{name}'). A commit writes only the partitions it
--                             moved; before this table, a session's or group's grain state held every offset
--                             and each commit rewrote them all.
-- Owners and topics are names of up to 65,535 bytes, more than a B-tree entry holds: the key is unique on their
-- digests (aklight_name_digest, 01), and look-ups compare the digest, then the name.
--
-- Upgrading: apply this script, then start the silos. A session or group whose grain state still holds its
-- offsets moves them into this table when it is next activated, and empties that list.
--
-- Re-runnable: creates what is missing and never drops or rewrites rows.

BEGIN;

SET LOCAL client_min_messages = warning;

DO $$ BEGIN PERFORM pg_advisory_xact_lock(7275683412001); END $$;

CREATE TABLE IF NOT EXISTS aklight_offset_commits
(
    owner            text    NOT NULL,
    topic            text    NOT NULL,
    partition        integer NOT NULL,
    committed_offset bigint  NOT NULL,   -- the next offset to read

    CONSTRAINT ck_aklight_offset_commits_offset CHECK (committed_offset >= 0)
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_aklight_offset_commits_key
    ON aklight_offset_commits (aklight_name_digest(owner), aklight_name_digest(topic), partition);

COMMIT;

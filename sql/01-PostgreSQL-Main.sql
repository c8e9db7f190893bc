-- AKLight: PostgreSQL schema for the Orleans 10.4.2 ADO.NET providers.
-- 01: the query catalogue shared by clustering, persistence and reminders.
--
-- Apply with sql/apply.sh (all sql/*.sql in lexical order), or let the official
-- postgres image run these files from /docker-entrypoint-initdb.d.
-- Requires PostgreSQL 11 or later (tested on 15).
--
-- How the providers use the database:
--   * At start-up every provider runs `SELECT QueryKey, QueryText FROM OrleansQuery`
--     and from then on issues only those query texts. A missing table fails silo start
--     with `relation "orleansquery" does not exist`; a missing required key fails with
--     "Not all required queries found. Missing are: ...".
--   * Query texts use @Name placeholders; the providers bind parameters by those names
--     and read result columns by name. Names and types are the contract; everything
--     else (indexes, locking, lengths) is ours to tune.
--   * Unquoted identifiers fold to lower case in PostgreSQL; the providers' column
--     look-ups are case-insensitive, so the mixed-case names below are for readability.
--
-- Every script in this folder is re-runnable: it creates what is missing, replaces
-- functions and query texts, and never drops or rewrites rows of Orleans data.

BEGIN;

SET LOCAL client_min_messages = warning;

-- Serialise concurrent runs of these scripts (e.g. several containers starting at once).
-- Plain SQL only (no psql meta-commands), so any runner that can execute a script works.
DO $$ BEGIN PERFORM pg_advisory_xact_lock(7275683412001); END $$;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

-- Names (topics, first levels, session ids, group names, and so grain ids) are up to 65,535 bytes
-- of UTF-8, and a B-tree entry cannot exceed about 2.7 kB: every unique index on such a name is on
-- this fixed-size digest of it instead, and every look-up compares the digest, then the name.
CREATE OR REPLACE FUNCTION aklight_name_digest(name text) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT sha256(convert_to(name, 'UTF8')) $$;

COMMIT;

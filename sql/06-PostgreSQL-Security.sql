-- 06: what the broker's security needs (Grains/Security, Storage/Postgres).
--   * aklight_internal_secret  one row: the secret every silo stamps on its own grain calls, so that a grain
--                              can tell the broker's calls from a client's. Written by the first silo to start.
--   * aklight_topics.created_by  the principal that created a topic, for the per-principal topic limit.
-- Idempotent: re-running keeps all data.

CREATE TABLE IF NOT EXISTS aklight_internal_secret
(
    id     integer NOT NULL,
    secret text    NOT NULL,
    CONSTRAINT pk_aklight_internal_secret PRIMARY KEY (id),
    CONSTRAINT ck_aklight_internal_secret_one_row CHECK (id = 1)
);

ALTER TABLE aklight_topics ADD COLUMN IF NOT EXISTS created_by text NULL;
CREATE INDEX IF NOT EXISTS ix_aklight_topics_created_by ON aklight_topics (created_by) WHERE created_by IS NOT NULL;

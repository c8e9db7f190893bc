-- AKLight: PostgreSQL schema for the Orleans 10.4.2 ADO.NET providers.
-- 04: reminders (Microsoft.Orleans.Reminders.AdoNet, AdoNetReminderTable).
--
-- Contract of Orleans.Reminders.AdoNet 10.4.2 (DbStoredQueries / RelationalOrleansQueries):
--   required keys : ReadReminderRowsKey, ReadReminderRowKey, ReadRangeRows1Key,
--                   ReadRangeRows2Key, UpsertReminderRowKey, DeleteReminderRowKey,
--                   DeleteReminderRowsKey
--   parameters    : @ServiceId text, @GrainId text, @ReminderName text,
--                   @StartTime timestamptz (UTC), @Period int, or bigint when it exceeds
--                   int range (milliseconds), @GrainHash / @BeginHash / @EndHash int
--                   (uint hashes reinterpreted as signed), @Version int.
--   result columns: GrainId, ReminderName, StartTime, Period, Version; upsert returns the
--                   new Version, delete returns one value (>0 = deleted).
--   Range reads   : when (int)BeginHash < (int)EndHash the provider uses ReadRangeRows1Key
--                   (BeginHash < GrainHash <= EndHash), otherwise the wrapping
--                   ReadRangeRows2Key (GrainHash > BeginHash OR GrainHash <= EndHash).
-- 10.4.2 has no cron/priority reminder columns (those belong to later Orleans releases).

BEGIN;

SET LOCAL client_min_messages = warning;

DO $$ BEGIN PERFORM pg_advisory_xact_lock(7275683412001); END $$;

-- GrainId is the whole grain id: a partition grain's holds its topic name, up to 65,535 bytes. Rows
-- are unique by the name's digest (aklight_name_digest, 01), which a B-tree can hold at any length.
CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      text           NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL
);

-- Databases set up by an earlier version of this script had GrainId varchar(150) in the primary key.
ALTER TABLE OrleansRemindersTable DROP CONSTRAINT IF EXISTS PK_RemindersTable_ServiceId_GrainId_ReminderName;
ALTER TABLE OrleansRemindersTable ALTER COLUMN GrainId TYPE text;

CREATE UNIQUE INDEX IF NOT EXISTS UX_RemindersTable_ServiceId_GrainId_ReminderName
    ON OrleansRemindersTable (ServiceId, aklight_name_digest(GrainId), ReminderName);

-- Each silo reads the reminders of its hash range of the ring.
CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- Insert or replace a reminder; returns its new Version (the reminder's ETag).
CREATE OR REPLACE FUNCTION upsert_reminder_row(
    ServiceIdArg    OrleansRemindersTable.ServiceId%TYPE,
    GrainIdArg      OrleansRemindersTable.GrainId%TYPE,
    ReminderNameArg OrleansRemindersTable.ReminderName%TYPE,
    StartTimeArg    OrleansRemindersTable.StartTime%TYPE,
    PeriodArg       OrleansRemindersTable.Period%TYPE,
    GrainHashArg    OrleansRemindersTable.GrainHash%TYPE)
  RETURNS TABLE(version integer) AS
$func$
DECLARE
    VersionVar int := 0;
BEGIN
    INSERT INTO OrleansRemindersTable AS r
    (
        ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version
    )
    SELECT
        ServiceIdArg, GrainIdArg, ReminderNameArg, StartTimeArg, PeriodArg, GrainHashArg, 0
    ON CONFLICT (ServiceId, aklight_name_digest(GrainId), ReminderName)
        DO UPDATE SET
            StartTime = EXCLUDED.StartTime,
            Period = EXCLUDED.Period,
            GrainHash = EXCLUDED.GrainHash,
            Version = r.Version + 1
    RETURNING r.Version INTO STRICT VersionVar;

    RETURN QUERY SELECT VersionVar;
END
$func$ LANGUAGE plpgsql;

-- Delete a reminder if its Version still matches; returns the number of rows deleted.
CREATE OR REPLACE FUNCTION delete_reminder_row(
    ServiceIdArg    OrleansRemindersTable.ServiceId%TYPE,
    GrainIdArg      OrleansRemindersTable.GrainId%TYPE,
    ReminderNameArg OrleansRemindersTable.ReminderName%TYPE,
    VersionArg      OrleansRemindersTable.Version%TYPE)
  RETURNS TABLE(row_count integer) AS
$func$
DECLARE
    RowCountVar int := 0;
BEGIN
    DELETE FROM OrleansRemindersTable
    WHERE
        ServiceId = ServiceIdArg AND ServiceIdArg IS NOT NULL
        AND aklight_name_digest(GrainId) = aklight_name_digest(GrainIdArg)
        AND GrainId = GrainIdArg AND GrainIdArg IS NOT NULL
        AND ReminderName = ReminderNameArg AND ReminderNameArg IS NOT NULL
        AND Version = VersionArg AND VersionArg IS NOT NULL;

    GET DIAGNOSTICS RowCountVar = ROW_COUNT;

    RETURN QUERY SELECT RowCountVar;
END
$func$ LANGUAGE plpgsql;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'UpsertReminderRowKey', '
    SELECT * FROM upsert_reminder_row(
        @ServiceId,
        @GrainId,
        @ReminderName,
        @StartTime,
        @Period::bigint,
        @GrainHash
    );
'),
(
    'ReadReminderRowsKey', '
    SELECT
        GrainId,
        ReminderName,
        StartTime,
        Period,
        Version
    FROM OrleansRemindersTable
    WHERE
        ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND aklight_name_digest(GrainId) = aklight_name_digest(@GrainId)
        AND GrainId = @GrainId AND @GrainId IS NOT NULL;
'),
(
    'ReadReminderRowKey', '
    SELECT
        GrainId,
        ReminderName,
        StartTime,
        Period,
        Version
    FROM OrleansRemindersTable
    WHERE
        ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND aklight_name_digest(GrainId) = aklight_name_digest(@GrainId)
        AND GrainId = @GrainId AND @GrainId IS NOT NULL
        AND ReminderName = @ReminderName AND @ReminderName IS NOT NULL;
'),
(
    'ReadRangeRows1Key', '
    SELECT
        GrainId,
        ReminderName,
        StartTime,
        Period,
        Version
    FROM OrleansRemindersTable
    WHERE
        ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND GrainHash > @BeginHash AND @BeginHash IS NOT NULL
        AND GrainHash <= @EndHash AND @EndHash IS NOT NULL;
'),
(
    'ReadRangeRows2Key', '
    SELECT
        GrainId,
        ReminderName,
        StartTime,
        Period,
        Version
    FROM OrleansRemindersTable
    WHERE
        ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND ((GrainHash > @BeginHash AND @BeginHash IS NOT NULL)
          OR (GrainHash <= @EndHash AND @EndHash IS NOT NULL));
'),
(
    'DeleteReminderRowKey', '
    SELECT * FROM delete_reminder_row(
        @ServiceId,
        @GrainId,
        @ReminderName,
        @Version
    );
'),
(
    'DeleteReminderRowsKey', '
    DELETE FROM OrleansRemindersTable
    WHERE
        ServiceId = @ServiceId AND @ServiceId IS NOT NULL;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

COMMIT;

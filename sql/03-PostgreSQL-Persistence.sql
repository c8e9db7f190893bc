-- AKLight: PostgreSQL schema for the Orleans 10.4.2 ADO.NET providers.
-- 03: grain state (Microsoft.Orleans.Persistence.AdoNet, AdoNetGrainStorage).
--
-- Contract of Orleans.Persistence.AdoNet 10.4.2 (AdoNetGrainStorage):
--   keys          : WriteToStorageKey, ReadFromStorageKey, ClearStorageKey (required);
--                   DeleteStorageKey (required only when DeleteStateOnClear = true).
--   parameters    : @GrainIdHash int, @GrainIdN0 bigint, @GrainIdN1 bigint, @GrainTypeHash int,
--                   @GrainTypeString text, @GrainIdExtensionString text (NULL when the grain
--                   key has no string part), @ServiceId text, @GrainStateVersion int (NULL
--                   for a state never read/written), @PayloadBinary bytea (write only).
--                   10.4.2 writes the serialized state only to PayloadBinary: it no longer
--                   sends @PayloadJson / @PayloadXml, so the queries must not mention them.
--   result columns: read  -> PayloadBinary, Version (NULL payload = no record);
--                   write -> NewGrainStateVersion (unchanged/NULL version = conflict);
--                   clear / delete -> one value, the new version (no row = conflict).
--   Version is the ETag. The grain's serializer (AdoNetGrainStorageOptions.GrainStorageSerializer,
--   JSON by default) decides the bytes; the database only stores them.

BEGIN;

SET LOCAL client_min_messages = warning;

DO $$ BEGIN PERFORM pg_advisory_xact_lock(7275683412001); END $$;

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer        NOT NULL,
    GrainIdN0              bigint         NOT NULL,
    GrainIdN1              bigint         NOT NULL,
    GrainTypeHash          integer        NOT NULL,
    GrainTypeString        varchar(512)   NOT NULL,
    GrainIdExtensionString text           NULL,   -- a session id or group name: up to 65,535 bytes
    ServiceId              varchar(150)   NOT NULL,
    PayloadBinary          bytea          NULL,
    ModifiedOn             timestamptz(3) NOT NULL,
    Version                integer        NULL
);

-- Databases set up by an earlier version of this script limited it to 512 characters.
ALTER TABLE OrleansStorage ALTER COLUMN GrainIdExtensionString TYPE text;

-- Every query filters on both hashes first.
CREATE INDEX IF NOT EXISTS IX_OrleansStorage
    ON OrleansStorage USING btree (GrainIdHash, GrainTypeHash);

-- Insert (version NULL) or optimistic update (version must match). Returns the new version,
-- or the caller's version unchanged when nothing was written, which Orleans reports as an
-- InconsistentStateException.
CREATE OR REPLACE FUNCTION writetostorage(
    _grainidhash            integer,
    _grainidn0              bigint,
    _grainidn1              bigint,
    _graintypehash          integer,
    _graintypestring        text,
    _grainidextensionstring text,
    _serviceid              text,
    _grainstateversion      integer,
    _payloadbinary          bytea)
  RETURNS TABLE(newgrainstateversion integer) AS
$func$
DECLARE
    _newgrainstateversion integer := _grainstateversion;
    rowcountvar integer := 0;
BEGIN
    IF _grainstateversion IS NOT NULL THEN
        UPDATE OrleansStorage
        SET
            PayloadBinary = _payloadbinary,
            ModifiedOn = now(),
            Version = Version + 1
        WHERE
            GrainIdHash = _grainidhash AND _grainidhash IS NOT NULL
            AND GrainTypeHash = _graintypehash AND _graintypehash IS NOT NULL
            AND GrainIdN0 = _grainidn0 AND _grainidn0 IS NOT NULL
            AND GrainIdN1 = _grainidn1 AND _grainidn1 IS NOT NULL
            AND GrainTypeString = _graintypestring AND _graintypestring IS NOT NULL
            AND GrainIdExtensionString IS NOT DISTINCT FROM _grainidextensionstring
            AND ServiceId = _serviceid AND _serviceid IS NOT NULL
            AND Version IS NOT NULL AND Version = _grainstateversion;

        GET DIAGNOSTICS rowcountvar = ROW_COUNT;
        IF rowcountvar > 0 THEN
            _newgrainstateversion := _grainstateversion + 1;
        END IF;
    ELSE
        INSERT INTO OrleansStorage
        (
            GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
            GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version
        )
        SELECT
            _grainidhash, _grainidn0, _grainidn1, _graintypehash, _graintypestring,
            _grainidextensionstring, _serviceid, _payloadbinary, now(), 1
        WHERE NOT EXISTS
        (
            -- There must be no version of this grain state yet.
            SELECT 1
            FROM OrleansStorage
            WHERE
                GrainIdHash = _grainidhash AND _grainidhash IS NOT NULL
                AND GrainTypeHash = _graintypehash AND _graintypehash IS NOT NULL
                AND GrainIdN0 = _grainidn0 AND _grainidn0 IS NOT NULL
                AND GrainIdN1 = _grainidn1 AND _grainidn1 IS NOT NULL
                AND GrainTypeString = _graintypestring AND _graintypestring IS NOT NULL
                AND GrainIdExtensionString IS NOT DISTINCT FROM _grainidextensionstring
                AND ServiceId = _serviceid AND _serviceid IS NOT NULL
        );

        GET DIAGNOSTICS rowcountvar = ROW_COUNT;
        IF rowcountvar > 0 THEN
            _newgrainstateversion := 1;
        END IF;
    END IF;

    RETURN QUERY SELECT _newgrainstateversion;
END
$func$ LANGUAGE plpgsql;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'WriteToStorageKey', '
    SELECT NewGrainStateVersion FROM writetostorage(
        @GrainIdHash,
        @GrainIdN0,
        @GrainIdN1,
        @GrainTypeHash,
        @GrainTypeString,
        @GrainIdExtensionString,
        @ServiceId,
        @GrainStateVersion,
        @PayloadBinary
    );
'),
(
    'ReadFromStorageKey', '
    SELECT
        PayloadBinary,
        ModifiedOn,
        Version
    FROM
        OrleansStorage
    WHERE
        GrainIdHash = @GrainIdHash AND @GrainIdHash IS NOT NULL
        AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
        AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL
        AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
        AND GrainTypeString = @GrainTypeString AND @GrainTypeString IS NOT NULL
        AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
        AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL;
'),
(
    -- DeleteStateOnClear = false (default): keep the row, drop the payload, bump the version.
    'ClearStorageKey', '
    UPDATE OrleansStorage
    SET
        PayloadBinary = NULL,
        ModifiedOn = now(),
        Version = Version + 1
    WHERE
        GrainIdHash = @GrainIdHash AND @GrainIdHash IS NOT NULL
        AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
        AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL
        AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
        AND GrainTypeString = @GrainTypeString AND @GrainTypeString IS NOT NULL
        AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
        AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND Version IS NOT NULL AND Version = @GrainStateVersion AND @GrainStateVersion IS NOT NULL
    RETURNING Version AS NewGrainStateVersion;
'),
(
    -- DeleteStateOnClear = true: remove the row. Orleans resets the ETag to null afterwards;
    -- it only needs a value that differs from the old version to know the delete happened.
    'DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE
        GrainIdHash = @GrainIdHash AND @GrainIdHash IS NOT NULL
        AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
        AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL
        AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
        AND GrainTypeString = @GrainTypeString AND @GrainTypeString IS NOT NULL
        AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
        AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND Version IS NOT NULL AND Version = @GrainStateVersion AND @GrainStateVersion IS NOT NULL
    RETURNING Version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

COMMIT;

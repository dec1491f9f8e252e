-- The server's own cost of what an import stores per record, with no client at all: the rows just
-- imported are inserted again under another channel, timed, and rolled back. Four steps, each
-- taking away one more part of what the schema asks for, down to a bare table of the same columns:
--   1. application row, history line and audit entry (what an import stores)
--   2. the application row alone
--   3. ... without the trigram index on search_key (duplicate suggestions, `q=` search)
--   4. ... without the foreign keys' triggers either
--   5. a table of the same columns and defaults, with no index and no key
-- Benchmarks/import-eotinish.sh reads the lines "floor N: …" this prints.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE floor_input ON COMMIT DROP AS SELECT * FROM applications WHERE channel = 'eotinish';
CREATE TEMP VIEW floor_rows AS
    SELECT region_id, office_id, 'email'::text AS channel, external_ref, appeal_type, received_at, last_name, first_name,
           middle_name, full_name, search_key, national_id_kind, national_id, national_id_valid, birth_date, phone, email,
           address, organisation, areas, subject, motivation, raw_source, problems, due_on, import_run_id
    FROM floor_input;
\set columns '(region_id, office_id, channel, external_ref, appeal_type, received_at, last_name, first_name, middle_name, full_name, search_key, national_id_kind, national_id, national_id_valid, birth_date, phone, email, address, organisation, areas, subject, motivation, raw_source, problems, due_on, import_run_id)'
\set insert_rows 'INSERT INTO applications ' :columns ' SELECT * FROM floor_rows'
\set insert_bare 'INSERT INTO floor_bare_applications ' :columns ' SELECT * FROM floor_rows'

-- Milliseconds the statement took; each step's figure is kept in a psql variable, as its rows are
-- rolled back before the next step.
CREATE FUNCTION pg_temp.timed(statement text) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE started timestamptz := clock_timestamp();
BEGIN
    EXECUTE statement;
    RETURN extract(epoch FROM clock_timestamp() - started) * 1000;
END $$;

SAVEPOINT before_floor;
SELECT pg_temp.timed($sql$
    WITH inserted AS (
        INSERT INTO applications (region_id, office_id, channel, external_ref, appeal_type, received_at, last_name,
            first_name, middle_name, full_name, search_key, national_id_kind, national_id, national_id_valid, birth_date,
            phone, email, address, organisation, areas, subject, motivation, raw_source, problems, due_on, import_run_id)
        SELECT * FROM floor_rows
        RETURNING id, region_id, channel, external_ref, status, due_on
    ), history AS (
        INSERT INTO application_history (application_id, region_id, actor, kind, to_status)
        SELECT id, region_id, 'bench', 'received', 'received' FROM inserted
    )
    INSERT INTO audit_entries (actor, action, entity, entity_id, region_id, after)
    SELECT 'bench', 'application.receive', 'application', id::text, region_id,
           jsonb_build_object('channel', channel, 'external_ref', external_ref, 'status', status, 'due_on', due_on)
    FROM inserted
$sql$) AS ms \gset step1_
ROLLBACK TO before_floor;

SELECT pg_temp.timed(:'insert_rows') AS ms \gset step2_
ROLLBACK TO before_floor;

DROP INDEX applications_search;
SELECT pg_temp.timed(:'insert_rows') AS ms \gset step3_
ROLLBACK TO before_floor;

DROP INDEX applications_search;
SET LOCAL session_replication_role = replica;
SELECT pg_temp.timed(:'insert_rows') AS ms \gset step4_
ROLLBACK TO before_floor;

CREATE TABLE floor_bare_applications (LIKE applications INCLUDING DEFAULTS);
SELECT pg_temp.timed(:'insert_bare') AS ms \gset step5_
ROLLBACK TO before_floor;

\pset format unaligned
\pset tuples_only on
SELECT format('floor %s: %s records/s (%s s) — %s', step, round((SELECT count(*) FROM floor_input) / (ms / 1000)),
              round((ms / 1000)::numeric, 2), label)
FROM (VALUES (1, 'application, history line, audit entry', :step1_ms),
             (2, 'the application row alone', :step2_ms),
             (3, 'the row, no trigram index', :step3_ms),
             (4, 'the row, no trigram index, no foreign keys', :step4_ms),
             (5, 'the same columns and defaults, no index, no key', :step5_ms)) AS steps (step, label, ms)
ORDER BY step;
ROLLBACK;

-- The server's own cost of what an import stores per record (the application row with its indexes,
-- constraints and row security, its history line and its audit entry), with no client at all: the
-- rows just imported are inserted again under another channel, timed, and rolled back.
BEGIN;
CREATE TEMP TABLE floor_input ON COMMIT DROP AS SELECT * FROM applications WHERE channel = 'eotinish';
\timing on
WITH inserted AS (
    INSERT INTO applications (region_id, office_id, channel, external_ref, appeal_type, received_at, last_name,
        first_name, middle_name, full_name, search_key, national_id_kind, national_id, national_id_valid, birth_date,
        phone, email, address, organisation, areas, subject, motivation, raw_source, problems, due_on, import_run_id)
    SELECT region_id, office_id, 'email', external_ref, appeal_type, received_at, last_name, first_name, middle_name,
        full_name, search_key, national_id_kind, national_id, national_id_valid, birth_date, phone, email, address,
        organisation, areas, subject, motivation, raw_source, problems, due_on, import_run_id
    FROM floor_input
    RETURNING id, region_id, channel, external_ref, status, due_on
), history AS (
    INSERT INTO application_history (application_id, region_id, actor, kind, to_status)
    SELECT id, region_id, 'bench', 'received', 'received' FROM inserted
)
INSERT INTO audit_entries (actor, action, entity, entity_id, region_id, after)
SELECT 'bench', 'application.receive', 'application', id::text, region_id,
       jsonb_build_object('channel', channel, 'external_ref', external_ref, 'status', status, 'due_on', due_on)
FROM inserted;
\timing off
ROLLBACK;

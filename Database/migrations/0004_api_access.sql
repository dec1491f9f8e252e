-- The API's own database role and row-level security: the second wall of regional scoping.
--
-- `adal serve` connects as adal_api, which is neither owner nor superuser nor BYPASSRLS. Every
-- table with a region_id has row-level security enabled and forced. The rows visible are those of
-- the regions the server lists, per transaction, in the setting `adal.regions` (a bigint array
-- literal, set with set_config(…, true)), or every row when `adal.all_regions` = 'on' (users of
-- all regions; rows without a region are theirs only).
-- With no setting, no rows. Roles are cluster-wide: the role is created once per cluster (the
-- migrating user needs CREATEROLE), its grants once per database.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'adal_api') THEN
        CREATE ROLE adal_api LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;

CREATE FUNCTION adal_scope_regions() RETURNS bigint[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('adal.regions', true), ''), '{}')::bigint[]
$$;

CREATE FUNCTION adal_scope_all_regions() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('adal.all_regions', true), '') = 'on'
$$;

GRANT USAGE ON SCHEMA public TO adal_api;
GRANT EXECUTE ON FUNCTION adal_scope_regions(), adal_scope_all_regions(), region_subtree(bigint), uuid_v7() TO adal_api;
GRANT SELECT ON schema_migrations, regions, calendar_days, action_plans, plan_items TO adal_api;
GRANT SELECT, INSERT, UPDATE ON offices, organisations, people, volunteer_programmes, volunteers, councils,
    council_members, events, participants, applications, application_history, application_attachments,
    application_messages, import_runs TO adal_api;
GRANT SELECT, INSERT ON audit_entries TO adal_api;
GRANT SELECT, INSERT, UPDATE ON staff_users, staff_tokens TO adal_api;
GRANT SELECT, INSERT, DELETE ON login_failures TO adal_api;
GRANT SELECT, INSERT, UPDATE ON event_partners, event_plan_items TO adal_api;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO adal_api;
GRANT SELECT ON region_aliases TO adal_api;

-- Tables whose rows all belong to one region.
DO $$
DECLARE
    scoped text;
BEGIN
    FOREACH scoped IN ARRAY ARRAY['people', 'volunteer_programmes', 'volunteers', 'councils',
        'council_members', 'events', 'participants', 'applications', 'application_history',
        'application_attachments', 'application_messages']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', scoped);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', scoped);
        EXECUTE format('CREATE POLICY in_scope ON %I USING (adal_scope_all_regions() OR region_id = ANY (adal_scope_regions()))', scoped);
    END LOOP;
END
$$;

-- National organisations and system-wide audit entries have no region: only all-regions users see them.
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
CREATE POLICY in_scope ON organisations
    USING (adal_scope_all_regions() OR region_id = ANY (adal_scope_regions()))
    WITH CHECK (adal_scope_all_regions() OR region_id = ANY (adal_scope_regions()));

ALTER TABLE audit_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY read_in_scope ON audit_entries FOR SELECT
    USING (adal_scope_all_regions() OR region_id = ANY (adal_scope_regions()));
-- Logins and other acts without a region are recorded before any scope exists.
CREATE POLICY record_in_scope ON audit_entries FOR INSERT
    WITH CHECK (adal_scope_all_regions() OR region_id IS NULL OR region_id = ANY (adal_scope_regions()));

-- Offices are public directory data (names, addresses, phones) everybody reads; each region's staff
-- change only their own.
ALTER TABLE offices ENABLE ROW LEVEL SECURITY;
ALTER TABLE offices FORCE ROW LEVEL SECURITY;
CREATE POLICY directory ON offices FOR SELECT USING (true);
CREATE POLICY change_in_scope ON offices FOR UPDATE
    USING (adal_scope_all_regions() OR region_id = ANY (adal_scope_regions()));
CREATE POLICY add_in_scope ON offices FOR INSERT
    WITH CHECK (adal_scope_all_regions() OR region_id = ANY (adal_scope_regions()));

-- Region aliases are the directory everybody resolves codes with: forced, and open to read.
ALTER TABLE region_aliases ENABLE ROW LEVEL SECURITY;
ALTER TABLE region_aliases FORCE ROW LEVEL SECURITY;
CREATE POLICY directory ON region_aliases FOR SELECT USING (true);

-- Staff accounts are read to authenticate, before the acting user (and so any scope) is known;
-- which accounts a user may manage is decided by the API's role check.
ALTER TABLE staff_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_users FORCE ROW LEVEL SECURITY;
CREATE POLICY authentication ON staff_users USING (true);

-- Responses to POSTs that carried an Idempotency-Key, so a retry gets the first answer. The owner
-- is the staff account (or, for public forms, the client address); keys expire after a day.
CREATE TABLE idempotency_keys (
    owner           text NOT NULL,
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash    bytea NOT NULL CHECK (length(request_hash) = 32),
    state           text NOT NULL CHECK (state IN ('running', 'done')),
    response_status int,
    response_headers jsonb,
    response_body   bytea,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, key),
    CHECK ((state = 'done') = (response_status IS NOT NULL))
);
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO adal_api;

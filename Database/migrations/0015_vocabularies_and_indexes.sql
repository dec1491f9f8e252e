-- The schema says things once: the vocabularies several tables share become domains, a region's
-- row-level-security policy is made by one function, and two foreign keys that are searched by
-- get their indexes.

CREATE DOMAIN adal_country AS text CHECK (VALUE IN ('KZ', 'UZ', 'AZ'));
CREATE DOMAIN adal_language AS text CHECK (VALUE IN ('kk', 'ru', 'uz', 'az', 'en'));
CREATE DOMAIN adal_national_id_kind AS text CHECK (VALUE IN ('kz_iin', 'uz_pinfl', 'az_fin'));
CREATE DOMAIN adal_event_format AS text CHECK (VALUE IN ('in_person', 'online', 'hybrid'));

-- Each column that spelled one of them out as its own CHECK takes the domain instead; the column's
-- old CHECK (the one on that column alone) is dropped.
DO $$
DECLARE
    target record;
    old_check record;
BEGIN
    FOR target IN
        SELECT * FROM (VALUES
            ('regions', 'country', 'adal_country'),
            ('action_plans', 'country', 'adal_country'),
            ('calendar_days', 'country', 'adal_country'),
            ('people', 'language', 'adal_language'),
            ('certificates', 'language', 'adal_language'),
            ('staff_users', 'language', 'adal_language'),
            ('offices', 'language', 'adal_language'),
            ('people', 'national_id_kind', 'adal_national_id_kind'),
            ('applications', 'national_id_kind', 'adal_national_id_kind'),
            ('events', 'format', 'adal_event_format'),
            ('reminder_offsets', 'format', 'adal_event_format')
        ) AS t (table_name, column_name, domain_name)
    LOOP
        FOR old_check IN
            SELECT c.conname FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.conrelid = target.table_name::regclass AND c.contype = 'c'
              AND cardinality(c.conkey) = 1 AND a.attname = target.column_name
        LOOP
            EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', target.table_name, old_check.conname);
        END LOOP;
        EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE %I', target.table_name, target.column_name, target.domain_name);
    END LOOP;
END
$$;

-- A table of one region's records, readable and writable only within the acting scope (the second
-- wall; Core's checks are the first). Every later migration that adds such a table calls it.
CREATE FUNCTION adal_region_policy(scoped regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', scoped);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', scoped);
    EXECUTE format('DROP POLICY IF EXISTS in_scope ON %s', scoped);
    EXECUTE format('CREATE POLICY in_scope ON %s USING (adal_scope_all_regions() OR region_id = ANY (adal_scope_regions()))',
                   scoped);
END
$$;

CREATE INDEX audit_entries_region ON audit_entries (region_id);
CREATE INDEX application_messages_application ON application_messages (application_id);

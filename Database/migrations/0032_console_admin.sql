-- What the staff console's admin pages change through the API's role, each checked in the
-- database as well as in Core: staff accounts only through definer functions that find the acting
-- admin from their live session (and keep a regional admin to their own regions); the reminder
-- hours and the audit chain's links only for an account that sees every region.

-- The acting account: live, enabled, an admin; its regions (all, or its region's subtree).
CREATE FUNCTION adal_acting_admin(actor_token bytea, OUT id uuid, OUT all_regions boolean, OUT regions bigint[])
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    SELECT u.id, u.all_regions, ARRAY(SELECT region_subtree(u.region_id))
    INTO id, all_regions, regions
    FROM staff_users u WHERE u.id = adal_session_account(actor_token) AND u.role = 'admin';
    IF id IS NULL THEN
        RAISE EXCEPTION 'only a signed-in admin may change staff accounts' USING ERRCODE = '42501';
    END IF;
END
$$;
REVOKE ALL ON FUNCTION adal_acting_admin(bytea) FROM PUBLIC;

-- A new account (NULL when the e-mail is taken), with its first password's hash; a regional admin
-- may add accounts only within their regions, and none that sees every region.
CREATE FUNCTION adal_staff_add(actor_token bytea, new_email text, new_name text, new_role text, new_region bigint,
                               new_office bigint, password text) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    actor record;
    made uuid;
BEGIN
    SELECT * INTO actor FROM adal_acting_admin(actor_token);
    IF NOT actor.all_regions AND (new_region IS NULL OR NOT new_region = ANY (actor.regions)) THEN
        RAISE EXCEPTION 'an admin of some regions adds accounts only in those regions' USING ERRCODE = '42501';
    END IF;
    INSERT INTO staff_users (email, name, role, region_id, office_id, all_regions, password_hash)
    VALUES (new_email, new_name, new_role, new_region, new_office, new_region IS NULL, password)
    ON CONFLICT (email) DO NOTHING RETURNING staff_users.id INTO made;
    RETURN made;
END
$$;

-- Disables (revoking every token) or enables an account; never the acting admin's own, and for a
-- regional admin only accounts of their regions.
CREATE FUNCTION adal_staff_set_disabled(actor_token bytea, target uuid, disable boolean) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    actor record;
    found staff_users%ROWTYPE;
BEGIN
    SELECT * INTO actor FROM adal_acting_admin(actor_token);
    SELECT * INTO found FROM staff_users WHERE staff_users.id = target;
    IF found.id IS NULL THEN RETURN false; END IF;
    IF found.id = actor.id THEN
        RAISE EXCEPTION 'an admin does not disable or enable their own account' USING ERRCODE = '42501';
    END IF;
    IF NOT actor.all_regions AND (found.all_regions OR NOT found.region_id = ANY (actor.regions)) THEN
        RAISE EXCEPTION 'an admin of some regions changes accounts only in those regions' USING ERRCODE = '42501';
    END IF;
    IF disable THEN
        UPDATE staff_users SET disabled_at = coalesce(disabled_at, now()) WHERE staff_users.id = target;
        UPDATE staff_tokens SET revoked_at = now() WHERE user_id = target AND revoked_at IS NULL;
    ELSE
        UPDATE staff_users SET disabled_at = NULL WHERE staff_users.id = target;
    END IF;
    RETURN true;
END
$$;

REVOKE ALL ON FUNCTION adal_staff_add(bytea, text, text, text, bigint, bigint, text),
                       adal_staff_set_disabled(bytea, uuid, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adal_staff_add(bytea, text, text, text, bigint, bigint, text),
                          adal_staff_set_disabled(bytea, uuid, boolean) TO adal_api;

-- The hours before an event that its reminders go out: every region's, so only for an account that
-- sees every region.
GRANT INSERT, UPDATE, DELETE ON reminder_offsets TO adal_api;
ALTER TABLE reminder_offsets ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON reminder_offsets FOR SELECT USING (true);
CREATE POLICY all_regions_change ON reminder_offsets FOR INSERT TO adal_api WITH CHECK (adal_scope_all_regions());
CREATE POLICY all_regions_update ON reminder_offsets FOR UPDATE TO adal_api
    USING (adal_scope_all_regions()) WITH CHECK (adal_scope_all_regions());
CREATE POLICY all_regions_delete ON reminder_offsets FOR DELETE TO adal_api USING (adal_scope_all_regions());

-- The audit chain's links, to check the chain from the console: only with every region in sight
-- (a regional account cannot read every entry the chain covers).
GRANT SELECT ON audit_links TO adal_api;
ALTER TABLE audit_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY all_regions_read ON audit_links FOR SELECT TO adal_api USING (adal_scope_all_regions());

-- An admin changes a staff account's role and region, or gives it a new password, from the
-- console: through definer functions that find the acting admin from their live session, as
-- migration 0032's do, and keep a regional admin to accounts and regions of their own regions and
-- off their own account.

-- The account `target` may be changed by the acting admin: not their own; for a regional admin, an
-- account of their regions (never one that sees every region).
CREATE FUNCTION adal_staff_changeable(actor_token bytea, target uuid) RETURNS staff_users
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    actor record;
    found staff_users%ROWTYPE;
BEGIN
    SELECT * INTO actor FROM adal_acting_admin(actor_token);
    SELECT * INTO found FROM staff_users WHERE staff_users.id = target;
    IF found.id IS NULL THEN
        RAISE EXCEPTION 'no such staff account' USING ERRCODE = 'P0002';
    END IF;
    IF found.id = actor.id THEN
        RAISE EXCEPTION 'an admin does not change their own account here' USING ERRCODE = '42501';
    END IF;
    IF NOT actor.all_regions AND (found.all_regions OR NOT found.region_id = ANY (actor.regions)) THEN
        RAISE EXCEPTION 'an admin of some regions changes accounts only in those regions' USING ERRCODE = '42501';
    END IF;
    RETURN found;
END
$$;
REVOKE ALL ON FUNCTION adal_staff_changeable(bytea, uuid) FROM PUBLIC;

CREATE FUNCTION adal_staff_change(actor_token bytea, target uuid, new_role text, new_region bigint, new_office bigint)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    actor record;
BEGIN
    PERFORM adal_staff_changeable(actor_token, target);
    SELECT * INTO actor FROM adal_acting_admin(actor_token);
    IF NOT actor.all_regions AND (new_region IS NULL OR NOT new_region = ANY (actor.regions)) THEN
        RAISE EXCEPTION 'an admin of some regions gives accounts only those regions' USING ERRCODE = '42501';
    END IF;
    UPDATE staff_users SET role = new_role, region_id = new_region, office_id = new_office, all_regions = new_region IS NULL
    WHERE id = target;
END
$$;

CREATE FUNCTION adal_staff_set_password(actor_token bytea, target uuid, password text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM adal_staff_changeable(actor_token, target);
    UPDATE staff_users SET password_hash = password WHERE id = target;
END
$$;

REVOKE ALL ON FUNCTION adal_staff_change(bytea, uuid, text, bigint, bigint), adal_staff_set_password(bytea, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adal_staff_change(bytea, uuid, text, bigint, bigint), adal_staff_set_password(bytea, uuid, text) TO adal_api;

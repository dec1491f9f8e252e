-- The scope row-level security reads can no longer be set by the API's role itself. It is one
-- setting, adal.scope, signed (HMAC-SHA-256 under a secret only the owner's role reads) and bound to
-- the backend and the transaction; only two definer functions make it: adal_enter_session, from a
-- live staff session's token (the account's regions), and adal_enter_public_form, for the public
-- form's transaction (one region, in which it may add an application and see only what it added).
-- A plain set_config of adal.regions, adal.all_regions or adal.scope — or a signed value carried
-- over from another transaction — gives no scope: no rows.

INSERT INTO adal_secrets (name, secret) VALUES ('scopes', gen_random_bytes(32));

CREATE FUNCTION adal_scope_mac(payload text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT encode(hmac(convert_to(payload, 'UTF8'), (SELECT secret FROM adal_secrets WHERE name = 'scopes'), 'sha256'), 'hex')
$$;
REVOKE ALL ON FUNCTION adal_scope_mac(text) FROM PUBLIC;

-- The payload names this backend and this transaction's start, so it holds nowhere else.
CREATE FUNCTION adal_scope_payload(kind text, all_regions boolean, regions bigint[]) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT concat_ws('|', kind, all_regions, regions::text, pg_backend_pid(),
                     (extract(epoch FROM transaction_timestamp()) * 1000000)::bigint)
$$;

CREATE FUNCTION adal_scope_claim(OUT kind text, OUT all_regions boolean, OUT regions bigint[])
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    signed text := current_setting('adal.scope', true);
    payload text;
    parts text[];
BEGIN
    payload := substring(signed FROM '^(.*)\.[0-9a-f]{64}$');
    IF payload IS NULL OR right(signed, 64) <> adal_scope_mac(payload) THEN
        RETURN;
    END IF;
    parts := string_to_array(payload, '|');
    IF cardinality(parts) <> 5 OR payload <> adal_scope_payload(parts[1], parts[2]::boolean, parts[3]::bigint[]) THEN
        RETURN;
    END IF;
    kind := parts[1];
    all_regions := parts[2]::boolean;
    regions := parts[3]::bigint[];
END
$$;
REVOKE ALL ON FUNCTION adal_scope_claim() FROM PUBLIC;

CREATE OR REPLACE FUNCTION adal_scope_regions() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT c.regions FROM adal_scope_claim() c WHERE c.kind = 'staff'), '{}')
$$;

CREATE OR REPLACE FUNCTION adal_scope_all_regions() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT c.all_regions FROM adal_scope_claim() c WHERE c.kind = 'staff'), false)
$$;

CREATE FUNCTION adal_scope_public_region() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT (SELECT c.regions[1] FROM adal_scope_claim() c WHERE c.kind = 'public')
$$;
GRANT EXECUTE ON FUNCTION adal_scope_public_region() TO adal_api;

-- A live session's scope for this transaction; false (and no scope) when the token is not live.
CREATE FUNCTION adal_enter_session(token_digest bytea) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    account record;
BEGIN
    SELECT u.all_regions, u.region_id INTO account
    FROM staff_tokens t JOIN staff_users u ON u.id = t.user_id
    WHERE t.token_hash = token_digest AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
      AND u.disabled_at IS NULL;
    IF NOT FOUND THEN
        PERFORM set_config('adal.scope', '', true);
        RETURN false;
    END IF;
    PERFORM set_config('adal.scope', (SELECT p || '.' || adal_scope_mac(p) FROM adal_scope_payload(
        'staff', account.all_regions,
        CASE WHEN account.all_regions THEN '{}'::bigint[] ELSE ARRAY(SELECT region_subtree(account.region_id)) END) p), true);
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION adal_enter_session(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adal_enter_session(bytea) TO adal_api;

-- The public form's transaction: it may add an application (its history and audit entry, its
-- organisation) in one region, and read back only the rows it added.
CREATE FUNCTION adal_enter_public_form(region bigint) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT set_config('adal.scope', p || '.' || adal_scope_mac(p), true)
    FROM adal_scope_payload('public', false, ARRAY[region]) p
$$;
REVOKE ALL ON FUNCTION adal_enter_public_form(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adal_enter_public_form(bigint) TO adal_api;

-- "What it added" is what was made at its transaction's start time (the rows' own default), a time
-- the caller cannot choose for rows made by others.
CREATE POLICY public_form_adds ON applications FOR INSERT WITH CHECK (region_id = (SELECT adal_scope_public_region()));
CREATE POLICY public_form_reads_its_own ON applications FOR SELECT
    USING (region_id = (SELECT adal_scope_public_region()) AND created_at = transaction_timestamp());
CREATE POLICY public_form_adds ON application_history FOR INSERT WITH CHECK (region_id = (SELECT adal_scope_public_region()));
CREATE POLICY public_form_reads_its_own ON application_history FOR SELECT
    USING (region_id = (SELECT adal_scope_public_region()) AND at = transaction_timestamp());
CREATE POLICY public_form_adds ON audit_entries FOR INSERT WITH CHECK (region_id = (SELECT adal_scope_public_region()));
CREATE POLICY public_form_organisations ON organisations USING (region_id = (SELECT adal_scope_public_region()));

-- Every policy reads the scope once per statement, not once per row: the calls become subqueries
-- (cast, so that ANY takes the array and not a subquery of arrays).
DO $$
DECLARE
    policy record;
    using_clause text;
    check_clause text;
BEGIN
    FOR policy IN SELECT * FROM pg_policies WHERE schemaname = 'public'
                  AND (qual LIKE '%adal_scope_regions()%' OR qual LIKE '%adal_scope_all_regions()%'
                       OR with_check LIKE '%adal_scope_regions()%' OR with_check LIKE '%adal_scope_all_regions()%')
    LOOP
        using_clause := replace(replace(policy.qual, 'adal_scope_all_regions()', '(SELECT adal_scope_all_regions())'),
                                'adal_scope_regions()', '(SELECT adal_scope_regions())::bigint[]');
        check_clause := replace(replace(policy.with_check, 'adal_scope_all_regions()', '(SELECT adal_scope_all_regions())'),
                                'adal_scope_regions()', '(SELECT adal_scope_regions())::bigint[]');
        IF using_clause IS NOT NULL THEN
            EXECUTE format('ALTER POLICY %I ON %I.%I USING (%s)', policy.policyname, policy.schemaname, policy.tablename, using_clause);
        END IF;
        IF check_clause IS NOT NULL THEN
            EXECUTE format('ALTER POLICY %I ON %I.%I WITH CHECK (%s)', policy.policyname, policy.schemaname, policy.tablename, check_clause);
        END IF;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION adal_region_policy(scoped regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', scoped);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', scoped);
    EXECUTE format('DROP POLICY IF EXISTS in_scope ON %s', scoped);
    EXECUTE format('CREATE POLICY in_scope ON %s USING ((SELECT adal_scope_all_regions()) OR region_id = ANY ((SELECT adal_scope_regions())::bigint[]))',
                   scoped);
END
$$;

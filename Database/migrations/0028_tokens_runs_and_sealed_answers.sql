-- The last tables the API's role could read across offices:
--
-- * staff_tokens: the API finds a token's account and ends a session only through definer
--   functions; it can neither list tokens nor revoke another account's. Forced under row-level
--   security with no policy (the owner's role, which has BYPASSRLS, keeps the CLI's work on them).
-- * import_runs: a run belongs to its importer's region (none: an all-regions importer's, seen only
--   by all-regions staff), like the import.run audit entry that has always named it.
-- * idempotency_keys: the answer kept for a retry is sealed (AES-GCM) under a key derived from the
--   retry itself (its Idempotency-Key and body, neither of which is stored), so the table holds no
--   readable answer. Rows kept in clear by an earlier version are still replayed until swept.

CREATE FUNCTION adal_session_account(token_digest bytea) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT u.id FROM staff_tokens t JOIN staff_users u ON u.id = t.user_id
    WHERE t.token_hash = token_digest AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
      AND u.disabled_at IS NULL
$$;

-- Whoever holds a live token may end it; the account it belonged to, or NULL when it was not live.
CREATE FUNCTION adal_end_session(token_digest bytea) RETURNS uuid
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE staff_tokens SET revoked_at = now()
    WHERE token_hash = token_digest AND revoked_at IS NULL RETURNING user_id
$$;

REVOKE ALL ON FUNCTION adal_session_account(bytea), adal_end_session(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adal_session_account(bytea), adal_end_session(bytea) TO adal_api;
REVOKE ALL ON staff_tokens FROM adal_api;
ALTER TABLE staff_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_tokens FORCE ROW LEVEL SECURITY;

ALTER TABLE import_runs ADD COLUMN region_id bigint REFERENCES regions (id);
UPDATE import_runs r SET region_id = a.region_id
FROM audit_entries a WHERE a.action = 'import.run' AND a.entity = 'import_run' AND a.entity_id = r.id::text;
SELECT adal_region_policy('import_runs');

ALTER TABLE idempotency_keys ADD COLUMN sealed_body bytea;

-- Sign-in's counters are reached only through definer functions: the API's role can count, add and
-- (on a successful sign-in) clear the failures of one name from one client, and can neither read
-- the table nor empty another client's count to lift a lock.

CREATE FUNCTION adal_sign_in_failures(account bytea, from_client text, window_seconds double precision,
                                      OUT failures int, OUT earliest timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT count(*)::int, min(at) FROM sign_in_failures
    WHERE account_key = account AND client = from_client AND at > now() - make_interval(secs => window_seconds)
$$;

CREATE FUNCTION adal_record_sign_in_failure(account bytea, from_client text, window_seconds double precision) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM sign_in_failures WHERE at < now() - make_interval(secs => window_seconds);
    INSERT INTO sign_in_failures (account_key, client) VALUES (account, from_client);
$$;

-- After a successful sign-in, of that client only; the owner's CLI (a new password) clears them all.
CREATE FUNCTION adal_clear_sign_in_failures(account bytea, from_client text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM sign_in_failures
    WHERE account_key = account AND (client = from_client OR (from_client IS NULL AND session_user <> 'adal_api'))
$$;

REVOKE ALL ON FUNCTION adal_sign_in_failures(bytea, text, double precision),
    adal_record_sign_in_failure(bytea, text, double precision), adal_clear_sign_in_failures(bytea, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adal_sign_in_failures(bytea, text, double precision),
    adal_record_sign_in_failure(bytea, text, double precision), adal_clear_sign_in_failures(bytea, text) TO adal_api;
REVOKE ALL ON sign_in_failures FROM adal_api;
ALTER TABLE sign_in_failures ENABLE ROW LEVEL SECURITY;
ALTER TABLE sign_in_failures FORCE ROW LEVEL SECURITY;

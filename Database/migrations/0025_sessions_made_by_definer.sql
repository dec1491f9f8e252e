-- A session token is made only by the database, once it has checked the password against the
-- account's bcrypt hash (pgcrypto's crypt; Adal's $2b$ hashes are read as $2a$, the same algorithm
-- for passwords of at most 72 bytes): the API's role no longer inserts staff_tokens rows, so whoever
-- holds its password cannot make a session for an account whose password they do not know. For a
-- name with no usable account, the password is checked against the caller's stand-in hash of the
-- same cost, so the check takes the same time; no token is made.

CREATE FUNCTION adal_start_session(account_email text, password text, token_digest bytea, expires timestamptz,
                                   stand_in text)
RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    account_id uuid;
    account_hash text;
    checked text;
BEGIN
    SELECT id, password_hash INTO account_id, account_hash
    FROM staff_users WHERE email = lower(account_email) AND disabled_at IS NULL AND password_hash IS NOT NULL;
    checked := '$2a$' || substr(coalesce(account_hash, stand_in), 5);
    IF crypt(password, checked) IS DISTINCT FROM checked OR account_id IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO staff_tokens (user_id, kind, token_hash, expires_at) VALUES (account_id, 'session', token_digest, expires);
    RETURN account_id;
END
$$;
REVOKE ALL ON FUNCTION adal_start_session(text, text, bytea, timestamptz, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adal_start_session(text, text, bytea, timestamptz, text) TO adal_api;

REVOKE INSERT ON staff_tokens FROM adal_api;

-- Audit entries keep no contact details or identity numbers in clear: a national ID, phone,
-- e-mail address, postal address or birth date anywhere in an entry's before/after becomes a keyed
-- digest (HMAC-SHA-256 under a secret only the owner's role reads), so an office can still show
-- which field changed and prove a value by digesting it again, and erasing a person's data later
-- leaves the chain whole. A trigger does it, so every way an entry is written is covered. Entries
-- written before this migration are left as they were (changing them would break the chain).

CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- The database's own secrets, one per use, readable by the owner's role alone.
CREATE TABLE adal_secrets (
    name        text PRIMARY KEY,
    secret      bytea NOT NULL CHECK (length(secret) = 32)
);
INSERT INTO adal_secrets (name, secret) VALUES ('audit digests', gen_random_bytes(32));
REVOKE ALL ON adal_secrets FROM PUBLIC;

-- The digest of one personal value, as entries keep it.
CREATE FUNCTION adal_personal_digest(value text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT 'hmac-sha256:' || encode(hmac(convert_to(value, 'UTF8'), (SELECT secret FROM adal_secrets WHERE name = 'audit digests'), 'sha256'), 'hex')
$$;
REVOKE ALL ON FUNCTION adal_personal_digest(text) FROM PUBLIC;

-- The document with every personal value, at any depth, replaced by its digest.
CREATE FUNCTION adal_audit_redact(document jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    result jsonb;
    field text;
    value jsonb;
BEGIN
    IF document IS NULL THEN
        RETURN NULL;
    END IF;
    CASE jsonb_typeof(document)
    WHEN 'object' THEN
        result := '{}';
        FOR field, value IN SELECT * FROM jsonb_each(document) LOOP
            IF lower(replace(field, '_', '')) IN ('nationalid', 'phone', 'email', 'address', 'birthdate')
               AND jsonb_typeof(value) IN ('string', 'number') THEN
                result := result || jsonb_build_object(field, adal_personal_digest(value #>> '{}'));
            ELSE
                result := result || jsonb_build_object(field, adal_audit_redact(value));
            END IF;
        END LOOP;
        RETURN result;
    WHEN 'array' THEN
        RETURN (SELECT coalesce(jsonb_agg(adal_audit_redact(element) ORDER BY position), '[]')
                FROM jsonb_array_elements(document) WITH ORDINALITY AS e (element, position));
    ELSE
        RETURN document;
    END CASE;
END
$$;
REVOKE ALL ON FUNCTION adal_audit_redact(jsonb) FROM PUBLIC;

CREATE FUNCTION audit_entries_redact() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    NEW.before := adal_audit_redact(NEW.before);
    NEW.after := adal_audit_redact(NEW.after);
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_entries_redact BEFORE INSERT ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_redact();

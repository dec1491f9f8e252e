-- Certificate numbers run in sequence, so the public check asks for the number and a random code
-- printed beside it; certificates issued before get a code of their own now (10 characters of
-- Crockford's base 32; these from hex digits, which that alphabet includes).

ALTER TABLE certificates ADD COLUMN check_code text;
UPDATE certificates SET check_code = upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 10));
ALTER TABLE certificates ALTER COLUMN check_code SET NOT NULL;
ALTER TABLE certificates ADD CONSTRAINT certificates_check_code CHECK (check_code ~ '^[0-9A-HJKMNP-TV-Z]{10}$');

DROP FUNCTION certificate_lookup(text);
CREATE FUNCTION certificate_lookup(wanted text, given_code text)
RETURNS TABLE (number text, holder text, event_title text, event_date date, office_code text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT c.number, p.full_name, e.title,
           coalesce((e.starts_at AT TIME ZONE r.time_zone)::date, e.held_on), o.code
    FROM certificates c
    JOIN people p ON p.id = c.person_id
    JOIN events e ON e.id = c.event_id
    JOIN regions r ON r.id = e.region_id
    JOIN offices o ON o.id = c.office_id
    WHERE c.number = upper(wanted) AND c.check_code = given_code
$$;
REVOKE ALL ON FUNCTION certificate_lookup(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION certificate_lookup(text, text) TO adal_api;

-- A national ID already kept by another region's office: the registrar gets one answer (409
-- registered_elsewhere) and learns nothing of the other record; the attempt is kept here for the
-- admins whose regions cover both sides, to decide. The API's role cannot see the other side's
-- person, so a definer function finds it and writes the row; it can read only the rows whose both
-- regions are in its scope.

CREATE TABLE registration_conflicts (
    id              uuid PRIMARY KEY DEFAULT uuid_v7(),
    -- Where the registration was tried, and by whom, with the name as it was given.
    region_id       bigint NOT NULL REFERENCES regions (id),
    office_id       bigint REFERENCES offices (id),
    full_name       text NOT NULL,
    source          text NOT NULL CHECK (source IN ('volunteer', 'application')),
    attempted_by    text NOT NULL,
    attempted_at    timestamptz NOT NULL DEFAULT now(),
    -- The person already kept, and where.
    person_id       uuid NOT NULL REFERENCES people (id),
    other_region_id bigint NOT NULL REFERENCES regions (id),
    other_office_id bigint REFERENCES offices (id)
);
CREATE INDEX registration_conflicts_regions ON registration_conflicts (region_id, other_region_id);

ALTER TABLE registration_conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE registration_conflicts FORCE ROW LEVEL SECURITY;
CREATE POLICY both_in_scope ON registration_conflicts FOR SELECT
    USING (adal_scope_all_regions()
           OR (region_id = ANY (adal_scope_regions()) AND other_region_id = ANY (adal_scope_regions())));
GRANT SELECT ON registration_conflicts TO adal_api;

-- Records an attempt to register the holder of (wanted_kind, wanted_id) in `attempted_region`, which must
-- be in the caller's scope; returns the new row's id, or NULL when no person has that ID.
CREATE FUNCTION adal_record_registration_conflict(
    wanted_kind text, wanted_id text, attempted_region bigint, attempted_office bigint, given_name text,
    attempt_source text, attempt_actor text)
RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    held record;
    recorded uuid;
BEGIN
    IF NOT (adal_scope_all_regions() OR attempted_region = ANY (adal_scope_regions())) THEN
        RAISE EXCEPTION 'region % is outside the acting scope', attempted_region USING ERRCODE = '42501';
    END IF;
    SELECT p.id, p.region_id, v.office_id INTO held
    FROM people p LEFT JOIN volunteers v ON v.person_id = p.id
    WHERE p.national_id_kind = wanted_kind AND p.national_id = wanted_id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    INSERT INTO registration_conflicts (region_id, office_id, full_name, source, attempted_by, person_id,
                                        other_region_id, other_office_id)
    VALUES (attempted_region, attempted_office, given_name, attempt_source, attempt_actor, held.id, held.region_id,
            held.office_id)
    RETURNING id INTO recorded;
    RETURN recorded;
END
$$;
REVOKE ALL ON FUNCTION adal_record_registration_conflict(text, text, bigint, bigint, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adal_record_registration_conflict(text, text, bigint, bigint, text, text, text) TO adal_api;

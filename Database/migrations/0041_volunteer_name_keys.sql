-- Volunteers are found by name far more often than other people, and are one person in twenty: a
-- search through people's keys read every namesake (3,400 rows for a common name at a million
-- people) to keep the volunteers among them (Benchmarks/name-search.sh). Each volunteer carries
-- its person's keys, indexed; triggers keep them the person's (a volunteer gets them when made,
-- and again whenever its person's keys are rebuilt).
ALTER TABLE volunteers ADD COLUMN name_keys text[] NOT NULL DEFAULT '{}';
UPDATE volunteers v SET name_keys = p.name_keys FROM people p WHERE p.id = v.person_id AND p.name_keys <> '{}';
CREATE INDEX volunteers_name_keys ON volunteers USING gin (name_keys);

-- Definer functions: the person may be in a region the writing session's policy does not show.
CREATE FUNCTION adal_volunteer_takes_name_keys() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    NEW.name_keys := coalesce((SELECT name_keys FROM people WHERE id = NEW.person_id), '{}');
    RETURN NEW;
END
$$;
CREATE TRIGGER volunteers_take_name_keys BEFORE INSERT OR UPDATE OF person_id ON volunteers
    FOR EACH ROW EXECUTE FUNCTION adal_volunteer_takes_name_keys();

CREATE FUNCTION adal_person_gives_name_keys() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE volunteers SET name_keys = NEW.name_keys WHERE person_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER people_give_name_keys AFTER UPDATE OF name_keys ON people
    FOR EACH ROW WHEN (OLD.name_keys IS DISTINCT FROM NEW.name_keys) EXECUTE FUNCTION adal_person_gives_name_keys();

-- As adal_people_with_all_name_keys (0040), for volunteers, with the volunteers' policy's scope.
CREATE FUNCTION adal_volunteers_with_all_name_keys(keys text[]) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT v.id FROM volunteers v
    WHERE v.name_keys @> keys
      AND (session_user <> 'adal_api' OR adal_scope_all_regions() OR v.region_id = ANY (adal_scope_regions()))
$$;

REVOKE ALL ON FUNCTION adal_volunteers_with_all_name_keys(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adal_volunteers_with_all_name_keys(text[]) TO adal_api;
REVOKE ALL ON FUNCTION adal_volunteer_takes_name_keys() FROM PUBLIC;
REVOKE ALL ON FUNCTION adal_person_gives_name_keys() FROM PUBLIC;

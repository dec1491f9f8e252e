-- Age groups in the volunteers report read each volunteer's birth date; looking up tens of
-- thousands of people one by one is too slow at a country's scale, so a volunteer carries a copy
-- of their person's birth date, kept equal by triggers.

ALTER TABLE volunteers ADD COLUMN birth_date date;
UPDATE volunteers v SET birth_date = p.birth_date FROM people p WHERE p.id = v.person_id AND p.birth_date IS NOT NULL;

CREATE FUNCTION adal_volunteer_birth_date() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.birth_date := (SELECT birth_date FROM people WHERE id = NEW.person_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER volunteers_birth_date BEFORE INSERT OR UPDATE OF person_id ON volunteers
    FOR EACH ROW EXECUTE FUNCTION adal_volunteer_birth_date();

CREATE FUNCTION adal_person_birth_date() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE volunteers SET birth_date = NEW.birth_date WHERE person_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER people_birth_date AFTER UPDATE OF birth_date ON people
    FOR EACH ROW WHEN (OLD.birth_date IS DISTINCT FROM NEW.birth_date) EXECUTE FUNCTION adal_person_birth_date();

-- Running events: scheduling in local time, postponing and cancelling with history, holding
-- council meetings with a quorum, certificates numbered per office and year without gaps.

ALTER TABLE events
    ADD COLUMN capacity int CHECK (capacity > 0),
    -- RFC 5545 SEQUENCE: raised on every change a calendar must learn of.
    ADD COLUMN sequence int NOT NULL DEFAULT 0,
    ADD COLUMN cancel_reason text,
    ADD COLUMN without_quorum_reason text,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT events_cancel_reason CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL OR seed_ref IS NOT NULL);

-- Every scheduling change, so postponing keeps what was planned before.
CREATE TABLE event_changes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid NOT NULL REFERENCES events (id),
    region_id       bigint NOT NULL REFERENCES regions (id),
    at              timestamptz NOT NULL DEFAULT now(),
    actor           text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('scheduled', 'postponed', 'cancelled', 'held')),
    from_starts_at  timestamptz,
    to_starts_at    timestamptz,
    note            text
);
CREATE INDEX event_changes_event ON event_changes (event_id, id);

-- The last certificate number given per office and year; taken with a row lock in the issuing
-- transaction, so numbers are consecutive and a rolled-back issue leaves no gap.
CREATE TABLE certificate_counters (
    office_id   bigint NOT NULL REFERENCES offices (id),
    region_id   bigint NOT NULL REFERENCES regions (id),
    year        int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    last_serial int NOT NULL CHECK (last_serial >= 0),
    PRIMARY KEY (office_id, year)
);

CREATE TABLE certificates (
    number          text PRIMARY KEY CHECK (number ~ '^[A-Z0-9-]+-[0-9]{4}-[0-9]{4,}$'),
    office_id       bigint NOT NULL REFERENCES offices (id),
    year            int NOT NULL,
    serial          int NOT NULL CHECK (serial > 0),
    event_id        uuid NOT NULL REFERENCES events (id),
    participant_id  uuid NOT NULL UNIQUE REFERENCES participants (id),
    person_id       uuid NOT NULL REFERENCES people (id),
    region_id       bigint NOT NULL REFERENCES regions (id),
    language        text NOT NULL CHECK (language IN ('kk', 'ru', 'uz', 'az', 'en')),
    issued_at       timestamptz NOT NULL DEFAULT now(),
    issued_by       text NOT NULL,
    UNIQUE (office_id, year, serial)
);
CREATE INDEX certificates_event ON certificates (event_id);

DO $$
DECLARE
    scoped text;
BEGIN
    FOREACH scoped IN ARRAY ARRAY['event_changes', 'certificate_counters', 'certificates']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', scoped);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', scoped);
        EXECUTE format('CREATE POLICY in_scope ON %I USING (adal_scope_all_regions() OR region_id = ANY (adal_scope_regions()))', scoped);
    END LOOP;
END
$$;
GRANT SELECT, INSERT ON event_changes, certificates TO adal_api;
GRANT SELECT, INSERT, UPDATE ON certificate_counters TO adal_api;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO adal_api;

-- Anyone may check a certificate by its number: whose it is, for which event and date, and nothing
-- else. A definer function, so the public endpoint needs no scope and sees no other column.
CREATE FUNCTION certificate_lookup(wanted text)
RETURNS TABLE (number text, holder text, event_title text, event_date date, office_code text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT c.number, p.full_name, e.title,
           coalesce((e.starts_at AT TIME ZONE r.time_zone)::date, e.held_on), o.code
    FROM certificates c
    JOIN people p ON p.id = c.person_id
    JOIN events e ON e.id = c.event_id
    JOIN regions r ON r.id = e.region_id
    JOIN offices o ON o.id = c.office_id
    WHERE c.number = upper(wanted)
$$;
REVOKE ALL ON FUNCTION certificate_lookup(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION certificate_lookup(text) TO adal_api;

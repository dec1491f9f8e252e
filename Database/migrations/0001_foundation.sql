-- Foundation: regions, offices, organisations, people, volunteers, action plans, events,
-- councils and the audit log.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Time-ordered UUIDs (version 7), so new rows land at the end of their indexes.
CREATE FUNCTION uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE AS $$
    SELECT encode(
        set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
                    PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                    FROM 1 FOR 6),
            52, 1), 53, 1),
        'hex')::uuid
$$;

CREATE TABLE regions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2}(-[A-Z0-9]{1,6})*$'),
    parent_id   bigint REFERENCES regions (id),
    level       text NOT NULL CHECK (level IN ('country', 'region', 'district', 'rural_district')),
    country     text NOT NULL CHECK (country IN ('KZ', 'UZ', 'AZ')),
    time_zone   text NOT NULL CHECK (time_zone ~ '^[A-Za-z_]+/[A-Za-z_/+-]+$'),
    names       jsonb NOT NULL CHECK (jsonb_typeof(names) = 'object' AND names ? 'en'),
    search_key  text NOT NULL,
    CHECK ((level = 'country') = (parent_id IS NULL)),
    CHECK (level <> 'country' OR code = country)
);
CREATE INDEX regions_parent ON regions (parent_id);

-- A region and every region under it: what "in region X" means everywhere.
CREATE FUNCTION region_subtree(root bigint) RETURNS SETOF bigint
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE sub AS (
        SELECT id FROM regions WHERE id = root
        UNION ALL
        SELECT r.id FROM regions r JOIN sub ON r.parent_id = sub.id
    )
    SELECT id FROM sub
$$;

-- Older codes still found in exports (KZ-KAR for Karaganda, renumbered KZ-35 in 2022).
CREATE TABLE region_aliases (
    alias       text PRIMARY KEY CHECK (alias ~ '^[A-Z]{2}(-[A-Z0-9]{1,6})*$'),
    region_id   bigint NOT NULL REFERENCES regions (id)
);

CREATE TABLE offices (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
    region_id   bigint NOT NULL REFERENCES regions (id),
    kind        text NOT NULL CHECK (kind IN ('prevention_office', 'agency_department', 'local_government')),
    names       jsonb NOT NULL CHECK (jsonb_typeof(names) = 'object' AND names ? 'en'),
    email       text CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    phone       text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    address     text
);
CREATE INDEX offices_region ON offices (region_id);

CREATE TABLE organisations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_id   bigint REFERENCES regions (id),
    kind        text NOT NULL CHECK (kind IN ('ngo', 'business', 'quasi_public', 'university', 'media', 'state_body')),
    name        text NOT NULL CHECK (length(btrim(name)) > 0),
    search_key  text NOT NULL,
    UNIQUE NULLS NOT DISTINCT (region_id, name)
);
CREATE INDEX organisations_search ON organisations USING gin (search_key gin_trgm_ops);

CREATE TABLE people (
    id                  uuid PRIMARY KEY DEFAULT uuid_v7(),
    region_id           bigint NOT NULL REFERENCES regions (id),
    full_name           text NOT NULL CHECK (length(btrim(full_name)) > 0),
    last_name           text,
    first_name          text,
    middle_name         text,
    search_key          text NOT NULL,
    position            text,
    organisation_id     bigint REFERENCES organisations (id),
    national_id_kind    text CHECK (national_id_kind IN ('kz_iin', 'uz_pinfl', 'az_fin')),
    national_id         text,
    birth_date          date,
    sex                 text CHECK (sex IN ('male', 'female')),
    phone               text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    email               text CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    language            text NOT NULL DEFAULT 'ru' CHECK (language IN ('kk', 'ru', 'uz', 'az', 'en')),
    consent_at          timestamptz,
    consent_version     text,
    -- The key a record from seeds/ is known by, so that seeding twice changes nothing.
    seed_ref            text UNIQUE,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK ((national_id IS NULL) = (national_id_kind IS NULL)),
    CHECK (national_id_kind <> 'kz_iin' OR national_id ~ '^[0-9]{12}$'),
    CHECK (national_id_kind <> 'uz_pinfl' OR national_id ~ '^[0-9]{14}$'),
    CHECK (national_id_kind <> 'az_fin' OR national_id ~ '^[0-9A-HJ-NP-Z]{7}$'),
    CHECK ((consent_at IS NULL) = (consent_version IS NULL)),
    UNIQUE (national_id_kind, national_id)
);
CREATE INDEX people_region ON people (region_id);
CREATE INDEX people_search ON people USING gin (search_key gin_trgm_ops);

-- A volunteering programme an office runs, with the areas it covers and how people apply to it.
CREATE TABLE volunteer_programmes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,30}$'),
    region_id       bigint NOT NULL REFERENCES regions (id),
    office_id       bigint REFERENCES offices (id),
    names           jsonb NOT NULL CHECK (jsonb_typeof(names) = 'object' AND names ? 'en'),
    areas           text[] NOT NULL CHECK (
                        areas <@ ARRAY['budget_control', 'anti_corruption_education', 'legal_aid',
                                       'public_monitoring', 'awareness']),
    intake_channels text[] NOT NULL CHECK (intake_channels <@ ARRAY['eotinish', 'email', 'office', 'web']),
    contact_email   text CHECK (contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    started_on      date,
    age_limit       boolean NOT NULL DEFAULT false
);

CREATE TABLE volunteers (
    id                  uuid PRIMARY KEY DEFAULT uuid_v7(),
    person_id           uuid NOT NULL UNIQUE REFERENCES people (id),
    region_id           bigint NOT NULL REFERENCES regions (id),
    office_id           bigint REFERENCES offices (id),
    programme_id        bigint REFERENCES volunteer_programmes (id),
    kind                text NOT NULL CHECK (kind IN ('individual', 'student', 'corporate', 'pro_bono', 'ngo')),
    organisation_id     bigint REFERENCES organisations (id),
    areas               text[] NOT NULL CHECK (
                            cardinality(areas) > 0
                            AND areas <@ ARRAY['budget_control', 'anti_corruption_education', 'legal_aid',
                                               'public_monitoring', 'awareness']),
    status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'withdrawn', 'suspended')),
    joined_on           date NOT NULL DEFAULT current_date,
    hours               numeric(8, 1) NOT NULL DEFAULT 0 CHECK (hours >= 0),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (kind NOT IN ('corporate', 'pro_bono', 'ngo') OR organisation_id IS NOT NULL)
);
CREATE INDEX volunteers_region ON volunteers (region_id, created_at, id);

CREATE TABLE action_plans (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    country     text NOT NULL CHECK (country IN ('KZ', 'UZ', 'AZ')),
    title       jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object' AND title ? 'en'),
    first_year  int NOT NULL,
    last_year   int NOT NULL,
    adopted_by  text,
    CHECK (last_year >= first_year)
);

CREATE TABLE plan_items (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id     bigint NOT NULL REFERENCES action_plans (id),
    number      text NOT NULL CHECK (number ~ '^[0-9]+(\.[0-9]+)*$'),
    title       jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object' AND title ? 'en'),
    UNIQUE (plan_id, number)
);

CREATE TABLE councils (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,30}$'),
    region_id       bigint NOT NULL REFERENCES regions (id),
    office_id       bigint REFERENCES offices (id),
    kind            text NOT NULL CHECK (kind IN ('anti_corruption_council', 'commission', 'public_council')),
    names           jsonb NOT NULL CHECK (jsonb_typeof(names) = 'object' AND names ? 'en'),
    established_on  date,
    -- Share of members in office that makes a quorum; NULL means more than half.
    quorum_fraction numeric(3, 2) CHECK (quorum_fraction > 0 AND quorum_fraction <= 1)
);
CREATE INDEX councils_region ON councils (region_id);

CREATE TABLE council_members (
    id          uuid PRIMARY KEY DEFAULT uuid_v7(),
    council_id  bigint NOT NULL REFERENCES councils (id),
    person_id   uuid NOT NULL REFERENCES people (id),
    region_id   bigint NOT NULL REFERENCES regions (id),
    position    text,
    role        text NOT NULL CHECK (role IN ('chair', 'deputy_chair', 'secretary', 'member')),
    -- NULL when the source does not say since when the member serves.
    term_from   date,
    term_to     date,
    CHECK (term_to IS NULL OR term_to >= term_from),
    UNIQUE NULLS NOT DISTINCT (council_id, person_id, term_from)
);

CREATE TABLE events (
    id              uuid PRIMARY KEY DEFAULT uuid_v7(),
    seed_ref        text UNIQUE,
    region_id       bigint NOT NULL REFERENCES regions (id),
    office_id       bigint REFERENCES offices (id),
    council_id      bigint REFERENCES councils (id),
    kind            text NOT NULL CHECK (kind IN ('public_hearing', 'council_meeting', 'commission_meeting', 'seminar',
                                                  'round_table', 'videoconference', 'awareness_meeting', 'training')),
    format          text NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
    title           text NOT NULL CHECK (length(btrim(title)) > 0),
    topic           text,
    venue           text,
    link            text CHECK (link ~ '^https?://'),
    -- A past event known only from a report may lack its exact time, or be known by its date alone.
    starts_at       timestamptz,
    ends_at         timestamptz,
    held_on         date,
    status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled', 'postponed')),
    minutes         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at IS NULL OR (starts_at IS NOT NULL AND ends_at > starts_at)),
    CHECK (kind NOT IN ('council_meeting', 'commission_meeting') OR council_id IS NOT NULL OR status = 'held')
);
CREATE INDEX events_region_start ON events (region_id, starts_at);

CREATE TABLE event_partners (
    event_id        uuid NOT NULL REFERENCES events (id),
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (event_id, organisation_id)
);

CREATE TABLE event_plan_items (
    event_id        uuid NOT NULL REFERENCES events (id),
    plan_item_id    bigint NOT NULL REFERENCES plan_items (id),
    PRIMARY KEY (event_id, plan_item_id)
);

CREATE TABLE participants (
    id          uuid PRIMARY KEY DEFAULT uuid_v7(),
    event_id    uuid NOT NULL REFERENCES events (id),
    person_id   uuid NOT NULL REFERENCES people (id),
    region_id   bigint NOT NULL REFERENCES regions (id),
    role        text NOT NULL CHECK (role IN ('moderator', 'speaker', 'participant', 'media', 'observer', 'organiser')),
    invitation  text NOT NULL DEFAULT 'invited' CHECK (invitation IN ('invited', 'registered', 'declined')),
    attendance  text CHECK (attendance IN ('attended', 'absent')),
    UNIQUE (event_id, person_id)
);
CREATE INDEX participants_person ON participants (person_id);

-- The audit log: append-only. Entries are written inside the transaction of the change they
-- record, with no lock between writers; the hash chain over them is built afterwards by
-- sealing (audit_chain), in the order entries were sealed.
CREATE TABLE audit_entries (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL CHECK (length(actor) > 0),
    action      text NOT NULL,
    entity      text NOT NULL,
    entity_id   text NOT NULL,
    region_id   bigint REFERENCES regions (id),
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_entries_entity ON audit_entries (entity, entity_id);

CREATE TABLE audit_chain (
    position    bigint PRIMARY KEY CHECK (position > 0),
    entry_id    bigint NOT NULL UNIQUE REFERENCES audit_entries (id),
    hash        bytea NOT NULL CHECK (length(hash) = 32),
    sealed_at   timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

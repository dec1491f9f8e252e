-- Applications to volunteer, from eOtinish, e-mail, the office and the web, with their review,
-- correspondence, attachments and the import runs that brought them; and the working-day
-- calendars their legal deadlines are counted on.

-- Weekdays off (holiday) and weekend days worked (working) per country; other days follow the week.
CREATE TABLE calendar_days (
    country     text NOT NULL CHECK (country IN ('KZ', 'UZ', 'AZ')),
    day         date NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('holiday', 'working')),
    name        text NOT NULL,
    PRIMARY KEY (country, day)
);

CREATE TABLE import_runs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel         text NOT NULL CHECK (channel IN ('eotinish', 'email')),
    source          text NOT NULL,
    actor           text NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    new_count       int NOT NULL DEFAULT 0 CHECK (new_count >= 0),
    present_count   int NOT NULL DEFAULT 0 CHECK (present_count >= 0),
    follow_up_count int NOT NULL DEFAULT 0 CHECK (follow_up_count >= 0),
    rejected_count  int NOT NULL DEFAULT 0 CHECK (rejected_count >= 0),
    -- [{"record": 12, "reason": "…"}]: what could not be parsed, so nothing of it was stored.
    rejections      jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE applications (
    id                  uuid PRIMARY KEY DEFAULT uuid_v7(),
    region_id           bigint NOT NULL REFERENCES regions (id),
    office_id           bigint REFERENCES offices (id),
    channel             text NOT NULL CHECK (channel IN ('eotinish', 'email', 'office', 'web')),
    -- eOtinish registration number, e-mail Message-ID, or a generated key for office and web.
    external_ref        text NOT NULL CHECK (length(external_ref) > 0),
    appeal_type         text CHECK (appeal_type IN ('proposal', 'application', 'complaint', 'request', 'response')),
    received_at         timestamptz NOT NULL,
    -- The applicant as given: values that failed their check are kept as written and listed in problems.
    last_name           text,
    first_name          text,
    middle_name         text,
    full_name           text NOT NULL,
    search_key          text NOT NULL,
    national_id_kind    text CHECK (national_id_kind IN ('kz_iin', 'uz_pinfl', 'az_fin')),
    national_id         text,
    national_id_valid   boolean NOT NULL DEFAULT false,
    birth_date          date,
    phone               text,
    email               text,
    address             text,
    organisation        text,
    areas               text[] NOT NULL DEFAULT '{}' CHECK (
                            areas <@ ARRAY['budget_control', 'anti_corruption_education', 'legal_aid',
                                           'public_monitoring', 'awareness']),
    subject             text,
    motivation          text,
    raw_source          text NOT NULL,
    problems            jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(problems) = 'array'),
    status              text NOT NULL DEFAULT 'received'
                            CHECK (status IN ('received', 'screening', 'needs_info', 'accepted', 'rejected', 'withdrawn')),
    reviewer            text,
    due_on              date NOT NULL,
    extension_days      int CHECK (extension_days BETWEEN 1 AND 15),
    extension_reason    text,
    decision_reason     text,
    decided_at          timestamptz,
    person_id           uuid REFERENCES people (id),
    volunteer_id        uuid REFERENCES volunteers (id),
    import_run_id       bigint REFERENCES import_runs (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (channel, external_ref),
    CHECK ((extension_days IS NULL) = (extension_reason IS NULL)),
    CHECK (status NOT IN ('accepted', 'rejected', 'withdrawn') OR decided_at IS NOT NULL),
    CHECK (status <> 'accepted' OR volunteer_id IS NOT NULL),
    CHECK (status NOT IN ('rejected', 'withdrawn') OR decision_reason IS NOT NULL)
);
CREATE INDEX applications_region_due ON applications (region_id, due_on) WHERE status IN ('received', 'screening', 'needs_info');
CREATE INDEX applications_national_id ON applications (national_id_kind, national_id);
CREATE INDEX applications_search ON applications USING gin (search_key gin_trgm_ops);

-- Every transition, note, assignment and extension, in order.
CREATE TABLE application_history (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  uuid NOT NULL REFERENCES applications (id),
    region_id       bigint NOT NULL REFERENCES regions (id),
    at              timestamptz NOT NULL DEFAULT now(),
    actor           text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('received', 'transition', 'note', 'assignment', 'extension', 'correspondence')),
    from_status     text,
    to_status       text,
    note            text
);
CREATE INDEX application_history_application ON application_history (application_id, id);

CREATE TABLE application_attachments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  uuid NOT NULL REFERENCES applications (id),
    region_id       bigint NOT NULL REFERENCES regions (id),
    file_name       text NOT NULL,
    content_type    text NOT NULL,
    size            int NOT NULL CHECK (size BETWEEN 0 AND 10485760),
    sha256          bytea NOT NULL CHECK (length(sha256) = 32),
    content         bytea NOT NULL,
    CHECK (length(content) = size),
    UNIQUE (application_id, sha256, file_name)
);

-- Follow-up messages (replies) attached to an application instead of becoming new ones.
CREATE TABLE application_messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  uuid NOT NULL REFERENCES applications (id),
    region_id       bigint NOT NULL REFERENCES regions (id),
    message_id      text NOT NULL UNIQUE,
    received_at     timestamptz NOT NULL,
    sender          text,
    subject         text,
    body            text,
    raw_source      text NOT NULL
);

-- What meetings decide and who must do what by when: agenda items, decisions, tasks and their
-- progress reports; volunteers assigned to events.

CREATE TABLE agenda_items (
    id          uuid PRIMARY KEY DEFAULT uuid_v7(),
    event_id    uuid NOT NULL REFERENCES events (id),
    region_id   bigint NOT NULL REFERENCES regions (id),
    position    int NOT NULL CHECK (position > 0),
    title       text NOT NULL CHECK (length(btrim(title)) > 0),
    presenter   text,
    UNIQUE (event_id, position)
);

CREATE TABLE decisions (
    id              uuid PRIMARY KEY DEFAULT uuid_v7(),
    event_id        uuid NOT NULL REFERENCES events (id),
    agenda_item_id  uuid REFERENCES agenda_items (id),
    region_id       bigint NOT NULL REFERENCES regions (id),
    text            text NOT NULL CHECK (length(btrim(text)) > 0),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_event ON decisions (event_id);

CREATE TABLE tasks (
    id                  uuid PRIMARY KEY DEFAULT uuid_v7(),
    decision_id         uuid NOT NULL REFERENCES decisions (id),
    region_id           bigint NOT NULL REFERENCES regions (id),
    title               text NOT NULL CHECK (length(btrim(title)) > 0),
    -- A person or an organisation; the name is kept as shown.
    assignee_person_id  uuid REFERENCES people (id),
    assignee_organisation_id bigint REFERENCES organisations (id),
    due_on              date NOT NULL,
    status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    closed_at           timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CHECK ((assignee_person_id IS NULL) <> (assignee_organisation_id IS NULL)),
    CHECK ((status = 'open') = (closed_at IS NULL))
);
CREATE INDEX tasks_open_due ON tasks (region_id, due_on) WHERE status = 'open';

CREATE TABLE task_reports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id     uuid NOT NULL REFERENCES tasks (id),
    region_id   bigint NOT NULL REFERENCES regions (id),
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    text        text NOT NULL CHECK (length(btrim(text)) > 0)
);
CREATE INDEX task_reports_task ON task_reports (task_id, id);

CREATE TABLE event_volunteers (
    event_id        uuid NOT NULL REFERENCES events (id),
    volunteer_id    uuid NOT NULL REFERENCES volunteers (id),
    region_id       bigint NOT NULL REFERENCES regions (id),
    role            text NOT NULL CHECK (length(btrim(role)) > 0),
    PRIMARY KEY (event_id, volunteer_id)
);
CREATE INDEX event_volunteers_volunteer ON event_volunteers (volunteer_id);

DO $$
DECLARE
    scoped text;
BEGIN
    FOREACH scoped IN ARRAY ARRAY['agenda_items', 'decisions', 'tasks', 'task_reports', 'event_volunteers']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', scoped);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', scoped);
        EXECUTE format('CREATE POLICY in_scope ON %I USING (adal_scope_all_regions() OR region_id = ANY (adal_scope_regions()))', scoped);
    END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON agenda_items, decisions, tasks, task_reports, event_volunteers TO adal_api;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO adal_api;

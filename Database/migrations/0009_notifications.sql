-- Who is reminded, of what, when and in which language; and the scheduler's ticks.
--
-- Staff may choose the language their reminders come in; otherwise their office's language is
-- used. An office has a head, who hears of its overdue applications. Events are reminded at
-- offsets set per event kind and format, overridable per event. Periodic work (planning
-- reminders, the weekly digest, sealing the audit log) is a row in `schedules`: a worker takes a
-- tick by moving next_at on in the transaction that does the work, so however many workers run,
-- each tick runs once, and a tick missed while no worker ran is due (and run) at the next start.

ALTER TABLE staff_users ADD COLUMN language text CHECK (language IN ('kk', 'ru', 'uz', 'az', 'en'));
ALTER TABLE offices ADD COLUMN language text CHECK (language IN ('kk', 'ru', 'uz', 'az', 'en'));
ALTER TABLE offices ADD COLUMN head_user_id uuid REFERENCES staff_users (id);

-- The language an office works in when it has not said: its country's own.
CREATE FUNCTION adal_office_language(office_id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(o.language, CASE r.country WHEN 'KZ' THEN 'kk' WHEN 'UZ' THEN 'uz' WHEN 'AZ' THEN 'az' END, 'ru')
    FROM offices o JOIN regions r ON r.id = o.region_id WHERE o.id = office_id
$$;

-- Hours before the start at which participants are reminded.
ALTER TABLE events ADD COLUMN reminder_hours int[]
    CHECK (cardinality(reminder_hours) BETWEEN 1 AND 5 AND 1 <= ALL (reminder_hours) AND 720 >= ALL (reminder_hours));
CREATE TABLE reminder_offsets (
    event_kind  text NOT NULL,
    format      text NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
    hours       int[] NOT NULL CHECK (cardinality(hours) BETWEEN 1 AND 5 AND 1 <= ALL (hours) AND 720 >= ALL (hours)),
    PRIMARY KEY (event_kind, format)
);
-- Which hours apply to an event: its own, else its kind and format's, else 72/24 h in person and 24/2 h online.
CREATE FUNCTION adal_reminder_hours(event_hours int[], event_kind text, event_format text) RETURNS int[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(event_hours,
                    (SELECT hours FROM reminder_offsets WHERE reminder_offsets.event_kind = $2 AND format = $3),
                    CASE WHEN event_format = 'online' THEN ARRAY[24, 2] ELSE ARRAY[72, 24] END)
$$;

CREATE TABLE schedules (
    name        text PRIMARY KEY,
    every       interval NOT NULL CHECK (every > interval '0'),
    next_at     timestamptz NOT NULL DEFAULT now(),
    runs        bigint NOT NULL DEFAULT 0,
    last_run_at timestamptz,
    last_result text
);
INSERT INTO schedules (name, every) VALUES
    ('plan-reminders', interval '1 minute'),
    ('weekly-digest', interval '10 minutes'),
    ('seal-audit', interval '5 minutes');

GRANT SELECT ON reminder_offsets TO adal_api;

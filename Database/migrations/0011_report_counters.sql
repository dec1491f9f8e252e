-- Reports at a country's scale add up who was present at tens of thousands of events; counting
-- millions of participation rows each time is too slow. Each event keeps its own counts of people
-- present and media present, maintained by statement-level triggers on participants (a COPY of a
-- million rows updates each event once), and the period filters get an index on the start.

ALTER TABLE events ADD COLUMN attended_count int NOT NULL DEFAULT 0 CHECK (attended_count >= 0);
ALTER TABLE events ADD COLUMN media_count int NOT NULL DEFAULT 0 CHECK (media_count >= 0);

UPDATE events e SET attended_count = c.attended, media_count = c.media
FROM (SELECT event_id, count(*) AS attended, count(*) FILTER (WHERE role = 'media') AS media
      FROM participants WHERE attendance = 'attended' GROUP BY event_id) c
WHERE c.event_id = e.id;

CREATE FUNCTION adal_count_attendance() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE events e SET attended_count = e.attended_count - c.attended, media_count = e.media_count - c.media
        FROM (SELECT event_id, count(*) AS attended, count(*) FILTER (WHERE role = 'media') AS media
              FROM old_rows WHERE attendance = 'attended' GROUP BY event_id) c
        WHERE c.event_id = e.id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE events e SET attended_count = e.attended_count + c.attended, media_count = e.media_count + c.media
        FROM (SELECT event_id, count(*) AS attended, count(*) FILTER (WHERE role = 'media') AS media
              FROM new_rows WHERE attendance = 'attended' GROUP BY event_id) c
        WHERE c.event_id = e.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER participants_count_insert AFTER INSERT ON participants
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION adal_count_attendance();
CREATE TRIGGER participants_count_update AFTER UPDATE ON participants
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION adal_count_attendance();
CREATE TRIGGER participants_count_delete AFTER DELETE ON participants
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION adal_count_attendance();

CREATE INDEX events_starts ON events (starts_at);
CREATE INDEX events_held_on ON events (held_on) WHERE starts_at IS NULL;
CREATE INDEX event_plan_items_item ON event_plan_items (plan_item_id);
CREATE INDEX events_council ON events (council_id) WHERE council_id IS NOT NULL;

-- Row-level security on the tables that had none and belong to a region through their parent:
-- an event's partners and plan items are visible and writable exactly where the event is (the
-- policy's subquery reads events under events' own policy). Idempotency records, which keep whole
-- answers, are swept by the worker once they are a day old, not only when their owner sends again.

ALTER TABLE event_partners ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_partners FORCE ROW LEVEL SECURITY;
CREATE POLICY through_event ON event_partners
    USING (EXISTS (SELECT 1 FROM events e WHERE e.id = event_partners.event_id));

ALTER TABLE event_plan_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_plan_items FORCE ROW LEVEL SECURITY;
CREATE POLICY through_event ON event_plan_items
    USING (EXISTS (SELECT 1 FROM events e WHERE e.id = event_plan_items.event_id));

INSERT INTO schedules (name, every) VALUES ('sweep-idempotency', interval '1 hour');
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

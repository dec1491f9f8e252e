-- Changing an event's details (title, venue, link, …) is a history line of its own, and a council
-- may set the share of members its quorum needs.
ALTER TABLE event_changes DROP CONSTRAINT event_changes_kind_check;
ALTER TABLE event_changes ADD CONSTRAINT event_changes_kind_check
    CHECK (kind IN ('scheduled', 'updated', 'postponed', 'cancelled', 'held'));

-- A council member the office reaches itself (no e-mail or phone of theirs is kept: a letter, a
-- call through their organisation) is marked so; any other member needs an address or a phone.
-- One chair at a time is kept by Core, which ends the old chair's term when a new one begins.
ALTER TABLE council_members ADD COLUMN reached_by_office boolean NOT NULL DEFAULT false;
CREATE INDEX council_members_role ON council_members (council_id, role);

-- A message the mail server accepted, written down (and committed) the moment it is accepted,
-- before the worker sends the next one: a worker killed in the middle of a batch leaves a record
-- of every message that went out, so at most the one in flight is sent twice.
--
-- This used to be the job's own update and its delivery row, one statement per message: with
-- the jobs' indexes (a new entry in each for every update) and the delivery row's foreign-key
-- checks, that cost PostgreSQL several times this insert. The rows are moved into `deliveries`, and their jobs marked done,
-- in one statement per batch (and at least once a second) by the worker that sent them, or —
-- when that worker died — by the worker that claims those jobs again once their lease ran out,
-- which then does not send them.
--
-- The table only ever holds the messages of batches in flight, so it has no index to keep; only
-- the worker reads or writes it: adal_api has no grant.
CREATE TABLE accepted_messages (
    job_id          bigint NOT NULL,
    worker          text NOT NULL,
    region_id       bigint,
    channel         text NOT NULL,
    recipient       text NOT NULL,
    message_id      text,
    response        text,
    at              timestamptz NOT NULL DEFAULT now()
);

-- Scoped like every table with a region (the worker's role bypasses row security, as for jobs).
ALTER TABLE accepted_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE accepted_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY in_scope ON accepted_messages USING (adal_scope_all_regions() OR region_id = ANY (adal_scope_regions()));

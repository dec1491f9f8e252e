-- The job queue the workers share, and the log of every notification sent.
--
-- A job is enqueued in the transaction of the change that causes it. Workers claim ready jobs in
-- batches with FOR UPDATE SKIP LOCKED and hold them under a lease they renew; a job whose lease
-- ran out (its worker died) is claimed again. A failed attempt is retried with exponential
-- backoff and jitter until max_attempts, then the job is dead with its last error. A reminder
-- occasion has a key: planning it twice enqueues it once.

CREATE TABLE jobs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
    occasion        text,
    region_id       bigint REFERENCES regions (id),
    payload         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(payload) = 'object'),
    run_at          timestamptz NOT NULL DEFAULT now(),
    state           text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead', 'cancelled')),
    attempts        int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts    int NOT NULL DEFAULT 8 CHECK (max_attempts > 0),
    locked_by       text,
    locked_until    timestamptz,
    last_error      text,
    result          text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    CHECK ((state = 'running') = (locked_until IS NOT NULL))
);
CREATE UNIQUE INDEX jobs_occasion ON jobs (occasion) WHERE occasion IS NOT NULL;
CREATE INDEX jobs_ready ON jobs (run_at, id) WHERE state = 'queued';
CREATE INDEX jobs_leased ON jobs (locked_until) WHERE state = 'running';

-- Every message handed to a channel: what, to whom, and what the channel answered.
CREATE TABLE deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id          bigint NOT NULL REFERENCES jobs (id),
    region_id       bigint REFERENCES regions (id),
    channel         text NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient       text NOT NULL,
    message_id      text,
    status          text NOT NULL CHECK (status IN ('sent', 'failed', 'skipped')),
    response        text,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deliveries_job ON deliveries (job_id);

DO $$
DECLARE
    scoped text;
BEGIN
    FOREACH scoped IN ARRAY ARRAY['jobs', 'deliveries']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', scoped);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', scoped);
        EXECUTE format('CREATE POLICY in_scope ON %I USING (adal_scope_all_regions() OR region_id = ANY (adal_scope_regions()))', scoped);
    END LOOP;
END
$$;
-- The API enqueues jobs in its transactions; the worker (the owner's role) runs them.
GRANT SELECT, INSERT, UPDATE ON jobs TO adal_api;
GRANT SELECT ON deliveries TO adal_api;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO adal_api;

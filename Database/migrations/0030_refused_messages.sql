-- A mailed message that can never be stored (a NUL byte, nesting past the limit, text that is not
-- UTF-8, a field over its length) is remembered by the SHA-256 of its bytes, with the reason, so
-- that later imports of the same mailbox skip it without reading it again and without listing it
-- again as refused. Only the digest is kept: the message itself stays in the mailbox, which Adal
-- only reads. A refusal that depends on who imports or how (no office for the mailbox, a region
-- outside the importer's) is not remembered: the next run, with --office, may store it.

CREATE TABLE refused_messages (
    digest        bytea NOT NULL CHECK (length(digest) = 32),
    region_id     bigint REFERENCES regions (id),
    import_run_id bigint NOT NULL REFERENCES import_runs (id),
    reason        text NOT NULL,
    refused_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (region_id, digest)
);
-- A refusal belongs to the region of the run that met it (none: an all-regions importer's).
SELECT adal_region_policy('refused_messages');

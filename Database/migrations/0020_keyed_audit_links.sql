-- The audit chain's links become MACs under a key kept outside the database (ADAL_AUDIT_KEY_FILE):
-- HMAC-SHA-256 of the position, the link before and the entry. A new table holds them, as
-- append-only as the old; the first keyed seal chains every entry since the first once under the
-- key. The unkeyed audit_chain stays as it was, and its last hash goes into every signed checkpoint
-- (kept outside the database), so that history before the key cannot be rewritten either.
-- Only the owner (the CLI, the worker) seals: the API's role has no grant here.

CREATE TABLE audit_links (
    position    bigint PRIMARY KEY CHECK (position > 0),
    entry_id    bigint NOT NULL UNIQUE REFERENCES audit_entries (id),
    mac         bytea NOT NULL CHECK (length(mac) = 32),
    sealed_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER audit_links_append_only BEFORE UPDATE OR DELETE ON audit_links
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_links_no_truncate BEFORE TRUNCATE ON audit_links
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

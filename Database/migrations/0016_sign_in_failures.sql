-- Failed sign-ins are counted per account name and client address, for names that have no account
-- too: a stranger elsewhere cannot lock an account out, and an unknown name is locked exactly as a
-- known one, so the answers tell nothing of which accounts exist. The name is kept only as a
-- SHA-256 of its lower-case form. The account-wide lock (locked_until) and its failures go.

CREATE TABLE sign_in_failures (
    account_key bytea NOT NULL CHECK (length(account_key) = 32),
    client      text NOT NULL CHECK (length(client) BETWEEN 1 AND 64),
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_pair ON sign_in_failures (account_key, client, at);
CREATE INDEX sign_in_failures_at ON sign_in_failures (at);

GRANT SELECT, INSERT, DELETE ON sign_in_failures TO adal_api;

DROP TABLE login_failures;
ALTER TABLE staff_users DROP COLUMN locked_until;

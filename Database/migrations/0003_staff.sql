-- Staff accounts, their sessions and API tokens, and failed logins (for the lockout).

CREATE TABLE staff_users (
    id              uuid PRIMARY KEY DEFAULT uuid_v7(),
    email           text NOT NULL UNIQUE CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    name            text NOT NULL CHECK (length(btrim(name)) > 0),
    role            text NOT NULL CHECK (role IN ('registrar', 'coordinator', 'admin', 'auditor')),
    -- What the user may see: a region's subtree, or every region (region_id NULL).
    region_id       bigint REFERENCES regions (id),
    office_id       bigint REFERENCES offices (id),
    all_regions     boolean NOT NULL DEFAULT false,
    password_hash   text,
    disabled_at     timestamptz,
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((region_id IS NULL) = all_regions)
);

-- Only a SHA-256 of each token is kept; the token itself is shown once.
CREATE TABLE staff_tokens (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         uuid NOT NULL REFERENCES staff_users (id),
    kind            text NOT NULL CHECK (kind IN ('session', 'api')),
    token_hash      bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    label           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz,
    revoked_at      timestamptz,
    CHECK (kind = 'api' OR expires_at IS NOT NULL)
);
CREATE INDEX staff_tokens_user ON staff_tokens (user_id);

CREATE TABLE login_failures (
    user_id     uuid NOT NULL REFERENCES staff_users (id),
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_user_at ON login_failures (user_id, at);

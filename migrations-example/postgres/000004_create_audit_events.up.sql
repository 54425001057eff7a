-- Who did what, kept as JSON; searched by account and time, and by content.
CREATE TABLE audit_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id     bigint REFERENCES users (id) ON DELETE SET NULL,
    action      text NOT NULL,
    payload     jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_events_account_time_idx ON audit_events (account_id, created_at DESC);
CREATE INDEX audit_events_payload_idx ON audit_events USING gin (payload jsonb_path_ops);

-- CONCURRENTLY cannot run in a transaction block, so it is the only
-- statement of its file (a file runs as one implicit transaction).
CREATE INDEX CONCURRENTLY projects_active_idx ON projects (account_id) WHERE archived_at IS NULL;

-- A data change next to a schema change: both commit together or not at all.
ALTER TABLE projects ADD COLUMN visibility text NOT NULL DEFAULT 'private'
    CHECK (visibility IN ('private', 'internal', 'public'));

UPDATE projects
SET visibility = settings ->> 'visibility'
WHERE settings ->> 'visibility' IN ('private', 'internal', 'public');

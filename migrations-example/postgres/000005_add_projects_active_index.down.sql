DROP INDEX CONCURRENTLY projects_active_idx;

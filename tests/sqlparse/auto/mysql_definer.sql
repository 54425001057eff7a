CREATE OR REPLACE
  ALGORITHM = MERGE
  DEFINER = 'admin'@'localhost'
  SQL SECURITY INVOKER
VIEW recent_paths (dir) AS SELECT 'C:\\temp\\;' FROM dual;

\set ON_ERROR_STOP on
\set today `date +%F`
\if :{?today}
  INSERT INTO run_log (day) VALUES (:'today');
\endif

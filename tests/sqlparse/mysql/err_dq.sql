SELECT 1;
SELECT "never ends;

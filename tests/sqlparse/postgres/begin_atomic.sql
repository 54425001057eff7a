CREATE FUNCTION add(a int, b int) RETURNS int
LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN a > 0 THEN a ELSE 0 END + b;
  SELECT 1;
END;
CREATE OR REPLACE PROCEDURE p(x int)
LANGUAGE SQL
BEGIN ATOMIC
  INSERT INTO t VALUES (x);
  INSERT INTO t VALUES (x + 1);
END;
create procedure empty() begin atomic end;
BEGIN;
SELECT 'begin; not counted';
CREATE TABLE case_end (id int);
END;
CREATE FUNCTION f(begin int) RETURNS int RETURN begin;

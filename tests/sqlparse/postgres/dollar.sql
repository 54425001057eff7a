CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN 1; -- a ; and a 'quote
END;
$$;
CREATE FUNCTION g(a int) RETURNS text AS $body$
  SELECT $q$inner; $body is not the end$q$ || $x$ $$ $x$;
$body$ LANGUAGE sql;
SELECT $1, $2 FROM t;
SELECT a$b, c$$ FROM t;
DO $_$ BEGIN PERFORM 1; END $_$;
SELECT $ÄÖ$ dollar; with non-ASCII tag $ÄÖ$;
SELECT 1$$ a dollar quote right after a number $$;
SELECT $$$$;

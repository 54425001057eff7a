-- operators are named by their symbols, schema-qualified or not; casts by
-- their parentheses; RESET, as SET, by its variable
CREATE OPERATOR public.+ (LEFTARG = integer, RIGHTARG = integer, FUNCTION = f);
CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = f);
ALTER OPERATOR public.+ (integer, integer) OWNER TO x;
COMMENT ON OPERATOR === (integer, integer) IS 'y';
DROP OPERATOR IF EXISTS public.@@ (text, text);
CREATE OPERATOR CLASS public.c FOR TYPE int USING btree AS OPERATOR 1 <;
COMMENT ON OPERATOR CLASS public.c USING btree IS 'z';
CREATE CAST (integer AS text) WITH FUNCTION public.f(integer) AS IMPLICIT;
COMMENT ON CAST ( character   varying
  AS public.t ) IS 'x';
DROP CAST IF EXISTS (integer AS text);
RESET search_path;
RESET ROLE;

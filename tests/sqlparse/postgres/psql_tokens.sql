-- psql's tokens decide where a statement ends
SELECT 15$$ a ; b $$;
SELECT $1$$ c ; d $$;
SELECT 2e5$$ AS glued; SELECT 3;
SELECT 1e-- not a comment: psql reads "1e-" then "-" ;
SELECT 4 AS x1e-- a comment ; still in it
;
SELECT 5e--- a comment after "5e-" ;
;
(SELECT 6) CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 7; END;
CREATE (x) FUNCTION g() BEGIN ATOMIC SELECT 8; END;
(x CREATE) FUNCTION h() BEGIN ATOMIC SELECT 9; END;
1 CREATE FUNCTION i() BEGIN ATOMIC SELECT 10; END;
1create FUNCTION j() BEGIN ATOMIC SELECT 11; END;
SELECT :v$$ a ; b $$;
SELECT :E'x\' AS plain_after_variable; SELECT 14;
SELECT a::E'y\' AS escape_string_after_cast; SELECT 15;' ;
:v CREATE FUNCTION k() BEGIN ATOMIC SELECT 13; END;
N'abc' CREATE FUNCTION l() BEGIN ATOMIC SELECT 16; END;
U&'x' CREATE FUNCTION m() BEGIN ATOMIC SELECT 17; END;
CREATE FUNCTION n() RETURNS int LANGUAGE sql AS :v$$ SELECT 18; $$;
CREATE E'x' PROCEDURE o() BEGIN ATOMIC SELECT 19; END;

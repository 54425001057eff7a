-- quotes doubled, E'' escapes, U&'', B'', X'', N'' and adjacent literals
SELECT 'it''s; fine';
SELECT E'a\'b; c', e'back\\', E'\\';
SELECT E'\x41;\u0041', 'plain\';
SELECT U&'d\0061t\+000061;' UESCAPE '\', U&"d;a""t" FROM t;
SELECT B'1010', X'1f;', N'nat;ional';
SELECT 'adjacent;'
'continued;' AS x;
SELECT ident_e'x' FROM t;
SELECT 1 AS "E", 'E''' ;

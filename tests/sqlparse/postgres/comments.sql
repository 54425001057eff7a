-- a comment; with a semicolon
/* a block; comment /* nested; */ still comment; */
SELECT 1 /* inside; */ + 2; -- trailing; comment
SELECT 2 - -3;
SELECT 3 --;
;
/* only a comment between */
;;
SELECT 4 /*/ tricky */ ;
-- last line without newline, no statement after it

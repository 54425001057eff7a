# hash comment; with semicolon
-- dash dash space; comment
--	dash dash tab; comment
SELECT 1--1;
SELECT 2 /* not /* nested; */;
SELECT 3 /*+ a hint; */ ;
CREATE TABLE t (a int /*!50601 DEFAULT 1*/) /*!40100 DEFAULT CHARSET=utf8 */;
/*!40101 SET @a = 1; SET @b = 2 */;
/*M!100100 SET @c = 3 */;
SELECT 4; # trailing; comment
SELECT 5;-- no space: minus minus
;

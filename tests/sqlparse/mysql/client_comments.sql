/*
/*!40101 SET NAMES utf8 */;
/*!40101 SET @a = 1 */;
*/
CREATE TABLE t (a int);
SELECT /*!50003 1 /* two; */ 3; */ 4;
? contents
help
SELECT 5;

SELECT 1;
source part1.sql;
SOURCE  part2.sql ;
quit now;
help contents;
? SELECT
  INTO;
use db;
SELECT 2;
DELIMITER DELIM
DELIMITER DELIM
SELECT 1 DELIM
DELIMITER ;
SELECT 2; ?
b'01' AS not_help;
DELIMITER $$	x
SELECT 3$$
SELECT 4$$	x
DELIMITER ;
? SELECT /*! into */;
? x 'a;b';
help 'a;b' x;
exit;

SELECT 1;
source part1.sql;
SOURCE  part2.sql ;
quit now;
help contents;
? SELECT
  INTO;
use db;
SELECT 2;
exit;

use shop
SELECT 1 \G
SELECT 2\g
source other.sql
  USE other;
SELECT 3 /* a
use comment
*/;
\! echo shell
status
SELECT 4;
SELECT 'cleared' \c SELECT 11;

\restrict AbCdEf123
SET client_encoding = 'UTF8';
\connect -reuse-previous=on "dbname='x;y'"
\set ON_ERROR_STOP on
SELECT 1
\echo a meta-command inside a statement; it is blanked
+ 1;
SELECT 2 \g
SELECT 3 \gset
SELECT 4\; SELECT 5;
\copy t (a, b) from stdin with csv
1,"x;y"
\.
\copy t to 'out.csv'
\unrestrict AbCdEf123
SELECT 'cleared'
\r
SELECT 10;

create table test3 (c int);
select 0\; copy test3 from stdin\; copy test3 from stdin\; select 1;
1
\.
2
\.
select * from test3;

select 1 \p select 2;
\. x.sql; select 3;
select 4 \z ;
select 5;
select 6 \"x\" ;
select 7;

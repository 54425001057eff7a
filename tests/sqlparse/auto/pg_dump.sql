--
-- PostgreSQL database dump
--
\restrict k
SET x = 1;
CREATE TABLE t (id int);

--------------------------------------------
-- Accounts
--------------------------------------------
CREATE TABLE accounts (id int);
SELECT 1; --note; not a statement
  --indented; also a comment
SELECT 2 --1;
SELECT /*!50003 3 ; 4 */* 5;
SELECT 6;*/ SELECT 7;
SELECT /*!40101 8; */ SELECT 9;

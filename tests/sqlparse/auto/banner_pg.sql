/*************************************
   Shop: creates the database and fills it
**************************************/
DROP DATABASE IF EXISTS shop;
CREATE DATABASE shop;

\c shop

/*************************************
   Tables
**************************************/
CREATE TABLE item (id int PRIMARY KEY, name varchar(40));
INSERT INTO item VALUES (1, N'tea; green');
INSERT INTO item VALUES (2, E'it\'s; black');

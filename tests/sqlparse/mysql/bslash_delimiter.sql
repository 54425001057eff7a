SELECT 1; \d //
CREATE TABLE bd1 (a int)//
CREATE TABLE bd2 (a int, \d ;
b int);
CREATE TABLE bd3 (a int);

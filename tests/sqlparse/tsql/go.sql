CREATE TABLE t (id int)
GO
go
  GO  
INSERT INTO t VALUES (1)
GO 5
SELECT 'GO
' AS x
GO -- comment after GO
/*
GO
*/
SELECT 1 AS [GO]
Go
GOTO skip
skip:
SELECT 2
GO;
SELECT 3
GO 2x
SELECT 4

-- A batch without ';' is one item: it is what its first real statement is,
-- not the SET, USE or BEGIN TRAN in front of it.
USE [inventory] -- the database to install into

SET NOCOUNT ON

DECLARE @mode nvarchar(10) = N'full'
CREATE TABLE #settings (name sysname, value nvarchar(100))
GO
SET NOCOUNT ON
SET XACT_ABORT ON
BEGIN TRANSACTION
INSERT INTO dbo.colour (id, name) VALUES (1, N'red')
COMMIT
GO
SET ANSI_NULLS ON
SET QUOTED_IDENTIFIER ON
GO
USE [inventory]
GO
SET TRANSACTION ISOLATION LEVEL
    SERIALIZABLE
GO
ALTER DATABASE [inventory]
SET RECOVERY SIMPLE
GO
-- SET of a local variable is code, not a session setting: in an IF body
-- after its DECLAREs, and on its own.
IF (SELECT COUNT(*) FROM #settings) = 0
BEGIN
  DECLARE @n int
  SET @n = 1
  EXEC dbo.add_job @n
END
GO
DECLARE @v int;
SET @v = 2;
SELECT @v;
GO

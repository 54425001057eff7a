-- Run with x-batch-separator=GO (ssync's opt-in): the file is cut at its
-- GO lines, as sqlcmd cuts it, and each batch is sent on its own, so one
-- file can create a table and the procedure that uses it.  Without the
-- option (and with golang-migrate) the GO lines reach the server and fail.
CREATE TABLE dbo.tags (
  id   INT IDENTITY(1,1) NOT NULL CONSTRAINT tags_pk PRIMARY KEY,
  name NVARCHAR(50)      NOT NULL CONSTRAINT tags_name_uq UNIQUE
);
GO
CREATE PROCEDURE dbo.add_tag @name NVARCHAR(50) AS
BEGIN
  SET NOCOUNT ON;
  IF NOT EXISTS (SELECT 1 FROM dbo.tags WHERE name = @name)
    INSERT INTO dbo.tags (name) VALUES (@name);
END;
GO
EXEC dbo.add_tag N'news';
EXEC dbo.add_tag N'howto';
GO

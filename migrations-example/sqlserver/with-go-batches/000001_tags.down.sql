DROP PROCEDURE dbo.add_tag;
GO
DROP TABLE dbo.tags;
GO

DROP TABLE dbo.posts;

DROP TABLE dbo.users;

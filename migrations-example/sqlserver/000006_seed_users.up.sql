INSERT INTO dbo.users (email, name) VALUES (N'admin@example.com', N'Admin');

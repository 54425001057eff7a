SELECT [never ends
GO

CREATE TABLE [dbo].[Order Details] ([Order;ID] int, [a]]b] int, "quoted;id" int);
SELECT N'it''s; fine', 'x' FROM [dbo].[Order Details];
SELECT 1 AS [multi
line];

SELECT 1
GO
SELECT 'never ends
GO

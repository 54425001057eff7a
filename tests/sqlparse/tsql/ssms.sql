USE [Shop]
GO
/****** Object:  Table [dbo].[Orders]    Script Date: 1/1/2024 ******/
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
CREATE TABLE [dbo].[Orders](
	[OrderID] [int] IDENTITY(1,1) NOT NULL,
	[Note] [nvarchar](50) NULL,
 CONSTRAINT [PK_Orders] PRIMARY KEY CLUSTERED ([OrderID] ASC)
) ON [PRIMARY]
GO
CREATE NONCLUSTERED INDEX [IX_Note] ON [dbo].[Orders] ([Note] ASC)
GO
CREATE UNIQUE NONCLUSTERED INDEX [UX_Note] ON [dbo].[Orders] ([Note])
GO
ALTER TABLE [dbo].[Orders] ADD  CONSTRAINT [DF_Orders_Note]  DEFAULT (N'none') FOR [Note]
GO
ALTER TABLE [dbo].[Orders]  WITH CHECK ADD  CONSTRAINT [FK_Orders_Customers] FOREIGN KEY([CustomerID])
REFERENCES [dbo].[Customers] ([CustomerID])
GO
ALTER TABLE [dbo].[Orders] CHECK CONSTRAINT [FK_Orders_Customers]
GO
ALTER TABLE [dbo].[Orders] ADD CONSTRAINT [PK_O2] PRIMARY KEY NONCLUSTERED ([OrderID])
GO
IF NOT EXISTS (SELECT * FROM sys.views WHERE object_id = OBJECT_ID(N'[dbo].[vOrders]'))
EXEC dbo.sp_executesql @statement = N'CREATE VIEW [dbo].[vOrders] AS SELECT * FROM dbo.Orders WHERE Note = ''a;b'''
GO
IF OBJECT_ID('dbo.old') IS NOT NULL DROP TABLE dbo.old
GO
EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'Notes; free text' , @level0type=N'SCHEMA',@level0name=N'dbo', @level1type=N'TABLE',@level1name=N'Orders', @level2type=N'COLUMN',@level2name=N'Note'
GO
GRANT SELECT ON [dbo].[Orders] TO [reader]
GO
ALTER AUTHORIZATION ON SCHEMA::[Sales] TO [dbo]
GO
ALTER ROLE [db_datareader] ADD MEMBER [app]
GO
CREATE TRIGGER [trg_ddl] ON DATABASE FOR CREATE_TABLE AS PRINT 'x';
GO
CREATE TRIGGER [dbo].[trg_o] ON [dbo].[Orders] AFTER INSERT AS BEGIN SET NOCOUNT ON; END
GO
SET IDENTITY_INSERT [dbo].[Orders] ON
INSERT [dbo].[Orders] ([OrderID], [Note]) VALUES (1, N'x')
SET IDENTITY_INSERT [dbo].[Orders] OFF
GO
CREATE SCHEMA [Sales] AUTHORIZATION [dbo]
GO
CREATE SYNONYM dbo.s FOR dbo.Orders;
CREATE PARTITION FUNCTION pf (int) AS RANGE LEFT FOR VALUES (1, 100);
CREATE XML SCHEMA COLLECTION dbo.xsc AS N'<x/>';
CREATE TYPE dbo.Flag FROM bit NOT NULL;
BULK INSERT dbo.Orders FROM 'C:\data\orders.csv';
DENY DELETE ON OBJECT::dbo.Orders TO app;

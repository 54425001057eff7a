-- columns.sql - a hand-written T-SQL schema with constraints inside
-- column definitions (SSMS writes table constraints, people and
-- migration tools write these), for the golden test of ssync filter.
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
CREATE TABLE [dbo].[Regions] (
	[RegionID] int NOT NULL CONSTRAINT [PK_Regions] PRIMARY KEY CLUSTERED,
	[Code] nchar(4) NOT NULL CONSTRAINT [UQ_Regions_Code] UNIQUE NONCLUSTERED WITH (FILLFACTOR = 90) ON [PRIMARY],
	[Name] nvarchar(50) NOT NULL CONSTRAINT [DF_Regions_Name] DEFAULT (N'') CHECK ([Name] <> N'x')
)
GO
CREATE TABLE [dbo].[Stores] (
	[StoreID] int IDENTITY(1,1) NOT NULL PRIMARY KEY NONCLUSTERED,
	[RegionID] int NOT NULL FOREIGN KEY REFERENCES [dbo].[Regions] ([RegionID]) ON DELETE CASCADE NOT FOR REPLICATION,
	[ManagerID] int NULL CONSTRAINT [FK_Stores_Manager] REFERENCES [dbo].[Stores],
	[Email] nvarchar(100) NULL UNIQUE,
	[Code] nchar(4) NOT NULL, -- the region's code, checked below
	[rowguid] uniqueidentifier ROWGUIDCOL NOT NULL CONSTRAINT [DF_Stores_rowguid] DEFAULT (newid()),
	[Opened] datetime NOT NULL DEFAULT getdate() CONSTRAINT [CK_Stores_Opened] CHECK NOT FOR REPLICATION ([Opened] > '20000101'),
	CONSTRAINT [FK_Stores_Code] FOREIGN KEY ([Code]) REFERENCES [dbo].[Regions] ([Code])
)
GO
ALTER TABLE [dbo].[Stores] CHECK CONSTRAINT [FK_Stores_Manager]
GO
EXEC sys.sp_addextendedproperty N'MS_Description', N'Each store manages others', N'SCHEMA', [dbo], N'TABLE', [Stores], N'CONSTRAINT', [FK_Stores_Manager]
GO
CREATE NONCLUSTERED INDEX [IX_Stores_Region] ON [dbo].[Stores] ([RegionID])
GO
CREATE TABLE [dbo].[Documents] (
	[DocID] int NOT NULL PRIMARY KEY,
	[rowguid] uniqueidentifier ROWGUIDCOL NOT NULL UNIQUE DEFAULT (newid()),
	[Body] varbinary(max) FILESTREAM NULL
)
GO
CREATE VIEW [dbo].[StoreRegions] AS SELECT s.[StoreID], r.[Name] FROM [dbo].[Stores] s JOIN [dbo].[Regions] r ON r.[RegionID] = s.[RegionID]
GO

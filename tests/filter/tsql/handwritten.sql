-- handwritten.sql - a hand-written T-SQL schema, for the golden test of
-- ssync filter: constraints inside column definitions and ALTER TABLE
-- with several things added at once (SSMS writes neither, people and
-- migration tools write both).
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
CREATE TABLE [dbo].[Visits] ([VisitID] int NOT NULL, [StoreID] int NOT NULL, [At] datetime NOT NULL)
GO
ALTER TABLE [dbo].[Visits] WITH CHECK ADD CONSTRAINT [PK_Visits] PRIMARY KEY CLUSTERED ([VisitID]),
	CONSTRAINT [FK_Visits_Stores] FOREIGN KEY ([StoreID]) REFERENCES [dbo].[Stores] ([StoreID]),
	[Note] nvarchar(200) NULL,
	CONSTRAINT [CK_Visits_At] CHECK ([At] > '20000101')
GO
ALTER TABLE [dbo].[Visits] ADD CONSTRAINT [UQ_Visits] UNIQUE ([StoreID], [At]), CONSTRAINT [DF_Visits_At] DEFAULT (getdate()) FOR [At]
GO
CREATE VIEW [dbo].[StoreRegions] AS SELECT s.[StoreID], r.[Name] FROM [dbo].[Stores] s JOIN [dbo].[Regions] r ON r.[RegionID] = s.[RegionID]
GO

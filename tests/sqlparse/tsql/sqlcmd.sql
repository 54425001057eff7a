:setvar DatabaseName "Shop"
:on error exit
CREATE DATABASE $(DatabaseName);
GO
USE $(DatabaseName);
GO
SELECT 1
:r other.sql
, 2;
!! dir
SELECT '$(DatabaseName)'
GO

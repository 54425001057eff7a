DROP PROCEDURE dbo.archive_posts;

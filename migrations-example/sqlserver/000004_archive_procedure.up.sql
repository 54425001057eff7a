CREATE PROCEDURE dbo.archive_posts @older_than_days INT AS
BEGIN
  SET NOCOUNT ON;
  IF @older_than_days < 1
    THROW 50001, 'older_than_days must be positive', 1;
  DELETE FROM dbo.posts
  WHERE published_at < DATEADD(DAY, -@older_than_days, SYSUTCDATETIME());
END;

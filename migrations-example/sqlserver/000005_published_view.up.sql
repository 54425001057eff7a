CREATE VIEW dbo.published_posts AS
  SELECT p.id, p.title, u.name AS author, p.published_at
  FROM dbo.posts p JOIN dbo.users u ON u.id = p.user_id
  WHERE p.published_at IS NOT NULL;

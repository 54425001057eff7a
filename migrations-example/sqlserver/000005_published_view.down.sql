DROP VIEW dbo.published_posts;

DROP TRIGGER dbo.posts_count;

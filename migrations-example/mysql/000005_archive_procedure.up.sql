CREATE TABLE posts_archive LIKE posts;

CREATE PROCEDURE archive_posts(IN older_than_days INT)
BEGIN
  DECLARE cutoff DATETIME DEFAULT NOW() - INTERVAL older_than_days DAY;

  IF older_than_days < 1 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'older_than_days must be positive';
  END IF;
  INSERT INTO posts_archive SELECT * FROM posts WHERE published_at < cutoff;
  DELETE FROM posts WHERE published_at < cutoff;
END;

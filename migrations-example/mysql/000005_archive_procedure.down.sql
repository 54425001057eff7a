DROP PROCEDURE archive_posts;
DROP TABLE posts_archive;

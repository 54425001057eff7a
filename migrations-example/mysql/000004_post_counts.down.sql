DROP TRIGGER posts_count_del;
DROP TRIGGER posts_count_ins;
ALTER TABLE users DROP COLUMN post_count;

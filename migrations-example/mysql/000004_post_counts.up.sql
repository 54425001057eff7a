-- A counter kept by triggers.  No DELIMITER: the whole file is one
-- multi-statement send, and the server reads each BEGIN ... END body whole.
ALTER TABLE users ADD COLUMN post_count INT UNSIGNED NOT NULL DEFAULT 0;

CREATE TRIGGER posts_count_ins AFTER INSERT ON posts FOR EACH ROW
BEGIN
  UPDATE users SET post_count = post_count + 1 WHERE id = NEW.user_id;
END;

CREATE TRIGGER posts_count_del AFTER DELETE ON posts FOR EACH ROW
BEGIN
  UPDATE users SET post_count = post_count - 1 WHERE id = OLD.user_id;
END;

CREATE TABLE posts (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id      BIGINT UNSIGNED NOT NULL,
  title        VARCHAR(200)    NOT NULL,
  body         MEDIUMTEXT      NOT NULL,
  published_at DATETIME        NULL,
  KEY posts_user_idx (user_id),
  FULLTEXT KEY posts_text_ft (title, body),
  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE dbo.posts (
  id           BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT posts_pk PRIMARY KEY,
  user_id      BIGINT               NOT NULL
               CONSTRAINT posts_user_fk REFERENCES dbo.users (id) ON DELETE CASCADE,
  title        NVARCHAR(200)        NOT NULL,
  body         NVARCHAR(MAX)        NOT NULL,
  published_at DATETIME2            NULL
);
CREATE INDEX posts_user_idx ON dbo.posts (user_id);

-- Accounts of the example blog.  Each file is one batch, sent as it is
-- (golang-migrate's rule): no GO lines.
CREATE TABLE dbo.users (
  id         BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT users_pk PRIMARY KEY,
  email      NVARCHAR(255)        NOT NULL,
  name       NVARCHAR(100)        NOT NULL,
  post_count INT                  NOT NULL CONSTRAINT users_post_count_df DEFAULT 0,
  created_at DATETIME2            NOT NULL CONSTRAINT users_created_at_df DEFAULT SYSUTCDATETIME()
);
CREATE UNIQUE INDEX users_email_uq ON dbo.users (email);

-- CREATE TRIGGER must begin its batch: it has a file of its own.
CREATE TRIGGER dbo.posts_count ON dbo.posts AFTER INSERT, DELETE AS
BEGIN
  SET NOCOUNT ON;
  UPDATE u SET post_count = u.post_count
    + (SELECT COUNT(*) FROM inserted i WHERE i.user_id = u.id)
    - (SELECT COUNT(*) FROM deleted d WHERE d.user_id = u.id)
  FROM dbo.users u
  WHERE u.id IN (SELECT user_id FROM inserted UNION SELECT user_id FROM deleted);
END;

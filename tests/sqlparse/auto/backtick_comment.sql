-- Paths, filled by `make paths`; see the "`dir` column" note.
CREATE TABLE paths (id int DEFAULT nextval('paths_id_seq'), dir text);
INSERT INTO paths (dir) VALUES ('C:\temp\'), ('`quoted`');
INSERT INTO paths (dir) VALUES ('D:\');

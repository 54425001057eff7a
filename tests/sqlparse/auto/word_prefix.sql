CREATE TABLE paths (auto_incrementing_id int, dir text);
INSERT INTO paths VALUES (1, 'C:\temp\');
INSERT INTO paths VALUES (2, 'D:\');

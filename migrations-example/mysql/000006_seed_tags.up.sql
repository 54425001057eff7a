INSERT INTO tags (name) VALUES ('news'), ('howto'), ('release');

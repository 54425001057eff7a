-- DELIMITER after a statement on its line is no command yet: the client
-- reads on to the current delimiter, then runs DELIMITER with the text up
-- to the next space, dropping the rest.
CREATE TABLE audit (n int);
DELIMITER //
CREATE PROCEDURE audit_one() BEGIN INSERT INTO audit VALUES (1); END// DELIMITER ; (dropped)
INSERT INTO audit VALUES (2);
CREATE TABLE skipped (n int)//
CREATE TABLE kept (n int);
-- a newline in that text: the delimiter never matches again
SELECT 1; DELIMITER $$
CREATE TABLE also_skipped (n int)$$
DELIMITER ;
CREATE TABLE last_one (n int)$$

CREATE TABLE tally (n int);
DELIMITER ;;
CREATE TRIGGER tally_bi BEFORE INSERT ON tally FOR EACH ROW BEGIN SET NEW.n = NEW.n * 2; END ;;

-- the delimiter is still ';;' here: the client sends the rest at the end of input
INSERT INTO tally VALUES (1), (2);

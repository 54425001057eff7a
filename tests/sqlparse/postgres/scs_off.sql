SET standard_conforming_strings = off;
INSERT INTO t VALUES ('a\'b; c');
SET standard_conforming_strings TO 'on';
INSERT INTO t VALUES ('a\');
SET standard_conforming_strings = false;
SELECT 'x\\';
RESET ALL;

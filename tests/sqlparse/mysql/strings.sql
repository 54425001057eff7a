INSERT INTO t VALUES ('it\'s; fine', "double \"quoted\"; string", 'doubled '' quote;');
INSERT INTO t VALUES ('back\\', '\\\'', "x");
SELECT `we;ird``name` FROM `my db`.`t;`;
SELECT _utf8mb4'intro;', N'national;', X'41', B'0101', 0x3B, @v, @'quoted;var', @@session.sql_mode;
SELECT \N, 1;

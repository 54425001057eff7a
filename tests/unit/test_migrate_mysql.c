/*
 * test_migrate_mysql.c - ssync migrate's MySQL parts that need no server:
 * how a multi-statement send is cut into statements, which statement a
 * failed send stopped at, the URL options, the lock name, and the SQL of
 * the tracking table.  The live behaviour is in
 * tests/integration/migrate_mysql*.sh.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/mysql/mysql.h"
#include "migrate/engine.h"
#include "migrate/split.h"
#include "sqlparse.h"
#include "tap.h"
#include "util/err.h"
#include "util/url.h"

/* The statements of sql, as "text|text|..." with each piece verbatim. */
static char *cut(const char *sql)
{
	struct ss_my_stmts s = { NULL, 0, 0 };
	struct ss_err err = SS_ERR_INIT;
	struct sqlp_buf b = SQLP_BUF_INIT;

	if (ss_my_statements(sql, strlen(sql), &s, &err)) {
		sqlp_buf_addf(&b, "ERROR %u:%u %s", err.line, err.column, err.msg);
	} else {
		for (size_t i = 0; i < s.n; i++) {
			if (i)
				sqlp_buf_addch(&b, '|');
			if (s.v[i].call)
				sqlp_buf_addstr(&b, "CALL:");
			sqlp_buf_add(&b, sql + s.v[i].off, s.v[i].len);
		}
	}
	ss_my_stmts_release(&s);
	ss_err_release(&err);
	return sqlp_buf_detach(&b, NULL);
}

static void is_cut(const char *sql, const char *want, const char *name)
{
	char *got = cut(sql);

	is_str(got, want, name);
	free(got);
}

static size_t failed_at(const char *sql, const char *kinds)
{
	struct ss_my_stmts s = { NULL, 0, 0 };
	struct ss_err err = SS_ERR_INIT;
	size_t k;

	ss_my_statements(sql, strlen(sql), &s, &err);
	k = ss_my_failed_statement(&s, kinds, strlen(kinds));
	ss_my_stmts_release(&s);
	ss_err_release(&err);
	return k;
}

static void test_statements(void)
{
	is_cut("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n",
	       "CREATE TABLE a (id int);|INSERT INTO a VALUES (1);", "plain statements");
	is_cut("SELECT 1", "SELECT 1", "no terminator");
	is_cut("-- only a comment\n/* and another */\n", "", "comments are no statement");
	is_cut("SELECT ';' AS a, \"x;\" AS b, `c;d`; SELECT 2;",
	       "SELECT ';' AS a, \"x;\" AS b, `c;d`;|SELECT 2;", "quotes hide ';'");
	is_cut("SELECT 1; # c ;\nSELECT 2 -- c;\n;", "SELECT 1;|SELECT 2 -- c;\n;",
	       "comments hide ';'");
	is_cut("SELECT 1;;SELECT 2;", "SELECT 1;|;|SELECT 2;",
	       "an empty statement before another is a statement (the server rejects it)");
	is_cut("SELECT 1; /* x; */ ; SELECT 2;", "SELECT 1;|;|SELECT 2;",
	       "... also with a comment between");
	is_cut("SELECT 1;;\n", "SELECT 1;", "trailing empty statements are not");
	is_cut("CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\nSELECT 3;",
	       "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND;|SELECT 3;",
	       "a procedure body runs through its END");
	is_cut("CREATE DEFINER=`root`@`%` PROCEDURE p(IN x INT)\nBEGIN\n"
	       "  IF x > 0 THEN SELECT 1; ELSEIF x < 0 THEN SELECT 2; ELSE SELECT 3; END IF;\n"
	       "  l: LOOP LEAVE l; END LOOP l;\n"
	       "  WHILE x > 0 DO SET x = x - 1; END WHILE;\n"
	       "  REPEAT SET x = x + 1; UNTIL x > 3 END REPEAT;\n"
	       "  CASE x WHEN 1 THEN SELECT 1; ELSE BEGIN END; END CASE;\n"
	       "  SET x = IF(x, REPEAT('a', 2), CASE WHEN x THEN IF(x, 1, 2) END);\n"
	       "END;\nSELECT 9;",
	       "CREATE DEFINER=`root`@`%` PROCEDURE p(IN x INT)\nBEGIN\n"
	       "  IF x > 0 THEN SELECT 1; ELSEIF x < 0 THEN SELECT 2; ELSE SELECT 3; END IF;\n"
	       "  l: LOOP LEAVE l; END LOOP l;\n"
	       "  WHILE x > 0 DO SET x = x - 1; END WHILE;\n"
	       "  REPEAT SET x = x + 1; UNTIL x > 3 END REPEAT;\n"
	       "  CASE x WHEN 1 THEN SELECT 1; ELSE BEGIN END; END CASE;\n"
	       "  SET x = IF(x, REPEAT('a', 2), CASE WHEN x THEN IF(x, 1, 2) END);\n"
	       "END;|SELECT 9;",
	       "nested IF/LOOP/WHILE/REPEAT/CASE blocks, IF() and REPEAT() functions");
	is_cut("CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.id = 1;\nSELECT 2;",
	       "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.id = 1;|SELECT 2;",
	       "a one-statement trigger ends at its ';'");
	is_cut("CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW IF NEW.id < 0 THEN\n"
	       "SET NEW.id = 0; END IF;\nSELECT 2;",
	       "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW IF NEW.id < 0 THEN\n"
	       "SET NEW.id = 0; END IF;|SELECT 2;", "a trigger body that is an IF");
	is_cut("CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN IF(x > 0, 1, 0);\n"
	       "SELECT 2;",
	       "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN IF(x > 0, 1, 0);|SELECT 2;",
	       "a function returning IF()");
	is_cut("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; END;\nSELECT 1;",
	       "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; END;|SELECT 1;",
	       "an event body");
	is_cut("BEGIN NOT ATOMIC SELECT 1; SELECT 2; END;\nBEGIN;\nSELECT 3;\nCOMMIT;",
	       "BEGIN NOT ATOMIC SELECT 1; SELECT 2; END;|BEGIN;|SELECT 3;|COMMIT;",
	       "MariaDB's BEGIN NOT ATOMIC block, and BEGIN as a transaction");
	is_cut("IF (SELECT 1) = 1 THEN SELECT 2; END IF;\nSELECT 3;",
	       "IF (SELECT 1) = 1 THEN SELECT 2; END IF;|SELECT 3;", "a top-level IF (MariaDB)");
	is_cut("CREATE TABLE t (begin date, end date, `loop` int);\nSELECT 1;",
	       "CREATE TABLE t (begin date, end date, `loop` int);|SELECT 1;",
	       "BEGIN and END as column names outside stored programs");
	is_cut("SELECT 1;\nDELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\n",
	       "SELECT 1;|DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\n",
	       "DELIMITER: the server rejects it, the rest is one statement");
	is_cut("SELECT 1\\g SELECT 2;", "SELECT 1\\g SELECT 2;",
	       "\\g is the client's: the server reads one statement");
	is_cut("CALL p(); SELECT 1;", "CALL:CALL p();|SELECT 1;", "CALL is marked");
	is_cut("\xef\xbb\xbfSELECT 1; SELECT 2;", "SELECT 1;|SELECT 2;", "offsets after a BOM");
	is_cut("/*M!999999\\- enable the sandbox mode */ SELECT 1;", "SELECT 1;",
	       "MariaDB's sandbox line is a comment to the server");
	is_cut("/*!40101 SET NAMES utf8 */;\nSELECT 1;", "/*!40101 SET NAMES utf8 */;|SELECT 1;",
	       "executable comments are statements");
	is_cut("SELECT 'unterminated;\n", "ERROR 1:8 unterminated quoted string", "a lexical error");
}

static void test_failed_statement(void)
{
	const char *three = "CREATE TABLE a (id int); INSERT INTO a VALUES (1); INSERT INTO b VALUES (2);";
	const char *call = "SELECT 1; CALL p(); INSERT INTO a VALUES (1); SELECT 2;";

	is_int(failed_at(three, ""), 0, "no result: the first statement failed");
	is_int(failed_at(three, "oo"), 2, "two OKs: the third failed");
	is_int(failed_at(call, "r"), 1, "the CALL failed before any result");
	is_int(failed_at(call, "rrr"), 1, "... or after two result sets of its procedure");
	is_int(failed_at(call, "rrro"), 2, "a CALL's results end with its OK");
	is_int(failed_at(call, "ro"), 2, "a CALL without result sets gives one OK");
	is_int(failed_at(call, "rooo"), 4, "more results than statements: s->n");
}

/* Where ss_my_syntax_error_offset points for the failing statement k, as "line:col". */
static char *syntax_at(const char *sql, size_t k, const char *msg)
{
	struct ss_my_stmts s = { NULL, 0, 0 };
	struct ss_err err = SS_ERR_INIT;
	unsigned line = 1, col = 1;
	long long off;
	char *out = malloc(32);

	ss_my_statements(sql, strlen(sql), &s, &err);
	off = ss_my_syntax_error_offset(sql, strlen(sql), &s, k, msg);
	if (off < 0) {
		snprintf(out, 32, "none");
	} else {
		sqlp_advance(sql, (size_t)off, &line, &col);
		snprintf(out, 32, "%u:%u", line, col);
	}
	ss_my_stmts_release(&s);
	ss_err_release(&err);
	return out;
}

static void is_syntax_at(const char *sql, size_t k, const char *msg, const char *want,
			 const char *name)
{
	char *got = syntax_at(sql, k, msg);

	is_str(got, want, name);
	free(got);
}

static void test_syntax_position(void)
{
	const char *pre = "Error 1064: You have an error in your SQL syntax; check the manual that "
			  "corresponds to your MariaDB server version for the right syntax to use ";
	char msg[512];
	const char *f = "-- first\nSELECT 1;\n\nCREATE TABLE e (\n  id int,\n  name text,\n);\n";

	snprintf(msg, sizeof(msg), "%snear ')' at line 4", pre);
	is_syntax_at(f, 1, msg, "7:1", "near ')' at line 4 of the second statement");
	snprintf(msg, sizeof(msg), "%snear 'text,\n)' at line 3", pre);
	is_syntax_at(f, 1, msg, "6:8", "a multi-line near text");
	snprintf(msg, sizeof(msg), "%snear '' at line 1", pre);
	is_syntax_at("SELECT 1; SELECT 'ä' +;", 1, msg, "1:23", "near '': the statement's ';'");
	is_syntax_at("SELECT (", 0, msg, "1:9", "... or the end of the text");
	snprintf(msg, sizeof(msg), "%snear '(' at line 2", pre);
	is_syntax_at("-- c\nSELECT (;", 0, msg, "2:8",
		     "the first statement's lines count from its comment");
	snprintf(msg, sizeof(msg), "%snear '(' at line 3", pre);
	is_syntax_at("SELECT 1;\n\n-- c\nSELECT\n(;", 1, msg, "5:1",
		     "later lines count from the first non-blank byte after ';'");
	snprintf(msg, sizeof(msg), "%snear 'x' at line 9", pre);
	is_syntax_at("SELECT x x;", 0, msg, "none", "a line past the end: none");
	is_syntax_at("SELECT x x;", 0, "Error 1146: Table 'a.b' doesn't exist", "none",
		     "not a syntax error: none");
}

static void test_split_dialects(void)
{
	struct ss_mig_pieces p = { 0 };
	struct ss_err err = SS_ERR_INIT;
	const char *my = "CREATE PROCEDURE p() BEGIN SELECT 1; END;\nSELECT 2;";
	const char *ts = "CREATE TABLE a (id int);\nGO\n-- c\nCREATE PROCEDURE p AS\nSELECT 1;\n"
			 "SELECT 2;\ngo 2\nINSERT INTO a VALUES (1)\n";

	ok(!ss_mig_split_statements(SS_MIG_DIALECT_MYSQL, my, strlen(my), &p, &err),
	   "split: MySQL");
	is_int(p.n, 2, "... two statements as the server runs them");
	ok(p.n == 2 && p.v[1].off == strlen(my) - 9, "... the second at its SELECT");
	ss_mig_pieces_release(&p);
	ok(!ss_mig_split_statements(SS_MIG_DIALECT_TSQL, ts, strlen(ts), &p, &err),
	   "split: T-SQL batches");
	is_int(p.n, 4, "... three batches, the second twice (GO 2)");
	if (p.n == 4) {
		is_int(p.v[0].off, 0, "batch 1 starts at 0");
		is_int(p.v[0].len, strlen("CREATE TABLE a (id int);"), "... and ends at its ';'");
		is_int(p.v[1].off, strstr(ts, "CREATE PROCEDURE") - ts, "batch 2 starts at CREATE");
		is_int(p.v[1].len, strlen("CREATE PROCEDURE p AS\nSELECT 1;\nSELECT 2;"),
		       "... and is the whole procedure, GO left out");
		ok(p.v[2].off == p.v[1].off && p.v[2].len == p.v[1].len, "GO 2: batch 2 again");
		is_int(p.v[3].off, strstr(ts, "INSERT") - ts, "batch 3 at INSERT");
	}
	ss_mig_pieces_release(&p);
	ss_err_release(&err);
}

static void test_dsn(void)
{
	struct ss_url url;
	struct ss_err err = SS_ERR_INIT;

	ok(!ss_url_parse("mysql://u:p/w@tcp(h:3306)/app?tls=custom&x-tls-ca=/etc/ssl/ca.pem&"
			 "x-tls-cert=/etc/ssl/c.pem", &url, &err),
	   "a DSN with '/' in parameter values (go-sql-driver would fail: its last '/')");
	is_str(url.path, "/app", "... the database is the one before the query");
	is_str(url.password, "p/w", "... a '/' in the password still works");
	is_str(ss_url_param(&url, "x-tls-ca"), "/etc/ssl/ca.pem", "... and the parameter is whole");
	ss_url_release(&url);
	ok(!ss_url_parse("mysql://u@unix(/run/mysqld/mysqld.sock)/app?x-tls-ca=/a/b", &url, &err),
	   "a socket path and a parameter path");
	is_str(url.socket, "/run/mysqld/mysqld.sock", "... the socket");
	is_str(url.path, "/app", "... the database");
	ss_url_release(&url);
	ok(ss_url_parse("mysql://u@tcp(h:3306", &url, &err), "no slash at all fails");
	is_str(err.msg, "invalid DSN: missing the slash separating the database name", "... saying so");
	ss_err_release(&err);
	ok(ss_url_parse("mysql://u@tcp(h:3306/app", &url, &err), "an unclosed address fails");
	is_str(err.msg, "invalid DSN: network address not terminated (missing closing brace)",
	       "... with go-sql-driver's message");
	ss_err_release(&err);
}

static void test_lock_sql(void)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	ss_my_lock_sql(&b, "410179087", 10);
	is_str(b.data, "SELECT GET_LOCK('410179087', 10)", "GET_LOCK with golang-migrate's 10 s");
	sqlp_buf_reset(&b);
	ss_my_lock_sql(&b, "1", -5);
	is_str(b.data, "SELECT GET_LOCK('1', -1)", "a negative wait is -1 (for ever)");
	sqlp_buf_reset(&b);
	ss_my_unlock_sql(&b, "410179087");
	is_str(b.data, "SELECT RELEASE_LOCK('410179087')", "RELEASE_LOCK");
	sqlp_buf_reset(&b);
	ss_my_add_literal(&b, "it's a\\b");
	is_str(b.data, "'it''s a\\\\b'", "a literal doubles ' and \\");
	sqlp_buf_release(&b);
}

/* Run the engine's prepare + locate on url (with a database in the URL: no query needed). */
static int open_engine(const char *text, struct ss_mig_db *db, struct ss_url *url,
		       struct ss_err *err)
{
	const char *v;

	memset(db, 0, sizeof(*db));
	db->engine = &ss_mig_engine_mysql;
	if (ss_url_parse(text, url, err))
		return -1;
	if ((v = ss_url_param(url, "x-migrations-table")))
		db->table_option = strdup(v);
	if (db->engine->prepare(db, url, err))
		return -1;
	return db->engine->locate(db, url, err);
}

static void close_engine(struct ss_mig_db *db, struct ss_url *url)
{
	db->engine->release(db);
	free(db->database);
	free(db->table);
	free(db->qtable);
	free(db->lock_key);
	free(db->table_option);
	ss_url_release(url);
}

static void test_engine(void)
{
	struct ss_mig_db db;
	struct ss_url url;
	struct ss_err err = SS_ERR_INIT;
	struct sqlp_buf b = SQLP_BUF_INIT;
	FILE *f;

	ok(!open_engine("mysql://u:p@tcp(h:3306)/lkm", &db, &url, &err), "open mysql://.../lkm");
	is_str(db.lock_key, "410179087", "lock name of lkm + schema_migrations (golang-migrate's)");
	is_str(db.qtable, "`schema_migrations`", "the table, quoted");
	db.engine->version_sql(&db, 3, 1, &b);
	is_str(b.data, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; START TRANSACTION; "
	       "DELETE FROM `schema_migrations` LIMIT 1; INSERT INTO `schema_migrations` "
	       "(version, dirty) VALUES (3, 1); COMMIT", "version (3, dirty)");
	sqlp_buf_reset(&b);
	db.engine->version_sql(&db, -1, 0, &b);
	is_str(b.data, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; START TRANSACTION; "
	       "DELETE FROM `schema_migrations` LIMIT 1; COMMIT", "no version: the row goes");
	sqlp_buf_reset(&b);
	db.engine->version_sql(&db, -1, 1, &b);
	ok(strstr(b.data, "VALUES (-1, 1)") != NULL, "(-1, dirty) is kept as a row");
	sqlp_buf_reset(&b);
	ok(ss_url_param(&url, "multiStatements") == NULL, "multiStatements is the driver's");
	{
		struct ss_my_stmts st = { NULL, 0, 0 };
		size_t n = 0;

		db.engine->dirty_prefix_sql(&db, 4, &b, &n);
		ok(!ss_my_statements(b.data, b.len, &st, &err) && st.n == n && n == 5,
		   "the dirty prefix sent before a file: 5 statements, as it says");
		ok(b.len > 2 && !strcmp(b.data + b.len - 2, ";\n") && strstr(b.data, "VALUES (4, 1)"),
		   "... (4, dirty), ended so that the file follows on a line of its own");
		ss_my_stmts_release(&st);
		sqlp_buf_reset(&b);
	}
	close_engine(&db, &url);

	ok(!open_engine("mysql://u:p@tcp(h)/app?x-migrations-table=my`t", &db, &url, &err),
	   "open with x-migrations-table");
	is_str(db.qtable, "`my``t`", "a backquote in the name is doubled");
	close_engine(&db, &url);
	ok(!open_engine("mysql://u:p@tcp(h)/app", &db, &url, &err), "open .../app");
	is_str(db.lock_key, "2938252834", "lock name of app + schema_migrations");
	close_engine(&db, &url);

	ok(open_engine("mysql://u:p@tcp(h)/app?x-no-lock=maybe", &db, &url, &err), "bad x-no-lock");
	is_str(err.msg, "could not parse x-no-lock as bool: strconv.ParseBool: parsing \"maybe\": "
	       "invalid syntax", "... golang-migrate's message");
	ss_err_release(&err);
	close_engine(&db, &url);
	ok(open_engine("mysql://u:p@tcp(h)/app?x-statement-timeout=1.5", &db, &url, &err),
	   "bad x-statement-timeout");
	is_str(err.msg, "could not parse x-statement-timeout as float: strconv.Atoi: parsing "
	       "\"1.5\": invalid syntax", "... golang-migrate's message");
	ss_err_release(&err);
	close_engine(&db, &url);
	ok(!open_engine("mysql://u:p@tcp(h)/app?x-statement-timeout=250", &db, &url, &err),
	   "x-statement-timeout=250");
	is_int(db.statement_timeout_ms, 250, "... 250 ms");
	close_engine(&db, &url);

	/* TLS: the built-in words stay for the driver; a custom name needs x-tls-ca. */
	ok(!open_engine("mysql://u:p@tcp(h)/app?tls=skip-verify", &db, &url, &err),
	   "tls=skip-verify");
	is_str(ss_url_param(&url, "tls"), "skip-verify", "... is left to the driver");
	close_engine(&db, &url);
	ok(open_engine("mysql://u:p@tcp(h)/app?tls=custom", &db, &url, &err),
	   "tls=custom without x-tls-ca fails");
	is_str(err.msg, "open : No such file or directory", "... as Go's ReadFile(\"\")");
	ok(err.hint && strstr(err.hint, "x-tls-ca"), "... with a hint naming x-tls-ca");
	ss_err_release(&err);
	close_engine(&db, &url);
	f = fopen("test_migrate_mysql.ca.pem", "w");
	fputs("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", f);
	fclose(f);
	ok(open_engine("mysql://u:p@tcp(h)/app?tls=custom&x-tls-ca=test_migrate_mysql.ca.pem"
		       "&x-tls-cert=c.pem", &db, &url, &err), "x-tls-cert without x-tls-key fails");
	is_str(err.msg, "to use TLS client authentication, both x-tls-cert and x-tls-key must "
	       "not be empty", "... golang-migrate's message");
	ss_err_release(&err);
	close_engine(&db, &url);
	ok(!open_engine("mysql://u:p@tcp(h)/app?tls=custom&x-tls-ca=test_migrate_mysql.ca.pem"
			"&x-tls-cert=c.pem&x-tls-key=k.pem&x-tls-insecure-skip-verify=true",
			&db, &url, &err), "a custom TLS config");
	is_str(ss_url_param(&url, "ssl-mode"), "REQUIRED", "... insecure: TLS, no verification");
	ok(ss_url_param(&url, "ssl-ca") == NULL, "... no CA to check against (Go ignores it too)");
	is_str(ss_url_param(&url, "ssl-cert"), "c.pem", "... ssl-cert");
	is_str(ss_url_param(&url, "ssl-key"), "k.pem", "... ssl-key");
	ok(ss_url_param(&url, "tls") == NULL, "... tls= is consumed");
	close_engine(&db, &url);
	ok(!open_engine("mysql://u:p@tcp(h)/app?tls=preferred&x-tls-ca=test_migrate_mysql.ca.pem",
			&db, &url, &err), "tls=preferred is a custom name too (golang-migrate)");
	is_str(ss_url_param(&url, "ssl-mode"), "VERIFY_IDENTITY", "... verified by default");
	is_str(ss_url_param(&url, "ssl-ca"), "test_migrate_mysql.ca.pem", "... against x-tls-ca");
	close_engine(&db, &url);
	f = fopen("test_migrate_mysql.ca.pem", "w");
	fputs("not a certificate\n", f);
	fclose(f);
	ok(open_engine("mysql://u:p@tcp(h)/app?tls=x&x-tls-ca=test_migrate_mysql.ca.pem", &db, &url,
		       &err), "a CA file without a certificate fails");
	is_str(err.msg, "failed to append PEM", "... golang-migrate's message");
	ss_err_release(&err);
	close_engine(&db, &url);
	remove("test_migrate_mysql.ca.pem");
	sqlp_buf_release(&b);
}

int main(void)
{
	test_statements();
	test_failed_statement();
	test_syntax_position();
	test_split_dialects();
	test_dsn();
	test_lock_sql();
	test_engine();
	return tap_done();
}

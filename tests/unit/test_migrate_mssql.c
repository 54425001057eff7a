/*
 * test_migrate_mssql.c - ssync migrate's SQL Server parts, without a
 * server (none can run on the development machines): URL mapping, the
 * lock resource and calls, the SQL of the tracking table, drop, error
 * positions and GO batches.  The engine talks to a recording connection
 * (a test double of struct ss_conn that answers SCHEMA_NAME() and
 * DB_NAME() and keeps every SQL text); nothing pretends to be a server
 * beyond that.  The live suite is tests/integration/migrate_mssql.sh.
 *
 * With FreeTDS built, "test_migrate_mssql --sql URL SQL" runs SQL on a
 * real server through the driver and prints the rows tab-separated: the
 * live suite's client, as no sqlcmd is assumed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "drivers/mssql/mssql.h"
#include "migrate/engine.h"
#include "migrate/split.h"
#include "sqlparse.h"
#include "tap.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

/* --- a recording connection ------------------------------------------- */

struct rec {
	struct ss_conn base;
	struct sqlp_buf log;	/* every SQL text, one per line */
	const char *schema, *dbname, *row;	/* answers; row: "version\tdirty" or NULL */
	char lock_key[32];
	long lock_timeout;
	int lock_result;	/* what lock() does: 0, or the sp_getapplock code */
};

static void record(struct rec *r, const char *sql, size_t len)
{
	sqlp_buf_add(&r->log, sql, len);
	sqlp_buf_addch(&r->log, '\n');
}

static int rec_exec(struct ss_conn *c, const char *sql, size_t len, struct ss_err *err)
{
	record((struct rec *)c, sql, len);
	return 0;
}

static int rec_query(struct ss_conn *c, const char *sql, ss_row_fn fn, void *ctx,
		     struct ss_err *err)
{
	struct rec *r = (struct rec *)c;
	const char *v[2] = { NULL, NULL };
	size_t l[2] = { 0, 0 };
	char version[32] = "", dirty[8] = "";

	record(r, sql, strlen(sql));
	if (!strcmp(sql, "SELECT SCHEMA_NAME()"))
		v[0] = r->schema;
	else if (!strcmp(sql, "SELECT DB_NAME()"))
		v[0] = r->dbname;
	else if (r->row && sscanf(r->row, "%31s %7s", version, dirty) == 2) {
		v[0] = version;
		v[1] = dirty;
	} else {
		return 0;	/* no row */
	}
	l[0] = v[0] ? strlen(v[0]) : 0;
	l[1] = v[1] ? strlen(v[1]) : 0;
	return fn(ctx, v[1] ? 2 : 1, v, l, err);
}

static int rec_lock(struct ss_conn *c, const char *key, long timeout_ms, struct ss_err *err)
{
	struct rec *r = (struct rec *)c;

	snprintf(r->lock_key, sizeof(r->lock_key), "%s", key);
	r->lock_timeout = timeout_ms;
	if (!r->lock_result)
		return 0;
	ss_err_set(err, SS_ERR_LOCK, "try lock failed with error %d: %s", r->lock_result,
		   ss_ms_lock_error(r->lock_result));
	err->server_code = r->lock_result;
	return -1;
}

static int rec_unlock(struct ss_conn *c, const char *key, struct ss_err *err)
{
	return 0;
}

static void rec_close(struct ss_conn *c)
{
}

static const struct ss_driver rec_driver = {
	.name = "recording",
	.title = "recording",
	.close = rec_close,
	.exec = rec_exec,
	.query = rec_query,
	.lock = rec_lock,
	.unlock = rec_unlock,
};

/* prepare + locate the SQL Server engine on url, talking to r. */
static int open_engine(const char *text, struct rec *r, struct ss_mig_db *db, struct ss_url *url,
		       struct ss_err *err)
{
	const char *v;

	memset(db, 0, sizeof(*db));
	db->engine = &ss_mig_engine_mssql;
	db->conn = &r->base;
	r->base.driver = &rec_driver;
	sqlp_buf_init(&r->log);
	if (ss_url_parse(text, url, err))
		return -1;
	if ((v = ss_url_param(url, "x-migrations-table")))
		db->table_option = ss_xstrdup(v);
	if (db->engine->prepare(db, url, err))
		return -1;
	return db->engine->locate(db, url, err);
}

static void close_engine(struct rec *r, struct ss_mig_db *db, struct ss_url *url)
{
	free(db->database);
	free(db->schema);
	free(db->table);
	free(db->qtable);
	free(db->lock_key);
	free(db->table_option);
	ss_url_release(url);
	sqlp_buf_release(&r->log);
}

/* --- tests ------------------------------------------------------------- */

static void is_server(const char *text, const char *want, const char *name)
{
	struct ss_url url;
	struct ss_err err = SS_ERR_INIT;
	char *got = NULL;

	if (!ss_url_parse(text, &url, &err)) {
		got = ss_ms_server_name(&url);
		ss_url_release(&url);
	}
	is_str(got, want, name);
	free(got);
	ss_err_release(&err);
}

static void test_urls(void)
{
	struct ss_url url;
	struct ss_err err = SS_ERR_INIT;

	is_server("sqlserver://sa:pw@db.example:14330?database=app", "db.example:14330", "host:port");
	is_server("sqlserver://sa:pw@db?database=app", "db:1433", "default port 1433");
	is_server("sqlserver://sa:pw@db/SQLEXPRESS?database=app", "db\\SQLEXPRESS",
		  "host/instance: FreeTDS's host\\instance (SQL Browser)");
	is_server("sqlserver://sa:pw@db:1500/SQLEXPRESS", "db:1500", "a port wins over an instance");
	ok(!ss_url_parse("sqlserver://sa:p%40ss@h:1433?database=app&app+name=my+app&encrypt=true",
			 &url, &err), "a go-mssqldb URL parses");
	is_str(url.password, "p@ss", "... its password is unescaped");
	is_str(ss_url_param(&url, "database"), "app", "... database=");
	is_str(ss_url_param(&url, "app name"), "my app", "... 'app name' with '+' for spaces");
	ss_url_release(&url);
}

static void test_lock_sql(void)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	ss_ms_lock_sql(&b, "624704776", -1);
	is_str(b.data, "DECLARE @lockResult int; EXEC @lockResult = sp_getapplock @Resource = "
	       "N'624704776', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1; "
	       "SELECT @lockResult", "sp_getapplock as golang-migrate v4.19+: Exclusive, waiting");
	sqlp_buf_reset(&b);
	ss_ms_lock_sql(&b, "1", 15000);
	ok(strstr(b.data, "@LockTimeout = 15000;") != NULL, "a command lock waits -lock-timeout ms");
	sqlp_buf_reset(&b);
	ss_ms_unlock_sql(&b, "624704776");
	is_str(b.data, "EXEC sp_releaseapplock @Resource = N'624704776', @LockOwner = 'Session'",
	       "sp_releaseapplock");
	sqlp_buf_reset(&b);
	ss_ms_add_nliteral(&b, "[dbo].[it's]");
	is_str(b.data, "N'[dbo].[it''s]'", "an N'' literal doubles quotes");
	sqlp_buf_release(&b);
	is_str(ss_ms_lock_error(-1), "The lock request timed out.", "lock code -1");
	is_str(ss_ms_lock_error(-3), "The lock request was chosen as a deadlock victim.", "lock code -3");
	is_str(ss_ms_lock_error(-999), "Parameter validation or other call error.", "lock code -999");
	is_str(ss_ms_lock_error(-7), "Unknown error", "another code");
}

static void test_engine(void)
{
	struct rec r;
	struct ss_mig_db db;
	struct ss_url url;
	struct ss_err err = SS_ERR_INIT;
	struct sqlp_buf b = SQLP_BUF_INIT;
	int64_t version;
	int dirty;

	memset(&r, 0, sizeof(r));
	r.schema = "dbo";
	r.dbname = "app";
	ok(!open_engine("sqlserver://sa:pw@h:1433?database=app", &r, &db, &url, &err),
	   "open sqlserver://...?database=app");
	is_str(r.log.data, "SELECT DB_NAME()\nSELECT SCHEMA_NAME()\n",
	       "no URL path: DB_NAME(), then SCHEMA_NAME()");
	is_str(db.lock_key, "624704776", "lock resource of dbo + app (the spec's worked value)");
	is_str(db.qtable, "[dbo].[schema_migrations]", "the table [S].[T]");
	ok(!db.multi_statement, "by default a file is one batch, as golang-migrate sends it");
	sqlp_buf_reset(&r.log);
	ok(!db.engine->ensure_table(&db, &err), "ensure_table");
	is_str(r.log.data, "IF NOT EXISTS (SELECT * FROM sysobjects WHERE id = "
	       "object_id(N'[dbo].[schema_migrations]') AND OBJECTPROPERTY(id, N'IsUserTable') = 1) "
	       "CREATE TABLE [dbo].[schema_migrations] ( version BIGINT PRIMARY KEY NOT NULL, "
	       "dirty BIT NOT NULL );\n", "... golang-migrate's DDL");
	sqlp_buf_reset(&r.log);
	r.row = "7 1";
	ok(!db.engine->read_version(&db, &version, &dirty, &err), "read_version");
	is_str(r.log.data, "SELECT TOP 1 version, dirty FROM [dbo].[schema_migrations]\n",
	       "... SELECT TOP 1");
	ok(version == 7 && dirty == 1, "... (7, dirty) from a BIT 1");
	r.row = NULL;
	db.engine->read_version(&db, &version, &dirty, &err);
	ok(version == -1 && !dirty, "... no row: no version");
	db.engine->version_sql(&db, 3, 0, &b);
	is_str(b.data, "BEGIN TRY BEGIN TRAN; TRUNCATE TABLE [dbo].[schema_migrations]; INSERT INTO "
	       "[dbo].[schema_migrations] (version, dirty) VALUES (3, 0); COMMIT; END TRY BEGIN CATCH "
	       "IF @@TRANCOUNT > 0 ROLLBACK; THROW; END CATCH", "version (3, clean): one transaction");
	sqlp_buf_reset(&b);
	db.engine->version_sql(&db, -1, 0, &b);
	ok(!strstr(b.data, "INSERT"), "no version: the table is emptied");
	sqlp_buf_reset(&b);
	db.engine->version_sql(&db, -1, 1, &b);
	ok(strstr(b.data, "VALUES (-1, 1)") != NULL, "(-1, dirty) is kept as a row");
	sqlp_buf_reset(&b);
	sqlp_buf_reset(&r.log);
	ok(!db.engine->drop(&db, &err), "drop");
	ok(strstr(r.log.data, "SELECT DISTINCT sql = 'ALTER TABLE [' + tc2.TABLE_NAME + '] DROP [' + "
		  "rc1.CONSTRAINT_NAME + ']'") != NULL, "... drops foreign keys through a cursor");
	ok(strstr(r.log.data, "\nEXEC sp_MSforeachtable 'DROP TABLE ?'\n") != NULL,
	   "... then every table (sp_MSforeachtable)");
	ok(!db.engine->lock(&db, -1, &err), "lock");
	ok(!strcmp(r.lock_key, "624704776") && r.lock_timeout == -1, "... the resource, no time limit");
	r.lock_result = -1;
	ok(db.engine->lock(&db, 2000, &err), "a lock not granted within -lock-timeout");
	is_str(err.msg, "timeout: can't acquire database lock", "... golang-migrate's CLI words");
	ss_err_release(&err);
	r.lock_result = -3;
	ok(db.engine->lock(&db, -1, &err), "a deadlock victim");
	is_str(err.msg, "try lock failed with error -3: The lock request was chosen as a deadlock "
	       "victim.", "... golang-migrate's words");
	ss_err_release(&err);
	close_engine(&r, &db, &url);

	ok(!open_engine("sqlserver://sa:pw@h/SQLEXPRESS?database=app&x-migrations-table=m]x",
			&r, &db, &url, &err), "open .../SQLEXPRESS with x-migrations-table");
	is_str(r.log.data, "SELECT SCHEMA_NAME()\n", "a URL path: no DB_NAME()");
	is_str(db.database, "/SQLEXPRESS", "the lock uses the path, slash and all (golang-migrate)");
	is_str(db.qtable, "[dbo].[m]]x]", "a ']' in the name is doubled");
	close_engine(&r, &db, &url);

	r.schema = "";
	ok(open_engine("sqlserver://sa:pw@h?database=app", &r, &db, &url, &err), "no schema");
	is_str(err.msg, "no schema", "... golang-migrate's 'no schema'");
	ss_err_release(&err);
	close_engine(&r, &db, &url);
	r.schema = "dbo";

	ok(open_engine("sqlserver://sa:pw@h?useMsi=true", &r, &db, &url, &err),
	   "useMsi with a password");
	is_str(err.msg, "both password and useMsi=true were passed", "... golang-migrate's message");
	ss_err_release(&err);
	close_engine(&r, &db, &url);
	ok(open_engine("sqlserver://h?useMsi=true", &r, &db, &url, &err), "useMsi alone");
	ok(err.kind == SS_ERR_UNSUPPORTED, "... is not supported (Azure token login)");
	ss_err_release(&err);
	close_engine(&r, &db, &url);
	ok(!open_engine("sqlserver://sa:pw@h?x-batch-separator=go", &r, &db, &url, &err),
	   "x-batch-separator=go");
	ok(db.multi_statement, "... sends batch by batch");
	close_engine(&r, &db, &url);
	ok(open_engine("sqlserver://sa:pw@h?x-batch-separator=END", &r, &db, &url, &err),
	   "x-batch-separator=END is refused");
	ok(err.msg && strstr(err.msg, "only GO"), "... only GO is supported");
	ss_err_release(&err);
	close_engine(&r, &db, &url);
	sqlp_buf_release(&b);
}

static long long offset_of_line(const char *sql, unsigned line)
{
	struct ss_err e = SS_ERR_INIT;

	e.line = line;
	return ss_mig_engine_mssql.error_offset(sql, strlen(sql), &e);
}

static void test_positions_and_batches(void)
{
	const char *body = "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\nINSERT INTO b VALUES (2);\n";
	const char *file = "CREATE TABLE t (id int);\nGO\n\n-- the procedure\nCREATE PROCEDURE p AS\n"
			   "BEGIN\n  SELECT 1;\n  SELECT 2;\nEND\nGO\nINSERT INTO t VALUES (1);\n"
			   "go 3\nEXEC p;\n";
	struct ss_mig_pieces p = { 0 };
	struct ss_err err = SS_ERR_INIT;

	is_int(offset_of_line(body, 3), strstr(body, "INSERT INTO b") - body,
	       "the server's line 3 is the start of line 3");
	is_int(offset_of_line(body, 0), -1, "no line (an error inside a procedure): no position");
	is_int(offset_of_line(body, 9), -1, "a line past the end: no position");
	ok(!ss_mig_split_statements(SS_MIG_DIALECT_TSQL, file, strlen(file), &p, &err),
	   "x-batch-separator: the file splits at its GO lines");
	is_int(p.n, 6, "... 4 batches, the third sent 3 times (GO 3)");
	if (p.n == 6) {
		is_int(p.v[1].off, strstr(file, "CREATE PROCEDURE") - file,
		       "... the procedure's batch starts at CREATE (not at the comment)");
		ok(!memcmp(file + p.v[1].off + p.v[1].len - 3, "END", 3),
		   "... and ends at its END: the body stays whole");
		ok(p.v[3].off == p.v[2].off && p.v[4].off == p.v[2].off, "... GO 3 repeats the batch");
		is_int(p.v[5].off, strstr(file, "EXEC p") - file, "... the last batch");
		/* A server line inside batch 2 maps into the file through the piece. */
		is_int(p.v[1].off + offset_of_line(file + p.v[1].off, 3),
		       strstr(file, "  SELECT 1;") - file, "line 3 of batch 2 is the file's line 7");
	}
	ss_mig_pieces_release(&p);
	{
		const char *bad = "CREATE TABLE a (id int);\nGO\nSELECT 'unterminated;\nGO\nSELECT 2;\n";

		ok(!ss_mig_split_statements(SS_MIG_DIALECT_TSQL, bad, strlen(bad), &p, &err),
		   "an unterminated string: no error from the split");
		ok(p.n == 2 && p.v[1].off == (size_t)(strstr(bad, "SELECT 'un") - bad) &&
		   p.v[1].off + p.v[1].len == strlen(bad),
		   "... the batches before it, then the rest as one batch for the server to reject");
		ss_mig_pieces_release(&p);
	}
	ss_err_release(&err);
}

static char *compat(const char *sql, const char *msg, unsigned line, const char *detail)
{
	struct ss_err e = SS_ERR_INIT;
	struct sqlp_buf b = SQLP_BUF_INIT;

	ss_err_set(&e, SS_ERR_SQL, "%s", msg);
	e.line = line;
	if (detail)
		ss_err_detail(&e, "%s", detail);
	ss_mig_engine_mssql.compat_error(sql, strlen(sql), &e, &b);
	ss_err_release(&e);
	return sqlp_buf_detach(&b, NULL);
}

static void test_compat_text(void)
{
	const char *sql = "CREATE TABLE a (id int);\nINSERT INTO nosuch VALUES (1);\n";
	char *got;

	got = compat(sql, "Msg 208: Invalid object name 'nosuch'.", 2, NULL);
	is_str(got, "migration failed: Invalid object name 'nosuch'. in line 2: CREATE TABLE a (id int);\n"
	       "INSERT INTO nosuch VALUES (1);\n (details: mssql: Invalid object name 'nosuch'.)",
	       "golang-migrate's text for a server error");
	free(got);
	got = compat("EXEC p;", "Msg 50001: boom (proc name p)", 0, "at line 4 of procedure p");
	is_str(got, "boom (proc name p) in line 4: EXEC p; (details: mssql: boom)",
	       "... and for one raised in a procedure (its line there)");
	free(got);
	got = compat("SELECT 1;", "Adaptive Server connection failed", 0, NULL);
	is_str(got, "migration failed in line 0: SELECT 1; (details: Adaptive Server connection failed)",
	       "... and for a client error");
	free(got);
}

#ifdef HAVE_FREETDS
static int print_row(void *ctx, size_t ncols, const char *const *values, const size_t *lengths,
		     struct ss_err *err)
{
	for (size_t i = 0; i < ncols; i++)
		printf("%s%s", i ? "\t" : "", values[i] ? values[i] : "NULL");
	putchar('\n');
	return 0;
}

/* --sql URL SQL: run SQL on a real server and print its rows. */
static int run_sql(const char *url, const char *sql)
{
	struct ss_conn *conn;
	struct ss_err err = SS_ERR_INIT;
	int rc = ss_connect(url, &conn, &err) || ss_conn_query(conn, sql, print_row, NULL, &err);

	if (rc)
		fprintf(stderr, "error: %s\n", err.msg);
	ss_err_release(&err);
	if (conn)
		ss_conn_close(conn);
	return rc ? 1 : 0;
}
#endif

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--sql")) {
#ifdef HAVE_FREETDS
		return run_sql(argv[2], argv[3]);
#else
		fprintf(stderr, "this build has no FreeTDS\n");
		return 2;
#endif
	}
	test_urls();
	test_lock_sql();
	test_engine();
	test_positions_and_batches();
	test_compat_text();
	return tap_done();
}

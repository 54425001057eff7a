/*
 * engine_mssql.c - ssync migrate's SQL Server part: golang-migrate's
 * sqlserver driver's tracking table, lock resource and URL options.
 *
 * Tracking table [S].[T]: S is SCHEMA_NAME() (the login's default
 * schema), T is x-migrations-table taken as one name.  Lock: the
 * session-owned application lock sp_getapplock on the decimal
 * uint32(crc32(S \0 DB) * 1486364155), DB being the URL path with its
 * slash (for go-mssqldb that is the *instance*, "/SQLEXPRESS") or
 * DB_NAME() when there is none.  The table name is not part of it.
 *
 * The lock is taken as golang-migrate v4.19+ takes it (Exclusive, waiting,
 * return code checked), not as v4.18.2 did (Update mode, no wait, and its
 * result never read, so a held lock was never noticed, as upstream found
 * in commit 6b9f24bf): both name the same resource with the Session
 * owner, so ssync and v4.19+ exclude each other.
 *
 * A body is one batch, as golang-migrate sends it: T-SQL "GO" lines are
 * a client convention, so a file with them fails on the server, as it
 * does there.  x-batch-separator=GO (ssync's own option) splits the file
 * at its GO lines with sqlparse's T-SQL dialect and sends each batch on
 * its own ("GO n" n times), as sqlcmd does.
 *
 * Built in every configuration (it needs only driver.h), so its SQL is
 * unit-tested without FreeTDS; runner.c lists it only with the driver.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/opts.h"
#include "drivers/driver.h"
#include "drivers/mssql/mssql.h"
#include "migrate/engine.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

#define DEFAULT_TABLE "schema_migrations"

static int ms_prepare(struct ss_mig_db *db, struct ss_url *url, struct ss_err *err)
{
	const char *v = ss_url_param(url, "useMsi");
	int msi = 0;

	if (v && *v && (msi = ss_parse_go_bool(v)) < 0)
		return ss_err_set(err, SS_ERR_USAGE, "strconv.ParseBool: parsing \"%s\": invalid syntax",
				  v);
	if (msi && url->password)
		return ss_err_set(err, SS_ERR_USAGE, "both password and useMsi=true were passed");
	if (msi)
		return ss_err_set(err, SS_ERR_UNSUPPORTED, "useMsi=true (Azure managed identity "
				  "tokens) is not supported by ssync; use a SQL login");
	ss_url_remove_param(url, "useMsi");
	if ((v = ss_url_param(url, "x-batch-separator")) && *v) {
		if (strcasecmp(v, "GO"))
			return ss_err_set(err, SS_ERR_USAGE, "x-batch-separator=%s: only GO (sqlcmd's "
					  "batch separator) is supported", v);
		db->multi_statement = 1;
		db->multi_statement_max = SIZE_MAX;
	}
	return 0;
}

static int ms_locate(struct ss_mig_db *db, const struct ss_url *url, struct ss_err *err)
{
	db->table = ss_xstrdup(db->table_option && *db->table_option ? db->table_option
								      : DEFAULT_TABLE);
	/* golang-migrate takes the URL path, which go-mssqldb reads as the instance. */
	if (url->path && *url->path)
		db->database = ss_xstrdup(url->path);
	else if (ss_mig_query_value(db->conn, "SELECT DB_NAME()", &db->database, NULL, err))
		return -1;
	if (!db->database || !*db->database)
		return ss_err_set(err, SS_ERR_USAGE, "no database name");
	if (ss_mig_query_value(db->conn, "SELECT SCHEMA_NAME()", &db->schema, NULL, err))
		return -1;
	if (!db->schema || !*db->schema)
		return ss_err_set(err, SS_ERR_USAGE, "no schema");
	ss_mig_set_qtable(db, '[', ']');
	ss_mig_set_lock_key_of(db, '\0', db->schema, db->database, (char *)NULL);
	return 0;
}

static int ms_lock(struct ss_mig_db *db, long timeout_ms, struct ss_err *err)
{
	struct ss_err e = SS_ERR_INIT;

	if (!ss_conn_lock(db->conn, db->lock_key, timeout_ms, &e))
		return 0;
	if (e.server_code == -1 && timeout_ms >= 0) {
		/* -lock-timeout ran out: golang-migrate's CLI words. */
		ss_err_release(&e);
		ss_err_set(&e, SS_ERR_LOCK, "timeout: can't acquire database lock");
		ss_err_hint(&e, "another run holds the application lock '%s' (sp_getapplock)",
			    db->lock_key);
	}
	ss_err_move(err, &e);
	return -1;
}

static int ms_ensure_table(struct ss_mig_db *db, struct ss_err *err)
{
	struct sqlp_buf sql = SQLP_BUF_INIT;

	sqlp_buf_addstr(&sql, "IF NOT EXISTS (SELECT * FROM sysobjects WHERE id = object_id(");
	ss_ms_add_nliteral(&sql, db->qtable);
	sqlp_buf_addf(&sql, ") AND OBJECTPROPERTY(id, N'IsUserTable') = 1) CREATE TABLE %s "
		      "( version BIGINT PRIMARY KEY NOT NULL, dirty BIT NOT NULL );", db->qtable);
	return ss_mig_exec_buf(db->conn, &sql, err);
}

static int ms_read_version(struct ss_mig_db *db, int64_t *version, int *dirty, struct ss_err *err)
{
	return ss_mig_select_version(db, "SELECT TOP 1 version, dirty FROM ", "", version, dirty,
				     err);
}

static void ms_version_sql(const struct ss_mig_db *db, int64_t version, int dirty,
			   struct sqlp_buf *sql)
{
	/*
	 * golang-migrate: BEGIN TRAN; TRUNCATE; INSERT; COMMIT.  In one batch
	 * a failed statement would not stop the next: TRY/CATCH makes it all
	 * or nothing without SET XACT_ABORT, which would outlive the batch.
	 */
	sqlp_buf_addf(sql, "BEGIN TRY BEGIN TRAN; TRUNCATE TABLE %s; ", db->qtable);
	if (version >= 0 || dirty)
		sqlp_buf_addf(sql, "INSERT INTO %s (version, dirty) VALUES (%lld, %d); ", db->qtable,
			      (long long)version, dirty ? 1 : 0);
	sqlp_buf_addstr(sql, "COMMIT; END TRY BEGIN CATCH IF @@TRANCOUNT > 0 ROLLBACK; THROW; "
			"END CATCH");
}

/* golang-migrate's drop: every foreign key (by name, through a cursor), then every table. */
static const char drop_foreign_keys[] =
	"DECLARE @Sql NVARCHAR(500) DECLARE @Cursor CURSOR\n"
	"SET @Cursor = CURSOR FAST_FORWARD FOR\n"
	"SELECT DISTINCT sql = 'ALTER TABLE [' + tc2.TABLE_NAME + '] DROP [' + rc1.CONSTRAINT_NAME + ']'\n"
	"FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc1\n"
	"LEFT JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc2 ON tc2.CONSTRAINT_NAME = rc1.CONSTRAINT_NAME\n"
	"OPEN @Cursor FETCH NEXT FROM @Cursor INTO @Sql\n"
	"WHILE (@@FETCH_STATUS = 0)\n"
	"BEGIN\n"
	"Exec sp_executesql @Sql\n"
	"FETCH NEXT FROM @Cursor INTO @Sql\n"
	"END\n"
	"CLOSE @Cursor DEALLOCATE @Cursor";
static const char drop_tables[] = "EXEC sp_MSforeachtable 'DROP TABLE ?'";

static int ms_drop(struct ss_mig_db *db, struct ss_err *err)
{
	if (ss_conn_exec(db->conn, drop_foreign_keys, sizeof(drop_foreign_keys) - 1, err))
		return -1;
	return ss_conn_exec(db->conn, drop_tables, sizeof(drop_tables) - 1, err);
}

/* SQL Server names the line (of the batch sent) where the failing statement starts. */
static long long ms_error_offset(const char *sql, size_t len, const struct ss_err *err)
{
	size_t off = 0;

	if (!err->line)
		return -1;
	for (unsigned l = 1; l < err->line; l++) {
		const char *nl = memchr(sql + off, '\n', len - off);

		if (!nl)
			return -1;
		off = (size_t)(nl - sql) + 1;
	}
	return (long long)off;
}

/*
 * golang-migrate's sqlserver driver: "migration failed: MSG in line L: SQL
 * (details: mssql: MSG)", or "MSG (proc name P) in line L: ..." for an
 * error inside a procedure, L then being its line there.  The driver's
 * message is "Msg N: MSG[ (proc name P)]".
 */
static void ms_compat_error(const char *sql, size_t len, const struct ss_err *err,
			    struct sqlp_buf *out)
{
	const char *msg = err->msg ? err->msg : "", *text = strstr(msg, ": ");
	const char *proc = text ? strstr(text, " (proc name ") : NULL;
	unsigned line = err->line;

	if (strncmp(msg, "Msg ", 4) || !text) {
		sqlp_buf_addstr(out, "migration failed in line 0: ");
		sqlp_buf_add(out, sql, len);
		sqlp_buf_addf(out, " (details: %s)", msg);
		return;
	}
	text += 2;
	if (proc) {
		if (err->detail)
			sscanf(err->detail, "at line %u", &line);
		sqlp_buf_addstr(out, text);
	} else {
		sqlp_buf_addf(out, "migration failed: %s", text);
	}
	sqlp_buf_addf(out, " in line %u: ", line);
	sqlp_buf_add(out, sql, len);
	sqlp_buf_addf(out, " (details: mssql: %.*s)",
		      (int)(proc ? (size_t)(proc - text) : strlen(text)), text);
}

const struct ss_mig_engine ss_mig_engine_mssql = {
	.name = "sqlserver",
	.title = "SQL Server",
	.dialect = SS_MIG_DIALECT_TSQL,
	.prepare = ms_prepare,
	.locate = ms_locate,
	.lock = ms_lock,
	.ensure_table = ms_ensure_table,
	.read_version = ms_read_version,
	.version_sql = ms_version_sql,
	.drop = ms_drop,
	.error_offset = ms_error_offset,
	.compat_error = ms_compat_error,
};

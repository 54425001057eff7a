/*
 * engine_mysql.c - ssync migrate's MySQL / MariaDB part: golang-migrate's
 * mysql driver's tracking table, lock name and URL options.
 *
 * Tracking table `T` in the connection's database (x-migrations-table,
 * one name: a dot is part of it).  Lock: GET_LOCK() on the decimal
 * uint32(crc32(DB ":" T) * 1486364155), DB being the DSN's database or
 * DATABASE().  golang-migrate asks GET_LOCK to wait 10 seconds whatever
 * -lock-timeout says, and so does ssync: a runner that waits longer than
 * that fails with "can't acquire lock", as there; x-no-lock=true takes no
 * lock at all.  A body is one multi-statement send (with the dirty row's
 * transaction in front of it: the server runs them in order, so the file
 * runs as alone); the driver says how many statements completed, and the
 * runner names the failing one.
 *
 * Built in every configuration (it needs only driver.h): without the
 * MySQL driver, runner.c does not list it and mysql:// URLs fail with
 * "built without MySQL support".
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/opts.h"
#include "drivers/driver.h"
#include "drivers/mysql/mysql.h"
#include "migrate/engine.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

#define DEFAULT_TABLE "schema_migrations"
/* golang-migrate: SELECT GET_LOCK(?, 10). */
#define GET_LOCK_WAIT_MS 10000L

struct my_priv {
	int no_lock;	/* x-no-lock */
};

static int go_bool(const char *name, const char *value, int *out, struct ss_err *err)
{
	int b = ss_parse_go_bool(value);

	if (b < 0)
		return ss_err_set(err, SS_ERR_USAGE, "could not parse %s as bool: strconv.ParseBool: "
				  "parsing \"%s\": invalid syntax", name, value);
	*out = b;
	return 0;
}

/* Does the file hold a PEM certificate?  (Go: AppendCertsFromPEM.) */
static int read_ca(const char *path, struct ss_err *err)
{
	FILE *f = fopen(path, "r");
	char line[256];
	int found = 0;

	if (!f) {
		ss_err_set(err, SS_ERR_IO, "open %s: %s", path, strerror(errno));
		if (!*path)
			ss_err_hint(err, "tls= names a custom TLS configuration, which needs its CA "
				    "certificate in x-tls-ca (use tls=true or tls=skip-verify for the "
				    "built-in ones)");
		return -1;
	}
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, "-----BEGIN CERTIFICATE-----", 27);
	fclose(f);
	if (!found)
		return ss_err_set(err, SS_ERR_IO, "failed to append PEM");
	return 0;
}

/*
 * golang-migrate registers a TLS config for any tls= value but the bool
 * words and skip-verify, built from x-tls-ca (required), x-tls-cert and
 * x-tls-key (both or neither) and x-tls-insecure-skip-verify; map it to
 * the driver's ssl-* parameters.
 */
static int custom_tls(struct ss_url *url, struct ss_err *err)
{
	const char *tls = ss_url_param(url, "tls");
	const char *ca = ss_url_param(url, "x-tls-ca"), *v;
	const char *cert = ss_url_param(url, "x-tls-cert"), *key = ss_url_param(url, "x-tls-key");
	int insecure = 0;

	if (!tls || !*tls || !strcmp(tls, "1") || !strcmp(tls, "0") ||
	    !strcmp(tls, "true") || !strcmp(tls, "TRUE") || !strcmp(tls, "True") ||
	    !strcmp(tls, "false") || !strcmp(tls, "FALSE") || !strcmp(tls, "False") ||
	    !strcasecmp(tls, "skip-verify"))
		return 0;
	if (read_ca(ca ? ca : "", err))
		return -1;
	if ((cert && *cert) != (key && *key))
		return ss_err_set(err, SS_ERR_USAGE, "to use TLS client authentication, both "
				  "x-tls-cert and x-tls-key must not be empty");
	if ((v = ss_url_param(url, "x-tls-insecure-skip-verify")) && *v &&
	    (insecure = ss_parse_go_bool(v)) < 0)
		return ss_err_set(err, SS_ERR_USAGE,
				  "strconv.ParseBool: parsing \"%s\": invalid syntax", v);
	ss_url_set_param(url, "ssl-mode", insecure ? "REQUIRED" : "VERIFY_IDENTITY");
	/* Go's InsecureSkipVerify ignores the CA; Connector/C would check the chain. */
	if (!insecure)
		ss_url_set_param(url, "ssl-ca", ca);
	if (cert && *cert) {
		ss_url_set_param(url, "ssl-cert", cert);
		ss_url_set_param(url, "ssl-key", key);
	}
	ss_url_remove_param(url, "tls");
	return 0;
}

static int my_prepare(struct ss_mig_db *db, struct ss_url *url, struct ss_err *err)
{
	struct my_priv *p = ss_xcalloc(1, sizeof(*p));
	const char *v;

	db->priv = p;
	if (custom_tls(url, err))
		return -1;
	if ((v = ss_url_param(url, "x-no-lock")) && *v && go_bool("x-no-lock", v, &p->no_lock, err))
		return -1;
	if ((v = ss_url_param(url, "x-statement-timeout")) && *v) {
		char *end;
		long long n = strtoll(v, &end, 10);

		if (*end || end == v)
			return ss_err_set(err, SS_ERR_USAGE, "could not parse x-statement-timeout as "
					  "float: strconv.Atoi: parsing \"%s\": invalid syntax", v);
		db->statement_timeout_ms = n > 0 ? (long)n : 0;
	}
	/* golang-migrate forces multiStatements=true; the driver always does. */
	ss_url_remove_param(url, "multiStatements");
	return 0;
}

static int my_locate(struct ss_mig_db *db, const struct ss_url *url, struct ss_err *err)
{
	const char *dbname = ss_url_dbname(url);

	db->table = ss_xstrdup(db->table_option && *db->table_option ? db->table_option
								      : DEFAULT_TABLE);
	if (dbname)
		db->database = ss_xstrdup(dbname);
	else if (ss_mig_query_value(db->conn, "SELECT DATABASE()", &db->database, NULL, err))
		return -1;
	if (!db->database || !*db->database) {
		ss_err_set(err, SS_ERR_USAGE, "no database name");
		ss_err_hint(err, "name the database in the URL: mysql://user:pass@tcp(host:3306)/DB");
		return -1;
	}
	ss_mig_set_qtable(db, '`', '`');
	ss_mig_set_lock_key_of(db, ':', db->database, db->table, (char *)NULL);
	return 0;
}

static int my_lock(struct ss_mig_db *db, long timeout_ms, struct ss_err *err)
{
	struct my_priv *p = db->priv;
	long wait = timeout_ms < 0 || timeout_ms > GET_LOCK_WAIT_MS ? GET_LOCK_WAIT_MS : timeout_ms;
	struct ss_err e = SS_ERR_INIT;

	if (p->no_lock)
		return 0;
	if (!ss_conn_lock(db->conn, db->lock_key, wait, &e))
		return 0;
	if (!e.sqlstate[0] && timeout_ms >= 0 && timeout_ms < GET_LOCK_WAIT_MS) {
		/* -lock-timeout ran out before GET_LOCK's own 10 seconds. */
		ss_err_release(&e);
		ss_err_set(&e, SS_ERR_LOCK, "timeout: can't acquire database lock");
	}
	if (!e.sqlstate[0])
		ss_err_hint(&e, "another run holds the MySQL lock GET_LOCK('%s') on this server; "
			    "golang-migrate and ssync wait at most %ld seconds for it", db->lock_key,
			    GET_LOCK_WAIT_MS / 1000);
	ss_err_move(err, &e);
	return -1;
}

static int my_unlock(struct ss_mig_db *db, struct ss_err *err)
{
	struct my_priv *p = db->priv;

	if (p->no_lock)
		return 0;
	return ss_conn_unlock(db->conn, db->lock_key, err);
}

static int my_ensure_table(struct ss_mig_db *db, struct ss_err *err)
{
	struct sqlp_buf sql = SQLP_BUF_INIT, pattern = SQLP_BUF_INIT;
	char *found = NULL;
	int rc, exists;

	/* SHOW TABLES LIKE, as golang-migrate; "_" and "%" matched as themselves. */
	for (const char *s = db->table; *s; s++) {
		if (*s == '_' || *s == '%' || *s == '\\')
			sqlp_buf_addch(&pattern, '\\');
		sqlp_buf_addch(&pattern, *s);
	}
	ss_buf_check(&pattern);
	sqlp_buf_addstr(&sql, "SHOW TABLES LIKE ");
	ss_my_add_literal(&sql, pattern.data);
	sqlp_buf_release(&pattern);
	ss_buf_check(&sql);
	rc = ss_mig_query_value(db->conn, sql.data, &found, &exists, err);
	sqlp_buf_release(&sql);
	free(found);
	if (rc || exists)
		return rc;
	sqlp_buf_addf(&sql, "CREATE TABLE %s (version bigint not null primary key, "
		      "dirty boolean not null)", db->qtable);
	return ss_mig_exec_buf(db->conn, &sql, err);
}

static int my_read_version(struct ss_mig_db *db, int64_t *version, int *dirty, struct ss_err *err)
{
	return ss_mig_select_version(db, "SELECT version, dirty FROM ", " LIMIT 1", version, dirty,
				     err);
}

static void my_version_sql(const struct ss_mig_db *db, int64_t version, int dirty,
			   struct sqlp_buf *sql)
{
	/* golang-migrate: a SERIALIZABLE transaction; DELETE ... LIMIT 1 removes one row. */
	sqlp_buf_addf(sql, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; START TRANSACTION; "
		      "DELETE FROM %s LIMIT 1; ", db->qtable);
	if (version >= 0 || dirty)
		sqlp_buf_addf(sql, "INSERT INTO %s (version, dirty) VALUES (%lld, %d); ", db->qtable,
			      (long long)version, dirty ? 1 : 0);
	sqlp_buf_addstr(sql, "COMMIT");
}

static void my_dirty_prefix_sql(const struct ss_mig_db *db, int64_t version, struct sqlp_buf *sql,
				size_t *nstatements)
{
	/*
	 * Committed before the file's first statement runs, as if sent on
	 * its own: the server runs a multi-statement send in order, so the
	 * file then runs exactly as alone, one round trip sooner.
	 */
	my_version_sql(db, version, 1, sql);
	sqlp_buf_addstr(sql, ";\n");
	*nstatements = 5;	/* SET TRANSACTION, START TRANSACTION, DELETE, INSERT, COMMIT */
}

static int my_drop(struct ss_mig_db *db, struct ss_err *err)
{
	struct ss_strlist names = SS_STRLIST_INIT;
	struct sqlp_buf sql = SQLP_BUF_INIT;
	struct ss_err ignored = SS_ERR_INIT;
	int rc = 0;

	if (ss_mig_query_names(db->conn, "SHOW TABLES LIKE '%'", &names, err))
		return -1;
	if (names.n && ss_conn_exec(db->conn, "SET foreign_key_checks = 0", 26, err))
		rc = -1;
	for (size_t i = 0; i < names.n && !rc; i++) {
		if (!*names.items[i])
			continue;
		sqlp_buf_addstr(&sql, "DROP TABLE IF EXISTS ");
		ss_mig_quote_ident(&sql, names.items[i], '`', '`');
		rc = ss_mig_exec_buf(db->conn, &sql, err);
	}
	if (names.n)
		ss_conn_exec(db->conn, "SET foreign_key_checks = 1", 26, &ignored);
	ss_err_release(&ignored);
	ss_strlist_release(&names);
	return rc;
}

static long long my_error_offset(const char *sql, size_t len, const struct ss_err *err)
{
	/*
	 * The driver places a syntax error at the server's "near" text;
	 * otherwise the runner finds the failing statement by count.
	 */
	return ss_mig_position_offset(sql, len, err);
}

static void my_release(struct ss_mig_db *db)
{
	free(db->priv);
	db->priv = NULL;
}

const struct ss_mig_engine ss_mig_engine_mysql = {
	.name = "mysql",
	.title = "MySQL",
	.dialect = SS_MIG_DIALECT_MYSQL,
	.prepare = my_prepare,
	.locate = my_locate,
	.lock = my_lock,
	.unlock = my_unlock,
	.ensure_table = my_ensure_table,
	.read_version = my_read_version,
	.version_sql = my_version_sql,
	.dirty_prefix_sql = my_dirty_prefix_sql,
	.drop = my_drop,
	.error_offset = my_error_offset,
	.release = my_release,
};

/*
 * engine_pg.c - ssync migrate's PostgreSQL part: golang-migrate's postgres
 * (lib/pq) driver's tracking table, lock id and URL options.
 *
 * Tracking table "S"."T": S is current_schema() unless
 * x-migrations-table-quoted names one; T is x-migrations-table taken as one
 * identifier (a dot is part of the name) unless quoted.  Lock: session
 * advisory lock uint32(crc32(S \0 T \0 DB) * 1486364155), DB being the
 * URL path with its slash ("/app"), or current_database() when the URL
 * has no path.  pgx's x-lock-strategy=table is understood too (a row in
 * a lock table instead of an advisory lock, for PgBouncer setups).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "migrate/engine.h"
#include "migrate/text.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

#define DEFAULT_TABLE "schema_migrations"
#define DEFAULT_LOCK_TABLE "schema_lock"

struct pg_priv {
	int quoted;		/* x-migrations-table-quoted */
	char *lock_table;	/* x-lock-strategy=table: its table, else NULL */
	char *lock_table_key;	/* the row's lock_id */
};

static struct pg_priv *priv(const struct ss_mig_db *db)
{
	return db->priv;
}

/* Client-side keys of lib/pq that libpq does not know: not server settings. */
static const char *const libpq_unknown[] = {
	"binary_parameters", "disable_prepared_binary_result", "krbspn", NULL
};

static int pg_prepare(struct ss_mig_db *db, struct ss_url *url, struct ss_err *err)
{
	struct pg_priv *p = ss_xcalloc(1, sizeof(*p));
	int pgx = !strncmp(url->scheme, "pgx", 3);
	const char *v;
	long long n;
	int b;

	db->priv = p;
	if (pgx) {
		free(url->scheme);
		url->scheme = ss_xstrdup("postgres");
	}
	if ((v = ss_url_param(url, "x-migrations-table-quoted")) &&
	    ss_mig_bool_option("x-migrations-table-quoted", v, &p->quoted, err))
		return -1;
	if ((v = ss_url_param(url, "x-statement-timeout")) && *v) {
		if (ss_mig_int_option("x-statement-timeout", v, &n, err))
			return -1;
		db->statement_timeout_ms = n > 0 ? (long)n : 0;
	}
	if ((v = ss_url_param(url, "x-multi-statement")) && *v) {
		if (ss_mig_bool_option("x-multi-statement", v, &b, err))
			return -1;
		db->multi_statement = b;
	}
	db->multi_statement_max = 10485760;
	if ((v = ss_url_param(url, "x-multi-statement-max-size")) && *v) {
		if (ss_mig_int_option("x-multi-statement-max-size", v, &n, err))
			return -1;
		if (n > 0)
			db->multi_statement_max = (size_t)n;
	}
	if ((v = ss_url_param(url, "x-lock-strategy")) && *v && strcmp(v, "advisory")) {
		if (strcmp(v, "table"))
			return ss_err_set(err, SS_ERR_USAGE,
					  "unknown lock strategy \"%s\" (x-lock-strategy is advisory or table)",
					  v);
		v = ss_url_param(url, "x-lock-table");
		p->lock_table = ss_xstrdup(v && *v ? v : DEFAULT_LOCK_TABLE);
	}
	for (size_t i = 0; libpq_unknown[i]; i++)
		ss_url_remove_param(url, libpq_unknown[i]);
	/*
	 * lib/pq requires SSL unless told otherwise (libpq would only prefer
	 * it): keep that, so a URL that never fell back to plain text under
	 * golang-migrate does not start to.  pgx:// URLs follow pgx (prefer).
	 */
	if (!pgx && !ss_url_param(url, "sslmode") && !getenv("PGSSLMODE"))
		ss_url_set_param(url, "sslmode", "require");
	/* lib/pq always talks UTF-8; error positions are counted in it. */
	if (!ss_url_param(url, "client_encoding"))
		ss_url_set_param(url, "client_encoding", "UTF8");
	if (db->env_options && *db->env_options) {
		const char *old = ss_url_param(url, "options");
		char *joined = old && *old ? ss_xasprintf("%s %s", old, db->env_options)
					   : ss_xstrdup(db->env_options);

		ss_url_set_param(url, "options", joined);
		free(joined);
	}
	return 0;
}

/* Split '"schema"."table"' (golang-migrate: every non-greedy "..." group). */
static int split_quoted(struct ss_mig_db *db, const char *value, char **schema, char **table,
			struct ss_err *err)
{
	size_t len = strlen(value), ngroups = 0;
	const char *groups[3] = { NULL, NULL, NULL };
	size_t glen[3] = { 0, 0, 0 };
	const char *p = value;

	if (len < 2 || value[0] != '"' || value[len - 1] != '"')
		goto bad;
	while ((p = strchr(p, '"'))) {
		const char *end = strchr(p + 1, '"');

		if (!end)
			break;
		if (ngroups < 3) {
			groups[ngroups] = p + 1;
			glen[ngroups] = (size_t)(end - p - 1);
		}
		ngroups++;
		p = end + 1;
	}
	if (ngroups == 0)
		goto bad;
	if (ngroups > 2)
		return ss_err_set(err, SS_ERR_USAGE,
				  "\"%s\" MigrationsTable contains too many dot characters", value);
	*table = ss_xstrndup(groups[ngroups - 1], glen[ngroups - 1]);
	*schema = ngroups == 2 ? ss_xstrndup(groups[0], glen[0]) : NULL;
	return 0;
bad:
	return ss_err_set(err, SS_ERR_USAGE,
			  "x-migrations-table must be quoted (for instance '\"migrate\".\"schema_migrations\"') "
			  "when x-migrations-table-quoted is enabled, current value is: %s", value);
}

/* A string literal that means the same whatever standard_conforming_strings says. */
static void add_literal(struct sqlp_buf *b, const char *s)
{
	sqlp_buf_addstr(b, "E'");
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			sqlp_buf_addch(b, *s);
		sqlp_buf_addch(b, *s);
	}
	sqlp_buf_addch(b, '\'');
}

static int pg_locate(struct ss_mig_db *db, const struct ss_url *url, struct ss_err *err)
{
	struct pg_priv *p = priv(db);
	const char *table = db->table_option && *db->table_option ? db->table_option : DEFAULT_TABLE;
	char *schema = NULL;

	if (p->quoted) {
		if (split_quoted(db, table, &schema, &db->table, err))
			return -1;
	} else {
		db->table = ss_xstrdup(table);
	}
	if (url->path && *url->path) {
		db->database = ss_xstrdup(url->path);
	} else if (ss_mig_query_value(db->conn, "SELECT CURRENT_DATABASE()", &db->database, NULL,
				      err)) {
		free(schema);
		return -1;
	}
	if (!schema) {
		if (ss_mig_query_value(db->conn, "SELECT CURRENT_SCHEMA()", &schema, NULL, err))
			return -1;
		if (!schema)
			return ss_err_set(err, SS_ERR_SQL, "no schema");
	}
	db->schema = schema;
	ss_mig_set_qtable(db, '"', '"');
	/* The hash input: S \0 T \0 DB. */
	ss_mig_set_lock_key_of(db, '\0', db->schema, db->table, db->database, (char *)NULL);
	if (p->lock_table)
		p->lock_table_key = ss_xasprintf("%lu", (unsigned long)ss_mig_lock_hash(
							 db->database, strlen(db->database)));
	return 0;
}

static int exec_text(struct ss_mig_db *db, struct sqlp_buf *sql, struct ss_err *err)
{
	int rc;

	ss_buf_check(sql);
	rc = ss_conn_exec(db->conn, sql->data, sql->len, err);
	sqlp_buf_release(sql);
	return rc;
}

static int table_lock(struct ss_mig_db *db, struct ss_err *err)
{
	struct pg_priv *p = priv(db);
	struct sqlp_buf sql = SQLP_BUF_INIT;
	struct ss_err e = SS_ERR_INIT;

	sqlp_buf_addstr(&sql, "CREATE TABLE IF NOT EXISTS ");
	ss_mig_quote_ident(&sql, p->lock_table, '"', '"');
	sqlp_buf_addstr(&sql, " (lock_id BIGINT NOT NULL PRIMARY KEY)");
	if (exec_text(db, &sql, err))
		return -1;
	sqlp_buf_addstr(&sql, "INSERT INTO ");
	ss_mig_quote_ident(&sql, p->lock_table, '"', '"');
	sqlp_buf_addf(&sql, " (lock_id) VALUES (%s)", p->lock_table_key);
	if (!exec_text(db, &sql, &e))
		return 0;
	if (!strcmp(e.sqlstate, "23505")) {
		ss_err_release(&e);
		ss_err_set(err, SS_ERR_LOCK, "can't acquire lock");
		ss_err_hint(err, "another run holds the row lock_id = %s in table \"%s\"; if no run "
			    "is active, a crashed one left it: delete that row", p->lock_table_key,
			    p->lock_table);
		return -1;
	}
	ss_err_move(err, &e);
	err->kind = SS_ERR_LOCK;
	return -1;
}

static int pg_lock(struct ss_mig_db *db, long timeout_ms, struct ss_err *err)
{
	if (!priv(db)->lock_table)
		return ss_conn_lock(db->conn, db->lock_key, timeout_ms, err);
	return table_lock(db, err);
}

static int pg_unlock(struct ss_mig_db *db, struct ss_err *err)
{
	struct pg_priv *p = priv(db);
	struct sqlp_buf sql = SQLP_BUF_INIT;
	struct ss_err e = SS_ERR_INIT;

	if (!p->lock_table)
		return ss_conn_unlock(db->conn, db->lock_key, err);
	sqlp_buf_addstr(&sql, "DELETE FROM ");
	ss_mig_quote_ident(&sql, p->lock_table, '"', '"');
	sqlp_buf_addf(&sql, " WHERE lock_id = %s", p->lock_table_key);
	if (!exec_text(db, &sql, &e))
		return 0;
	/* "drop" drops the lock table too: then there is nothing to release. */
	if (!strcmp(e.sqlstate, "42P01")) {
		ss_err_release(&e);
		return 0;
	}
	ss_err_move(err, &e);
	return -1;
}

static int pg_ensure_table(struct ss_mig_db *db, struct ss_err *err)
{
	struct sqlp_buf sql = SQLP_BUF_INIT;
	char *count = NULL;
	int rc;

	/* Look before creating, so a role without CREATE can use an existing table. */
	sqlp_buf_addstr(&sql, "SELECT COUNT(1) FROM information_schema.tables WHERE table_schema = ");
	add_literal(&sql, db->schema);
	sqlp_buf_addstr(&sql, " AND table_name = ");
	add_literal(&sql, db->table);
	sqlp_buf_addstr(&sql, " LIMIT 1");
	ss_buf_check(&sql);
	rc = ss_mig_query_value(db->conn, sql.data, &count, NULL, err);
	sqlp_buf_release(&sql);
	if (rc)
		return -1;
	rc = count && !strcmp(count, "1");
	free(count);
	if (rc)
		return 0;
	sqlp_buf_addf(&sql, "CREATE TABLE IF NOT EXISTS %s (version bigint not null primary key, "
		      "dirty boolean not null)", db->qtable);
	return exec_text(db, &sql, err);
}

struct row {
	int64_t version;
	int dirty;
	int found;
};

static int keep_row(void *ctx, size_t ncols, const char *const *values, const size_t *lengths,
		    struct ss_err *err)
{
	struct row *r = ctx;

	if (r->found)
		return 0;
	if (ncols < 2 || !values[0] || !values[1])
		return ss_err_set(err, SS_ERR_SQL, "the tracking table has an unexpected row");
	r->found = 1;
	r->version = strtoll(values[0], NULL, 10);
	r->dirty = values[1][0] == 't';
	return 0;
}

static int pg_read_version(struct ss_mig_db *db, int64_t *version, int *dirty, struct ss_err *err)
{
	struct row r = { -1, 0, 0 };
	struct ss_err e = SS_ERR_INIT;
	char *sql = ss_xasprintf("SELECT version, dirty FROM %s LIMIT 1", db->qtable);
	int rc = ss_conn_query(db->conn, sql, keep_row, &r, &e);

	free(sql);
	if (rc && !strcmp(e.sqlstate, "42P01")) {
		/* No table (yet) is no version. */
		ss_err_release(&e);
		rc = 0;
	}
	if (rc) {
		ss_err_move(err, &e);
		return -1;
	}
	*version = r.found ? r.version : -1;
	*dirty = r.found && r.dirty;
	return 0;
}

static void pg_version_sql(const struct ss_mig_db *db, int64_t version, int dirty,
			   struct sqlp_buf *sql)
{
	/*
	 * One simple query is one implicit transaction: both or neither.
	 * golang-migrate empties the table with TRUNCATE; DELETE leaves every
	 * reader the same rows, without TRUNCATE's new relation file and scan
	 * of shared buffers at commit (3-6 ms each on the bench machine, more
	 * than a small migration itself).
	 */
	sqlp_buf_addf(sql, "DELETE FROM %s", db->qtable);
	if (version >= 0 || dirty)
		sqlp_buf_addf(sql, "; INSERT INTO %s (version, dirty) VALUES (%lld, %s)", db->qtable,
			      (long long)version, dirty ? "TRUE" : "FALSE");
}

static void pg_dirty_prefix_sql(const struct ss_mig_db *db, int64_t version, struct sqlp_buf *sql,
				size_t *nstatements)
{
	/*
	 * Committed before the file starts, as if sent on its own: the file
	 * then runs in an implicit transaction of its own, as golang-migrate
	 * runs it, and a reader sees (version, dirty) while it does.
	 */
	sqlp_buf_addstr(sql, "BEGIN; ");
	pg_version_sql(db, version, 1, sql);
	sqlp_buf_addstr(sql, "; COMMIT;\n");
	*nstatements = 4;
}

/* CREATE INDEX CONCURRENTLY, VACUUM ...: fine alone in a file, not after the prefix. */
static int pg_needs_own_exec(const struct ss_err *err)
{
	return !strcmp(err->sqlstate, "25001");
}

struct name_list {
	struct ss_strlist names;
};

static int keep_name(void *ctx, size_t ncols, const char *const *values, const size_t *lengths,
		     struct ss_err *err)
{
	if (ncols && values[0])
		ss_strlist_push(&((struct name_list *)ctx)->names, values[0]);
	return 0;
}

static int pg_drop(struct ss_mig_db *db, struct ss_err *err)
{
	struct name_list l = { SS_STRLIST_INIT };
	struct sqlp_buf sql = SQLP_BUF_INIT;
	int rc = 0;

	if (ss_conn_query(db->conn,
			  "SELECT table_name FROM information_schema.tables WHERE "
			  "table_schema=(SELECT current_schema()) AND table_type='BASE TABLE'",
			  keep_name, &l, err))
		return -1;
	for (size_t i = 0; i < l.names.n && !rc; i++) {
		sqlp_buf_addstr(&sql, "DROP TABLE IF EXISTS ");
		ss_mig_quote_ident(&sql, l.names.items[i], '"', '"');
		sqlp_buf_addstr(&sql, " CASCADE");
		rc = exec_text(db, &sql, err);
	}
	ss_strlist_release(&l.names);
	return rc;
}

static long long pg_error_offset(const char *sql, size_t len, const struct ss_err *err)
{
	if (!err->column)
		return -1;
	return (long long)ss_mig_char_to_byte(sql, len, err->column);
}

/*
 * lib/pq driver's line and column of a 1-based character position: CRLF
 * folded to LF first (so they drift after CRLF lines: golang-migrate's
 * numbers, kept as they are).  0 when pos is past the text.
 */
static int golang_line_col(const char *s, size_t len, unsigned long pos, unsigned *line,
			   unsigned *col)
{
	unsigned long n = 0, last_nl = 0, nl = 0;
	int have_nl = 0;

	for (size_t i = 0; i < len && n < pos; i++) {
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (s[i] == '\n') {
			nl++;
			last_nl = n;
			have_nl = 1;
		}
		n++;
	}
	if (pos > n)
		return 0;
	*line = (unsigned)(nl + 1);
	*col = (unsigned)(have_nl ? pos - 1 - last_nl : pos);
	return 1;
}

/* golang-migrate's postgres driver: "migration failed: MSG (column C)[, DETAIL] in line L: SQL (details: pq: MSG)". */
static void pg_compat_error(const char *sql, size_t len, const struct ss_err *err,
			    struct sqlp_buf *out)
{
	const char *msg = err->msg ? err->msg : "";
	unsigned line = 0, col = 0;

	if (!err->sqlstate[0]) {
		sqlp_buf_addstr(out, "migration failed in line 0: ");
		sqlp_buf_add(out, sql, len);
		sqlp_buf_addf(out, " (details: %s)", msg);
		return;
	}
	sqlp_buf_addf(out, "migration failed: %s", msg);
	if (err->column && golang_line_col(sql, len, err->column, &line, &col))
		sqlp_buf_addf(out, " (column %u)", col);
	if (err->detail)
		sqlp_buf_addf(out, ", %s", err->detail);
	sqlp_buf_addf(out, " in line %u: ", line);
	sqlp_buf_add(out, sql, len);
	sqlp_buf_addf(out, " (details: pq: %s)", msg);
}

static void pg_release(struct ss_mig_db *db)
{
	struct pg_priv *p = db->priv;

	if (!p)
		return;
	free(p->lock_table);
	free(p->lock_table_key);
	free(p);
	db->priv = NULL;
}

const struct ss_mig_engine ss_mig_engine_pg = {
	.name = "postgres",
	.title = "PostgreSQL",
	.dialect = SS_MIG_DIALECT_PG,
	.prepare = pg_prepare,
	.locate = pg_locate,
	.lock = pg_lock,
	.unlock = pg_unlock,
	.ensure_table = pg_ensure_table,
	.read_version = pg_read_version,
	.version_sql = pg_version_sql,
	.dirty_prefix_sql = pg_dirty_prefix_sql,
	.needs_own_exec = pg_needs_own_exec,
	.drop = pg_drop,
	.error_offset = pg_error_offset,
	.compat_error = pg_compat_error,
	.release = pg_release,
};

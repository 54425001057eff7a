/*
 * engine.h - what one database engine contributes to ssync migrate.
 *
 * runner.c does everything engine-neutral: the source and the version
 * index, plans, the command lock, the dirty-flag protocol around each
 * migration, progress lines, signals and error reports.  An engine adds
 * only its SQL and the client calls that differ: where the tracking table
 * lives and how it is quoted, the lock name, the table DDL, reading and
 * writing the one row, dropping everything, and how a server error
 * position maps back into the text that was sent.  Connections, scripts
 * and queries go through drivers/driver.h.
 *
 * To add an engine: write engine_NAME.c defining a const struct
 * ss_mig_engine, and list it with its URL schemes in engines[] in
 * runner.c.  Every function pointer is required unless marked optional.
 */
#ifndef SS_MIGRATE_ENGINE_H
#define SS_MIGRATE_ENGINE_H

#include <stddef.h>
#include <stdint.h>

struct ss_conn;
struct ss_err;
struct ss_url;
struct sqlp_buf;
struct ss_mig_engine;

/* The dialect a migration body is split in (x-multi-statement). */
enum ss_mig_dialect { SS_MIG_DIALECT_PG, SS_MIG_DIALECT_MYSQL, SS_MIG_DIALECT_TSQL };

/* One database session of ssync migrate and what the engine found out. */
struct ss_mig_db {
	const struct ss_mig_engine *engine;
	struct ss_conn *conn;
	/* Filled by the engine's locate(); all malloc'd, freed by the runner. */
	char *database;		/* the name the lock is derived from */
	char *schema;		/* tracking table's schema; NULL if the engine has none */
	char *table;		/* tracking table, unquoted */
	char *qtable;		/* the same, quoted and qualified, for SQL text */
	char *lock_key;		/* lock name / id as text, for the driver's lock() */
	/* Options common to the engines, from the URL's x- parameters. */
	char *table_option;	/* x-migrations-table, or NULL (engine default) */
	long statement_timeout_ms;	/* x-statement-timeout, 0 = none */
	int multi_statement;	/* x-multi-statement: one exec per statement */
	size_t multi_statement_max;	/* x-multi-statement-max-size in bytes */
	/* Inputs from the environment (init containers). */
	const char *env_options;	/* DB_MIGRATIONS_OPTIONS, or NULL */
	void *priv;		/* the engine's own state; freed by release() */
};

struct ss_mig_engine {
	const char *name;	/* "postgres": the driver.h driver it runs on */
	const char *title;	/* "PostgreSQL" */
	enum ss_mig_dialect dialect;
	/*
	 * Before connecting: take the engine's x- options out of url (every
	 * "x-" key must be gone afterwards; the runner removes leftovers),
	 * and set the URL defaults golang-migrate's client library has (the
	 * URL is what the driver then connects with).
	 */
	int (*prepare)(struct ss_mig_db *db, struct ss_url *url, struct ss_err *err);
	/* After connecting: database, schema, table, qtable and lock_key. */
	int (*locate)(struct ss_mig_db *db, const struct ss_url *url, struct ss_err *err);
	/*
	 * Optional (NULL: the driver's lock/unlock with lock_key).  timeout_ms
	 * < 0 waits forever; a lock not obtained in time fails with SS_ERR_LOCK
	 * "timeout: can't acquire database lock".
	 */
	int (*lock)(struct ss_mig_db *db, long timeout_ms, struct ss_err *err);
	int (*unlock)(struct ss_mig_db *db, struct ss_err *err);
	/* Create the tracking table if it is missing (called under the lock). */
	int (*ensure_table)(struct ss_mig_db *db, struct ss_err *err);
	/* The row: *version -1 when there is none (or the table is missing). */
	int (*read_version)(struct ss_mig_db *db, int64_t *version, int *dirty,
			    struct ss_err *err);
	/*
	 * Append to sql one script that replaces the row by (version, dirty)
	 * atomically, in a single exec: no row for (-1, clean), a row
	 * otherwise (so a failed first down can leave (-1, dirty)).
	 */
	void (*version_sql)(const struct ss_mig_db *db, int64_t version, int dirty,
			    struct sqlp_buf *sql);
	/*
	 * Optional: append a script that commits (version, dirty) in a
	 * transaction of its own, after which a migration file may follow in
	 * the same exec, so that the row and the file cost one round trip;
	 * *nstatements gets how many statements the script has (they count
	 * in exec_script's info->done).  NULL: the row is written on its own.
	 */
	void (*dirty_prefix_sql)(const struct ss_mig_db *db, int64_t version, struct sqlp_buf *sql,
				 size_t *nstatements);
	/*
	 * Optional: nonzero when a file whose first statement failed so after
	 * the prefix must be run on its own instead (PostgreSQL: a statement
	 * that cannot run in a transaction block, SQLSTATE 25001).
	 */
	int (*needs_own_exec)(const struct ss_err *err);
	/* Drop every table as golang-migrate's driver does (under the lock). */
	int (*drop)(struct ss_mig_db *db, struct ss_err *err);
	/*
	 * Where a failed script's error is: a byte offset into the script
	 * sql[0..len) that was sent, or -1 when the server gave no position
	 * (PostgreSQL: err->column holds its 1-based character position).
	 */
	long long (*error_offset)(const char *sql, size_t len, const struct ss_err *err);
	/*
	 * Optional: append golang-migrate's text for a failed exec of
	 * sql[0..len) (its driver's wording, err as the exec left it).
	 * NULL: "migration failed in line 0: SQL (details: MESSAGE)".
	 */
	void (*compat_error)(const char *sql, size_t len, const struct ss_err *err,
			     struct sqlp_buf *out);
	/* Optional: free priv. */
	void (*release)(struct ss_mig_db *db);
};

extern const struct ss_mig_engine ss_mig_engine_pg;
extern const struct ss_mig_engine ss_mig_engine_mysql;
extern const struct ss_mig_engine ss_mig_engine_mssql;

/* --- Helpers shared by the engines (engine.c) ------------------------ */

/* golang-migrate's lock hash: uint32(crc32_ieee(data) * 1486364155). */
uint32_t ss_mig_lock_hash(const void *data, size_t len);

/* Append s quoted with open/close, close doubled inside: "a""b", [a]]b]. */
void ss_mig_quote_ident(struct sqlp_buf *b, const char *s, char open, char close);

/*
 * Run sql and give the first column of its first row (malloc'd, NULL for
 * SQL NULL or no row; *found says whether there was a row).
 */
int ss_mig_query_value(struct ss_conn *conn, const char *sql, char **value, int *found,
		       struct ss_err *err);

/*
 * Run sql and collect the first column of every row (NULLs skipped) into
 * names, which the caller has initialised and releases.
 */
struct ss_strlist;
int ss_mig_query_names(struct ss_conn *conn, const char *sql, struct ss_strlist *names,
		       struct ss_err *err);

/*
 * Run sql, a SELECT of (version, dirty), and read its first row: *version
 * -1 and *dirty 0 when there is none.  dirty reads true as "t", "true" or
 * "1" (PostgreSQL booleans, MySQL tinyint, SQL Server bit).
 */
int ss_mig_query_version(struct ss_conn *conn, const char *sql, int64_t *version, int *dirty,
			 struct ss_err *err);

/* Exec the script in sql (one send) and release sql, whatever the outcome. */
int ss_mig_exec_buf(struct ss_conn *conn, struct sqlp_buf *sql, struct ss_err *err);

/* Set db->lock_key to the decimal ss_mig_lock_hash() of data[0..len). */
void ss_mig_set_lock_key(struct ss_mig_db *db, const void *data, size_t len);
/* The same, of the strings given (NULL ends the list) joined by the byte sep. */
void ss_mig_set_lock_key_of(struct ss_mig_db *db, int sep, ...);

/* Set db->qtable to db->table quoted with open/close, after "schema." if db->schema. */
void ss_mig_set_qtable(struct ss_mig_db *db, char open, char close);

/* Read the row with before ‖ db->qtable ‖ after, a SELECT of (version, dirty). */
int ss_mig_select_version(struct ss_mig_db *db, const char *before, const char *after,
			  int64_t *version, int *dirty, struct ss_err *err);

/*
 * error_offset for drivers that put a 1-based character position of the
 * error in err->column (PostgreSQL's, MySQL's syntax errors): its byte
 * offset in sql, or -1 when there is none.
 */
long long ss_mig_position_offset(const char *sql, size_t len, const struct ss_err *err);

/* Parse a Go bool option value; error "unable to parse option NAME: ..." if bad. */
int ss_mig_bool_option(const char *name, const char *value, int *out, struct ss_err *err);
/* Parse a decimal integer option value (Go strconv.Atoi). */
int ss_mig_int_option(const char *name, const char *value, long long *out, struct ss_err *err);

#endif /* SS_MIGRATE_ENGINE_H */

/*
 * driver.h - the interface every database engine implements.
 *
 * One const struct ss_driver per engine (ss_driver_pg, ss_driver_mysql,
 * ss_driver_mssql), each in its own folder under src/drivers/.  A
 * connection is a struct ss_conn embedded as the first member of the
 * driver's own connection struct, so the wrappers below can call through
 * conn->driver.  registry.c maps URL schemes to drivers and is the only
 * place that knows which engines were built.
 *
 * Every function takes struct ss_err * last and returns 0 / -1 (see
 * util/err.h).  Server errors carry SQLSTATE or the engine's error number,
 * and for PostgreSQL the 1-based character position in err->column when
 * the server reported one (callers map it back to a file position).
 * MySQL's exec_script sets it too for a syntax error, from the server's
 * "near '...' at line N", and counts statements in ss_exec_info.done as
 * the server ran them (a CALL's result sets are part of its one).
 */
#ifndef SS_DRIVER_H
#define SS_DRIVER_H

#include <stddef.h>

struct ss_err;
struct ss_url;
struct ss_conn;

/*
 * Row callback for query(): values[i] is NULL for SQL NULL, otherwise a
 * NUL-terminated text value of lengths[i] bytes.  All pointers are
 * borrowed and valid only during the call.  Return -1 (with err set) to
 * stop the query.
 */
typedef int (*ss_row_fn)(void *ctx, size_t ncols, const char *const *values,
			 const size_t *lengths, struct ss_err *err);

/*
 * What exec_script reports besides success or failure.  context is the
 * server's account of where inside a function body or DO block an error
 * happened (malloc'd, NULL if none; the caller frees it).
 */
struct ss_exec_info {
	size_t done;		/* statements of the script that completed */
	int open_transaction;	/* the script left a transaction block open */
	char *context;
};

enum {
	SS_DRV_TRANSACTIONAL_DDL = 1 << 0,	/* DDL can roll back */
	SS_DRV_MULTI_STATEMENT = 1 << 1,	/* exec() takes a whole script */
};

struct ss_driver {
	const char *name;		/* "postgres", "mysql", "sqlserver" */
	const char *title;		/* "PostgreSQL", for messages */
	unsigned caps;			/* SS_DRV_* */
	/* Open a connection; *out is owned by the caller (close it). */
	int (*connect)(const struct ss_url *url, struct ss_conn **out, struct ss_err *err);
	/* Close and free; NULL is allowed. */
	void (*close)(struct ss_conn *conn);
	/* Run a script of len bytes as the engine runs one client send. */
	int (*exec)(struct ss_conn *conn, const char *sql, size_t len, struct ss_err *err);
	/* Run one query and hand each row of its (last) result to fn. */
	int (*query)(struct ss_conn *conn, const char *sql, ss_row_fn fn, void *ctx,
		     struct ss_err *err);
	/*
	 * Take / release a session-level named lock.  key is the engine's
	 * lock name (PostgreSQL: decimal advisory-lock id).  timeout_ms < 0
	 * waits forever; 0 tries once.  A lock not obtained in time fails
	 * with SS_ERR_LOCK.
	 */
	int (*lock)(struct ss_conn *conn, const char *key, long timeout_ms, struct ss_err *err);
	int (*unlock)(struct ss_conn *conn, const char *key, struct ss_err *err);
	/*
	 * Optional (NULL: use exec).  Run a script as exec does, giving up
	 * (and cancelling it on the server) after timeout_ms when > 0, and
	 * fill info (which may be NULL).
	 */
	int (*exec_script)(struct ss_conn *conn, const char *sql, size_t len, long timeout_ms,
			   struct ss_exec_info *info, struct ss_err *err);
	/*
	 * Optional.  Ask the server to cancel what the connection runs now.
	 * Async-signal-safe: may be called from a signal handler.
	 */
	void (*interrupt)(struct ss_conn *conn);
};

struct ss_conn {
	const struct ss_driver *driver;
};

extern const struct ss_driver ss_driver_pg;
extern const struct ss_driver ss_driver_mysql;
extern const struct ss_driver ss_driver_mssql;

/*
 * The driver for a URL scheme.  Fails with SS_ERR_UNSUPPORTED naming the
 * configure switch when the engine was left out of this build, and with
 * SS_ERR_USAGE for an unknown scheme.
 */
const struct ss_driver *ss_driver_for_scheme(const char *scheme, struct ss_err *err);
/* Parse url_text and connect with the matching driver. */
int ss_connect(const char *url_text, struct ss_conn **out, struct ss_err *err);
/* Names of the engines built in, each preceded by a space (" postgres mysql"). */
const char *ss_drivers_built(void);

static inline void ss_conn_close(struct ss_conn *c)
{
	if (c)
		c->driver->close(c);
}

static inline int ss_conn_exec(struct ss_conn *c, const char *sql, size_t len,
			       struct ss_err *err)
{
	return c->driver->exec(c, sql, len, err);
}

static inline int ss_conn_query(struct ss_conn *c, const char *sql, ss_row_fn fn,
				void *ctx, struct ss_err *err)
{
	return c->driver->query(c, sql, fn, ctx, err);
}

static inline int ss_conn_exec_script(struct ss_conn *c, const char *sql, size_t len,
				      long timeout_ms, struct ss_exec_info *info,
				      struct ss_err *err)
{
	if (c->driver->exec_script)
		return c->driver->exec_script(c, sql, len, timeout_ms, info, err);
	return c->driver->exec(c, sql, len, err);
}

static inline void ss_conn_interrupt(struct ss_conn *c)
{
	if (c && c->driver->interrupt)
		c->driver->interrupt(c);
}

static inline int ss_conn_lock(struct ss_conn *c, const char *key, long timeout_ms,
			       struct ss_err *err)
{
	return c->driver->lock(c, key, timeout_ms, err);
}

static inline int ss_conn_unlock(struct ss_conn *c, const char *key, struct ss_err *err)
{
	return c->driver->unlock(c, key, err);
}

#endif /* SS_DRIVER_H */

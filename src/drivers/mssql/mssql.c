/*
 * mssql.c - the SQL Server driver (FreeTDS db-lib).
 *
 * URL: golang-migrate's sqlserver://user:pass@host:port?database=db&...
 * No SQL Server can run on the development machines: this file is built
 * and its SQL is unit-tested, and its live behaviour is checked only where
 * SSYNC_TEST_MSSQL_URL names a real server (see README).
 *
 * db-lib reports errors through process-wide handlers; they copy the last
 * message into the connection found through dbgetuserdata().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sybdb.h>

#include "drivers/driver.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

struct ms_conn {
	struct ss_conn base;	/* must be first */
	DBPROCESS *proc;
	char last_msg[1024];	/* last server or library message */
	long last_code;		/* its error number */
	int last_line;		/* line within the batch, 0 if unknown */
};

static char connect_msg[1024];	/* messages before a DBPROCESS exists */

static int err_handler(DBPROCESS *proc, int severity, int dberr, int oserr,
		       char *dberrstr, char *oserrstr)
{
	struct ms_conn *c = proc ? (struct ms_conn *)dbgetuserdata(proc) : NULL;
	char *dst = c ? c->last_msg : connect_msg;
	size_t cap = c ? sizeof(c->last_msg) : sizeof(connect_msg);

	if (dberr == SYBESMSG)	/* "check messages from the server": already seen */
		return INT_CANCEL;
	snprintf(dst, cap, "%s%s%s", dberrstr ? dberrstr : "db-lib error",
		 oserrstr && oserr != DBNOERR ? ": " : "", oserrstr && oserr != DBNOERR ? oserrstr : "");
	if (c)
		c->last_code = dberr;
	return INT_CANCEL;
}

static int msg_handler(DBPROCESS *proc, DBINT msgno, int msgstate, int severity,
		       char *msgtext, char *srvname, char *procname, int line)
{
	struct ms_conn *c = proc ? (struct ms_conn *)dbgetuserdata(proc) : NULL;

	if (severity <= 10)	/* informational: "Changed database context" etc. */
		return 0;
	if (!c) {
		snprintf(connect_msg, sizeof(connect_msg), "%s", msgtext ? msgtext : "");
		return 0;
	}
	if (procname && *procname)
		snprintf(c->last_msg, sizeof(c->last_msg), "%s (proc name %s)", msgtext, procname);
	else
		snprintf(c->last_msg, sizeof(c->last_msg), "%s", msgtext ? msgtext : "");
	c->last_code = msgno;
	c->last_line = line;
	return 0;
}

static int fill_error(struct ms_conn *c, struct ss_err *err)
{
	if (ss_err_isset(err))
		return -1;
	ss_err_set(err, SS_ERR_SQL, "%s", c->last_msg[0] ? c->last_msg : "SQL Server error");
	err->server_code = c->last_code;
	err->line = (unsigned)(c->last_line > 0 ? c->last_line : 0);
	return -1;
}

static int ms_connect(const struct ss_url *url, struct ss_conn **out, struct ss_err *err)
{
	static int initialised;
	LOGINREC *login;
	DBPROCESS *proc;
	struct ms_conn *c;
	char *server;
	const char *db = ss_url_param(url, "database");
	const char *app = ss_url_param(url, "app name");

	if (!initialised) {
		if (dbinit() == FAIL)
			return ss_err_set(err, SS_ERR_CONNECT, "cannot initialise FreeTDS db-lib");
		dberrhandle(err_handler);
		dbmsghandle(msg_handler);
		initialised = 1;
	}
	login = dblogin();
	if (!login)
		return ss_err_set(err, SS_ERR_CONNECT, "cannot allocate a FreeTDS login");
	if (url->user)
		DBSETLUSER(login, url->user);
	if (url->password)
		DBSETLPWD(login, url->password);
	DBSETLAPP(login, app ? app : "ssync");
	DBSETLCHARSET(login, "UTF-8");
	dbsetlversion(login, DBVERSION_74);
	server = ss_xasprintf("%s:%s", url->host ? url->host : "127.0.0.1",
			      url->port ? url->port : "1433");
	connect_msg[0] = '\0';
	proc = dbopen(login, server);
	free(server);
	dbloginfree(login);
	if (!proc)
		return ss_err_set(err, SS_ERR_CONNECT, "cannot connect to SQL Server: %s",
				  connect_msg[0] ? connect_msg : "login failed");
	c = ss_xcalloc(1, sizeof(*c));
	c->base.driver = &ss_driver_mssql;
	c->proc = proc;
	dbsetuserdata(proc, (BYTE *)c);
	if (db && dbuse(proc, db) == FAIL) {
		ss_err_set(err, SS_ERR_CONNECT, "cannot use database '%s': %s", db, c->last_msg);
		dbclose(proc);
		free(c);
		return -1;
	}
	*out = &c->base;
	return 0;
}

static void ms_close(struct ss_conn *conn)
{
	struct ms_conn *c = (struct ms_conn *)conn;

	if (!c)
		return;
	dbclose(c->proc);
	free(c);
}

/* Send sql and read every result set; rows go to fn. */
static int run(struct ms_conn *c, const char *sql, size_t len, ss_row_fn fn, void *ctx,
	       struct ss_err *err)
{
	char *copy = ss_xstrndup(sql, len);
	RETCODE rc;
	int status = 0;

	c->last_msg[0] = '\0';
	c->last_line = 0;
	dbfreebuf(c->proc);
	if (dbcmd(c->proc, copy) == FAIL || dbsqlexec(c->proc) == FAIL) {
		free(copy);
		dbcancel(c->proc);
		return fill_error(c, err);
	}
	free(copy);
	while ((rc = dbresults(c->proc)) != NO_MORE_RESULTS) {
		int ncols;

		if (rc == FAIL) {
			status = fill_error(c, err);
			continue;
		}
		ncols = dbnumcols(c->proc);
		while (dbnextrow(c->proc) != NO_MORE_ROWS) {
			const char **vals;
			size_t *lens;
			struct sqlp_buf *bufs;

			if (!fn || status)
				continue;
			vals = ss_xcalloc((size_t)ncols + 1, sizeof(*vals));
			lens = ss_xcalloc((size_t)ncols + 1, sizeof(*lens));
			bufs = ss_xcalloc((size_t)ncols + 1, sizeof(*bufs));
			for (int i = 0; i < ncols; i++) {
				BYTE *data = dbdata(c->proc, i + 1);
				DBINT dlen = dbdatlen(c->proc, i + 1);
				int type = dbcoltype(c->proc, i + 1);

				sqlp_buf_init(&bufs[i]);
				if (!data && dlen == 0) {
					vals[i] = NULL;
					continue;
				}
				if (type == SYBCHAR || type == SYBVARCHAR || type == SYBTEXT) {
					sqlp_buf_add(&bufs[i], data, (size_t)dlen);
				} else {
					DBINT n;

					sqlp_buf_grow(&bufs[i], (size_t)dlen * 2 + 64);
					n = dbconvert(c->proc, type, data, dlen, SYBCHAR,
						      (BYTE *)bufs[i].data, (DBINT)(bufs[i].cap - 1));
					if (n > 0 && !sqlp_buf_failed(&bufs[i])) {
						bufs[i].len = (size_t)n;
						bufs[i].data[n] = '\0';
					}
				}
				ss_buf_check(&bufs[i]);
				vals[i] = bufs[i].data;
				lens[i] = bufs[i].len;
			}
			if (fn(ctx, (size_t)ncols, vals, lens, err))
				status = -1;
			for (int i = 0; i < ncols; i++)
				sqlp_buf_release(&bufs[i]);
			free(bufs);
			free(vals);
			free(lens);
		}
	}
	return status;
}

static int ms_exec(struct ss_conn *conn, const char *sql, size_t len, struct ss_err *err)
{
	return run((struct ms_conn *)conn, sql, len, NULL, NULL, err);
}

static int ms_query(struct ss_conn *conn, const char *sql, ss_row_fn fn, void *ctx,
		    struct ss_err *err)
{
	return run((struct ms_conn *)conn, sql, strlen(sql), fn, ctx, err);
}

static int first_int(void *ctx, size_t ncols, const char *const *values,
		     const size_t *lengths, struct ss_err *err)
{
	if (ncols > 0 && values[0])
		*(long *)ctx = strtol(values[0], NULL, 10);
	return 0;
}

/* The key is a decimal number (golang-migrate's resource id): no quoting needed. */
static int ms_lock(struct ss_conn *conn, const char *key, long timeout_ms, struct ss_err *err)
{
	long result = -999;
	char *sql;
	int rc;

	if (strspn(key, "0123456789") != strlen(key))
		return ss_err_set(err, SS_ERR_INTERNAL, "invalid SQL Server lock resource '%s'", key);
	sql = ss_xasprintf("DECLARE @r int; EXEC @r = sp_getapplock @Resource = '%s', "
			   "@LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = %ld; "
			   "SELECT @r", key, timeout_ms < 0 ? -1L : timeout_ms);
	rc = ms_query(conn, sql, first_int, &result, err);
	free(sql);
	if (rc)
		return -1;
	if (result < 0)
		return ss_err_set(err, SS_ERR_LOCK, "%s",
				  result == -1 ? "timeout: can't acquire database lock"
					       : "can't acquire lock");
	return 0;
}

static int ms_unlock(struct ss_conn *conn, const char *key, struct ss_err *err)
{
	char *sql;
	int rc;

	if (strspn(key, "0123456789") != strlen(key))
		return ss_err_set(err, SS_ERR_INTERNAL, "invalid SQL Server lock resource '%s'", key);
	sql = ss_xasprintf("EXEC sp_releaseapplock @Resource = '%s', @LockOwner = 'Session'", key);
	rc = ms_exec(conn, sql, strlen(sql), err);
	free(sql);
	return rc;
}

const struct ss_driver ss_driver_mssql = {
	.name = "sqlserver",
	.title = "SQL Server",
	.caps = SS_DRV_TRANSACTIONAL_DDL | SS_DRV_MULTI_STATEMENT,
	.connect = ms_connect,
	.close = ms_close,
	.exec = ms_exec,
	.query = ms_query,
	.lock = ms_lock,
	.unlock = ms_unlock,
};

/*
 * mssql.c - the SQL Server driver (FreeTDS db-lib).
 *
 * URL: golang-migrate's sqlserver://user:pass@host:port?database=db&...
 * (go-mssqldb's form; also sqlserver://user:pass@host/instance).  Its
 * parameters map to the db-lib login:
 *   database                       the login's database
 *   user id, password              when the URL has no user:pass@
 *   app name                       DBSETLAPP (default "ssync")
 *   connection timeout (seconds)   dbsetlogintime
 *   encrypt=true|strict            DBSETLENCRYPT (else FreeTDS's default:
 *                                  encryption when the server offers it)
 *   packet size, workstation id    DBSETLPACKET, DBSETLHOST
 * Others (TrustServerCertificate, dial timeout, log, ...) are go-mssqldb
 * client settings without a db-lib equivalent; certificate checks follow
 * freetds.conf.
 *
 * No SQL Server can run on the development machines: this file is built
 * and its SQL (sql.c) is unit-tested; its live behaviour is checked only
 * where SSYNC_TEST_MSSQL_URL names a real server (see README).
 *
 * db-lib reports errors through process-wide handlers; they copy the
 * first error of a batch into the connection found through
 * dbgetuserdata(), as "Msg N: text", with the line of the batch (or
 * none when it was raised inside a procedure).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sybdb.h>

#include "drivers/driver.h"
#include "drivers/mssql/mssql.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

struct ms_conn {
	struct ss_conn base;	/* must be first */
	DBPROCESS *proc;
	char msg[1024];		/* first error of the batch (server or library) */
	long code;		/* its error number */
	int line;		/* its line within the batch (or the procedure), 0 if unknown */
	char procname[129];	/* the procedure it was raised in, "" if none */
};

static char connect_msg[1024];	/* messages before a DBPROCESS exists */

static int err_handler(DBPROCESS *proc, int severity, int dberr, int oserr,
		       char *dberrstr, char *oserrstr)
{
	struct ms_conn *c = proc ? (struct ms_conn *)dbgetuserdata(proc) : NULL;

	if (dberr == SYBESMSG)	/* "check messages from the server": already seen */
		return INT_CANCEL;
	if (c && c->msg[0])
		return INT_CANCEL;
	snprintf(c ? c->msg : connect_msg, c ? sizeof(c->msg) : sizeof(connect_msg), "%s%s%s",
		 dberrstr ? dberrstr : "db-lib error", oserrstr && oserr != DBNOERR ? ": " : "",
		 oserrstr && oserr != DBNOERR ? oserrstr : "");
	if (c)
		c->code = dberr;
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
	/* The first error is the cause; later ones say "see previous errors". */
	if (c->msg[0])
		return 0;
	/* sqlcmd's "Msg N"; golang-migrate's "(proc name P)" after the text. */
	if (procname && *procname)
		snprintf(c->msg, sizeof(c->msg), "Msg %ld: %s (proc name %s)", (long)msgno,
			 msgtext ? msgtext : "", procname);
	else
		snprintf(c->msg, sizeof(c->msg), "Msg %ld: %s", (long)msgno, msgtext ? msgtext : "");
	c->code = msgno;
	c->line = line;
	snprintf(c->procname, sizeof(c->procname), "%s", procname ? procname : "");
	return 0;
}

static int fill_error(struct ms_conn *c, struct ss_err *err)
{
	if (ss_err_isset(err))
		return -1;
	ss_err_set(err, SS_ERR_SQL, "%s", c->msg[0] ? c->msg : "SQL Server error");
	err->server_code = c->code;
	/* A line inside a procedure is not a line of what was sent: say it apart. */
	err->line = c->procname[0] || c->line < 0 ? 0 : (unsigned)c->line;
	if (c->procname[0])
		ss_err_detail(err, "at line %d of procedure %s", c->line, c->procname);
	return -1;
}

/* --- connecting -------------------------------------------------------- */

static int set_login(LOGINREC *login, const struct ss_url *url, struct ss_err *err)
{
	const char *user = url->user ? url->user : ss_url_param(url, "user id");
	const char *pwd = url->password ? url->password : ss_url_param(url, "password");
	const char *v;

	if (user)
		DBSETLUSER(login, user);
	if (pwd)
		DBSETLPWD(login, pwd);
	v = ss_url_param(url, "app name");
	DBSETLAPP(login, v && *v ? v : "ssync");
	if ((v = ss_url_param(url, "database")) && *v)
		DBSETLDBNAME(login, v);
	if ((v = ss_url_param(url, "workstation id")) && *v)
		DBSETLHOST(login, v);
	if ((v = ss_url_param(url, "packet size")) && atoi(v) > 0)
		DBSETLPACKET(login, atoi(v));
	if ((v = ss_url_param(url, "encrypt")) && (!strcasecmp(v, "true") || !strcasecmp(v, "strict") ||
						   !strcmp(v, "1")))
		DBSETLENCRYPT(login, TRUE);
	if ((v = ss_url_param(url, "connection timeout")) && *v) {
		char *end;
		long secs = strtol(v, &end, 10);

		if (*end || secs < 0)
			return ss_err_set(err, SS_ERR_USAGE, "invalid connection timeout '%s' "
					  "(seconds)", v);
		dbsetlogintime((int)secs);
	}
	DBSETLCHARSET(login, "UTF-8");
	dbsetlversion(login, DBVERSION_74);
	return 0;
}

static int ms_connect(const struct ss_url *url, struct ss_conn **out, struct ss_err *err)
{
	static int initialised;
	LOGINREC *login;
	DBPROCESS *proc;
	struct ms_conn *c;
	char *server;

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
	if (set_login(login, url, err)) {
		dbloginfree(login);
		return -1;
	}
	server = ss_ms_server_name(url);
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

/* --- running SQL ------------------------------------------------------- */

/* One row to fn, every column as text (NULL for SQL NULL). */
static int send_row(struct ms_conn *c, int ncols, ss_row_fn fn, void *ctx, struct ss_err *err)
{
	const char **vals = ss_xcalloc((size_t)ncols + 1, sizeof(*vals));
	size_t *lens = ss_xcalloc((size_t)ncols + 1, sizeof(*lens));
	struct sqlp_buf *bufs = ss_xcalloc((size_t)ncols + 1, sizeof(*bufs));
	int rc;

	for (int i = 0; i < ncols; i++) {
		BYTE *data = dbdata(c->proc, i + 1);
		DBINT dlen = dbdatlen(c->proc, i + 1);
		int type = dbcoltype(c->proc, i + 1);

		sqlp_buf_init(&bufs[i]);
		if (!data && dlen == 0)
			continue;
		if (type == SYBCHAR || type == SYBVARCHAR || type == SYBTEXT) {
			sqlp_buf_add(&bufs[i], data, (size_t)dlen);
		} else {
			DBINT n;

			sqlp_buf_grow(&bufs[i], (size_t)dlen * 2 + 64);
			n = dbconvert(c->proc, type, data, dlen, SYBCHAR, (BYTE *)bufs[i].data,
				      (DBINT)(bufs[i].cap - 1));
			if (n > 0 && !sqlp_buf_failed(&bufs[i])) {
				bufs[i].len = (size_t)n;
				bufs[i].data[n] = '\0';
			}
		}
		ss_buf_check(&bufs[i]);
		vals[i] = bufs[i].data;
		lens[i] = bufs[i].len;
	}
	rc = fn(ctx, (size_t)ncols, vals, lens, err);
	for (int i = 0; i < ncols; i++)
		sqlp_buf_release(&bufs[i]);
	free(bufs);
	free(vals);
	free(lens);
	return rc;
}

/* Send sql as one batch and read every result set; rows go to fn. */
static int run(struct ms_conn *c, const char *sql, size_t len, ss_row_fn fn, void *ctx,
	       struct ss_err *err)
{
	char *copy = ss_xstrndup(sql, len);
	RETCODE rc;
	int status = 0;

	c->msg[0] = '\0';
	c->code = 0;
	c->line = 0;
	c->procname[0] = '\0';
	dbfreebuf(c->proc);
	if (dbcmd(c->proc, copy) == FAIL || dbsqlexec(c->proc) == FAIL) {
		free(copy);
		dbcancel(c->proc);
		return fill_error(c, err);
	}
	free(copy);
	/* A failed statement does not end the batch: read to the end, report the first. */
	while ((rc = dbresults(c->proc)) != NO_MORE_RESULTS) {
		if (rc == FAIL) {
			status = fill_error(c, err);
			continue;
		}
		while (dbnextrow(c->proc) != NO_MORE_ROWS)
			if (fn && !status && send_row(c, dbnumcols(c->proc), fn, ctx, err))
				status = -1;
	}
	if (!status && c->msg[0])
		status = fill_error(c, err);
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

static int first_long(void *ctx, size_t ncols, const char *const *values,
		      const size_t *lengths, struct ss_err *err)
{
	if (ncols > 0 && values[0])
		*(long *)ctx = strtol(values[0], NULL, 10);
	return 0;
}

/*
 * A batch, then whether it left a transaction open (BEGIN TRAN without
 * COMMIT, or an error inside one): the runner rolls it back.
 */
static int ms_exec_script(struct ss_conn *conn, const char *sql, size_t len, long timeout_ms,
			  struct ss_exec_info *info, struct ss_err *err)
{
	struct ss_err ignored = SS_ERR_INIT;
	long trancount = 0;
	int rc = ms_exec(conn, sql, len, err);

	if (info) {
		info->done = 0;
		info->context = NULL;
		info->open_transaction = !ms_query(conn, "SELECT @@TRANCOUNT", first_long, &trancount,
						   &ignored) && trancount > 0;
	}
	ss_err_release(&ignored);
	return rc;
}

/* --- application locks -------------------------------------------------- */

/* The resource is golang-migrate's decimal lock id: no quoting issue. */
static int ms_lock(struct ss_conn *conn, const char *key, long timeout_ms, struct ss_err *err)
{
	struct sqlp_buf sql = SQLP_BUF_INIT;
	long result = -999;
	int rc;

	ss_ms_lock_sql(&sql, key, timeout_ms);
	ss_buf_check(&sql);
	rc = ms_query(conn, sql.data, first_long, &result, err);
	sqlp_buf_release(&sql);
	if (rc) {
		err->kind = SS_ERR_LOCK;
		return -1;
	}
	if (result < 0) {
		ss_err_set(err, SS_ERR_LOCK, "try lock failed with error %ld: %s", result,
			   ss_ms_lock_error(result));
		err->server_code = result;
		return -1;
	}
	return 0;
}

static int ms_unlock(struct ss_conn *conn, const char *key, struct ss_err *err)
{
	struct sqlp_buf sql = SQLP_BUF_INIT;
	int rc;

	ss_ms_unlock_sql(&sql, key);
	ss_buf_check(&sql);
	rc = ms_exec(conn, sql.data, sql.len, err);
	sqlp_buf_release(&sql);
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
	.exec_script = ms_exec_script,
};

/*
 * pg.c - the PostgreSQL driver (libpq).
 *
 * URL mapping: user, password, host, port and the path (database name)
 * become libpq keywords; every query parameter that libpq knows as a
 * connection keyword (sslmode, sslrootcert, options, connect_timeout,
 * application_name, ...) passes through; golang-migrate's "x-" options
 * are ignored here (the migrate layer reads them); any other parameter is
 * a server setting (search_path=s1) and is sent as "-c key=value" in
 * options, as lib/pq sends it in the startup packet.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "drivers/driver.h"
#include "drivers/pg/pg.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/log.h"
#include "util/url.h"
#include "util/xmalloc.h"

struct pg_conn {
	struct ss_conn base;	/* must be first */
	PGconn *pg;
	PGcancel *cancel;	/* made at connect, so interrupt() can run in a signal handler */
};

static PGconn *pg_of(struct ss_conn *c)
{
	return ((struct pg_conn *)c)->pg;
}

PGconn *ss_pg_handle(struct ss_conn *c)
{
	return pg_of(c);
}

static int is_libpq_keyword(const char *key)
{
	static PQconninfoOption *defaults;

	if (!defaults)
		defaults = PQconndefaults();
	for (PQconninfoOption *o = defaults; o && o->keyword; o++)
		if (!strcmp(o->keyword, key))
			return 1;
	return 0;
}

/* Append "-c key=value" to options, escaping as libpq's options parser expects. */
static void add_setting(struct sqlp_buf *opts, const char *key, const char *value)
{
	if (opts->len)
		sqlp_buf_addch(opts, ' ');
	sqlp_buf_addstr(opts, "-c ");
	for (const char *p = key; *p; p++) {
		if (*p == ' ' || *p == '\\')
			sqlp_buf_addch(opts, '\\');
		sqlp_buf_addch(opts, *p);
	}
	sqlp_buf_addch(opts, '=');
	for (const char *p = value; *p; p++) {
		if (*p == ' ' || *p == '\\')
			sqlp_buf_addch(opts, '\\');
		sqlp_buf_addch(opts, *p);
	}
}

void ss_pg_fill_error(PGconn *pg, const PGresult *res, struct ss_err *err)
{
	const char *msg, *state, *pos, *detail, *hint;

	if (!res) {
		msg = PQerrorMessage(pg);
		ss_err_set(err, SS_ERR_SQL, "%.*s", (int)strcspn(msg, "\n"), msg);
		return;
	}
	msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	if (!msg) {
		msg = PQresultErrorMessage(res);
		if (!*msg)
			msg = PQerrorMessage(pg);
		ss_err_set(err, SS_ERR_SQL, "%.*s", (int)strcspn(msg, "\n"), msg);
		return;
	}
	if (ss_err_isset(err))
		return;
	ss_err_set(err, SS_ERR_SQL, "%s", msg);
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (state)
		snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", state);
	pos = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
	if (pos)
		err->column = (unsigned)strtoul(pos, NULL, 10);
	detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	if (detail)
		ss_err_detail(err, "%s", detail);
	hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);
	if (hint)
		ss_err_hint(err, "%s", hint);
}

/*
 * The server's NOTICEs and WARNINGs ("table does not exist, skipping")
 * are not ssync's output (golang-migrate's lib/pq drops them too); they
 * show with --verbose.
 */
static void quiet_notice(void *arg, const char *message)
{
	size_t n = strlen(message);

	(void)arg;
	while (n && message[n - 1] == '\n')
		n--;
	if (ss_log_verbose())
		ss_info("%.*s", (int)n, message);
}

static int pg_connect(const struct ss_url *url, struct ss_conn **out, struct ss_err *err)
{
	const char *keys[64], *vals[64];
	struct sqlp_buf opts = SQLP_BUF_INIT;
	int n = 0;
	struct pg_conn *c;
	PGconn *pg;

#define KV(k, v) do { if ((v) && n < 62) { keys[n] = (k); vals[n] = (v); n++; } } while (0)
	KV("host", url->host);
	KV("port", url->port);
	KV("user", url->user);
	KV("password", url->password);
	KV("dbname", ss_url_dbname(url));
	for (size_t i = 0; i < url->nparams; i++) {
		const char *k = url->params[i].key, *v = url->params[i].value;

		if (!strncmp(k, "x-", 2))
			continue;
		if (!strcmp(k, "options")) {
			if (opts.len)
				sqlp_buf_addch(&opts, ' ');
			sqlp_buf_addstr(&opts, v);
		} else if (is_libpq_keyword(k)) {
			KV(k, v);
		} else {
			add_setting(&opts, k, v);
		}
	}
	ss_buf_check(&opts);
	if (opts.len)
		KV("options", opts.data);
	KV("fallback_application_name", "ssync");
#undef KV
	keys[n] = NULL;
	vals[n] = NULL;
	pg = PQconnectdbParams(keys, vals, 0);
	sqlp_buf_release(&opts);
	if (!pg)
		return ss_err_set(err, SS_ERR_CONNECT, "cannot allocate a PostgreSQL connection");
	if (PQstatus(pg) != CONNECTION_OK) {
		const char *m = PQerrorMessage(pg);
		size_t len = strlen(m);

		while (len && (m[len - 1] == '\n' || m[len - 1] == ' '))
			len--;
		ss_err_set(err, SS_ERR_CONNECT, "cannot connect to PostgreSQL: %.*s", (int)len, m);
		PQfinish(pg);
		return -1;
	}
	PQsetNoticeProcessor(pg, quiet_notice, NULL);
	c = ss_xcalloc(1, sizeof(*c));
	c->base.driver = &ss_driver_pg;
	c->pg = pg;
	c->cancel = PQgetCancel(pg);
	*out = &c->base;
	return 0;
}

static void pg_close(struct ss_conn *conn)
{
	struct pg_conn *c = (struct pg_conn *)conn;

	if (!c)
		return;
	if (c->cancel)
		PQfreeCancel(c->cancel);
	PQfinish(c->pg);
	free(c);
}

/*
 * Drain the results of a sent command; the first error wins.  *done
 * counts the statements that completed before it; *context gets the
 * error's PL/pgSQL context (both may be NULL).
 */
static int drain_ex(PGconn *pg, ss_row_fn fn, void *ctx, size_t *done, char **context,
		    struct ss_err *err)
{
	PGresult *res;
	int rc = 0;

	while ((res = PQgetResult(pg))) {
		ExecStatusType st = PQresultStatus(res);

		if (st == PGRES_FATAL_ERROR || st == PGRES_BAD_RESPONSE ||
		    st == PGRES_NONFATAL_ERROR) {
			if (!rc) {
				const char *c = PQresultErrorField(res, PG_DIAG_CONTEXT);

				ss_pg_fill_error(pg, res, err);
				if (c && context && !*context)
					*context = ss_xstrdup(c);
			}
			rc = -1;
		} else if (st == PGRES_COPY_IN) {
			PQputCopyEnd(pg, "ssync: COPY FROM STDIN is not supported here");
		} else if (st == PGRES_COPY_OUT) {
			char *buf;

			while (PQgetCopyData(pg, &buf, 0) > 0)
				PQfreemem(buf);
		} else if (st == PGRES_TUPLES_OK && fn && !rc) {
			int ncols = PQnfields(res), nrows = PQntuples(res);
			const char **vals = ss_xcalloc((size_t)ncols + 1, sizeof(*vals));
			size_t *lens = ss_xcalloc((size_t)ncols + 1, sizeof(*lens));

			for (int r = 0; r < nrows && !rc; r++) {
				for (int f = 0; f < ncols; f++) {
					vals[f] = PQgetisnull(res, r, f) ? NULL : PQgetvalue(res, r, f);
					lens[f] = (size_t)PQgetlength(res, r, f);
				}
				if (fn(ctx, (size_t)ncols, vals, lens, err))
					rc = -1;
			}
			free(vals);
			free(lens);
		}
		if (!rc && done && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK))
			(*done)++;
		PQclear(res);
	}
	return rc;
}

static int drain(PGconn *pg, ss_row_fn fn, void *ctx, struct ss_err *err)
{
	return drain_ex(pg, fn, ctx, NULL, NULL, err);
}

static int send_text(PGconn *pg, const char *sql, size_t len, struct ss_err *err)
{
	char *copy = NULL;
	int ok;

	/* libpq wants a C string; a script with NUL bytes cannot be sent. */
	if (memchr(sql, '\0', len))
		return ss_err_set(err, SS_ERR_PARSE, "the script contains a NUL byte");
	if (sql[len] != '\0')
		sql = copy = ss_xstrndup(sql, len);
	ok = PQsendQuery(pg, sql);
	free(copy);
	if (!ok) {
		ss_pg_fill_error(pg, NULL, err);
		return -1;
	}
	return 0;
}

static int pg_exec(struct ss_conn *conn, const char *sql, size_t len, struct ss_err *err)
{
	PGconn *pg = pg_of(conn);

	if (send_text(pg, sql, len, err))
		return -1;
	return drain(pg, NULL, NULL, err);
}

static int pg_query(struct ss_conn *conn, const char *sql, ss_row_fn fn, void *ctx,
		    struct ss_err *err)
{
	PGconn *pg = pg_of(conn);

	if (send_text(pg, sql, strlen(sql), err))
		return -1;
	return drain(pg, fn, ctx, err);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for the pending command's result, at most timeout_ms (< 0: forever). */
static int wait_result(PGconn *pg, long timeout_ms)
{
	long deadline = timeout_ms >= 0 ? now_ms() + timeout_ms : 0;

	for (;;) {
		struct pollfd pfd = { PQsocket(pg), POLLIN, 0 };
		long left = -1;

		if (!PQconsumeInput(pg))
			return 0;
		if (!PQisBusy(pg))
			return 0;
		if (timeout_ms >= 0) {
			left = deadline - now_ms();
			if (left <= 0)
				return -1;
		}
		if (left < 0 || left > 1000)
			left = 1000;
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			return 0;
	}
}

/* Cancel the running command and wait for its end; 0 if it had succeeded anyway. */
static int cancel_and_drain(struct pg_conn *c)
{
	struct ss_err ignored = SS_ERR_INIT;
	char ebuf[256];
	int rc;

	if (c->cancel)
		PQcancel(c->cancel, ebuf, sizeof(ebuf));
	rc = drain(c->pg, NULL, NULL, &ignored);
	ss_err_release(&ignored);
	return rc;
}

static int pg_unlock(struct ss_conn *conn, const char *key, struct ss_err *err);

static int pg_lock(struct ss_conn *conn, const char *key, long timeout_ms, struct ss_err *err)
{
	struct pg_conn *c = (struct pg_conn *)conn;
	const char *params[1] = { key };
	int got = 1;

	if (timeout_ms == 0) {
		/* One try, no wait. */
		if (!PQsendQueryParams(c->pg, "SELECT pg_try_advisory_lock($1)", 1, NULL, params,
				       NULL, NULL, 0)) {
			ss_pg_fill_error(c->pg, NULL, err);
			return -1;
		}
		{
			PGresult *res = PQgetResult(c->pg);

			if (PQresultStatus(res) != PGRES_TUPLES_OK) {
				ss_pg_fill_error(c->pg, res, err);
				err->kind = SS_ERR_LOCK;
				got = -1;
			} else if (PQntuples(res) != 1 || strcmp(PQgetvalue(res, 0, 0), "t")) {
				got = 0;
			}
			PQclear(res);
			if (drain(c->pg, NULL, NULL, err) || got < 0)
				return -1;
		}
		if (!got)
			return ss_err_set(err, SS_ERR_LOCK, "timeout: can't acquire database lock");
		return 0;
	}
	if (!PQsendQueryParams(c->pg, "SELECT pg_advisory_lock($1)", 1, NULL, params, NULL, NULL, 0)) {
		ss_pg_fill_error(c->pg, NULL, err);
		return -1;
	}
	if (wait_result(c->pg, timeout_ms)) {
		/* The lock may have come just as we gave up: then give it back. */
		if (cancel_and_drain(c) == 0) {
			struct ss_err ignored = SS_ERR_INIT;

			pg_unlock(conn, key, &ignored);
			ss_err_release(&ignored);
		}
		return ss_err_set(err, SS_ERR_LOCK, "timeout: can't acquire database lock");
	}
	if (drain(c->pg, NULL, NULL, err)) {
		err->kind = SS_ERR_LOCK;
		return -1;
	}
	return 0;
}

static int pg_unlock(struct ss_conn *conn, const char *key, struct ss_err *err)
{
	PGconn *pg = pg_of(conn);
	const char *params[1] = { key };

	if (!PQsendQueryParams(pg, "SELECT pg_advisory_unlock($1)", 1, NULL, params, NULL, NULL, 0)) {
		ss_pg_fill_error(pg, NULL, err);
		return -1;
	}
	return drain(pg, NULL, NULL, err);
}

static int pg_exec_script(struct ss_conn *conn, const char *sql, size_t len, long timeout_ms,
			  struct ss_exec_info *info, struct ss_err *err)
{
	struct pg_conn *c = (struct pg_conn *)conn;
	size_t done = 0;
	char *context = NULL;
	int rc, timed_out = 0;

	if (send_text(c->pg, sql, len, err))
		return -1;
	if (timeout_ms > 0 && wait_result(c->pg, timeout_ms)) {
		char ebuf[256];

		timed_out = 1;
		if (c->cancel)
			PQcancel(c->cancel, ebuf, sizeof(ebuf));
	}
	rc = drain_ex(c->pg, NULL, NULL, &done, &context, err);
	if (rc && timed_out)
		ss_err_hint(err, "the statement timeout of %ld ms (x-statement-timeout) expired",
			    timeout_ms);
	if (info) {
		PGTransactionStatusType ts = PQtransactionStatus(c->pg);

		info->done = done;
		info->open_transaction = ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR;
		info->context = context;
	} else {
		free(context);
	}
	return rc;
}

static void pg_interrupt(struct ss_conn *conn)
{
	struct pg_conn *c = (struct pg_conn *)conn;
	char ebuf[256];

	/* PQcancel is safe in a signal handler; PQgetCancel is not (made at connect). */
	if (c && c->cancel)
		PQcancel(c->cancel, ebuf, sizeof(ebuf));
}

const struct ss_driver ss_driver_pg = {
	.name = "postgres",
	.title = "PostgreSQL",
	.caps = SS_DRV_TRANSACTIONAL_DDL | SS_DRV_MULTI_STATEMENT,
	.connect = pg_connect,
	.close = pg_close,
	.exec = pg_exec,
	.query = pg_query,
	.lock = pg_lock,
	.unlock = pg_unlock,
	.exec_script = pg_exec_script,
	.interrupt = pg_interrupt,
};

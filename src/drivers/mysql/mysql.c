/*
 * mysql.c - the MySQL / MariaDB driver (libmysqlclient or MariaDB
 * Connector/C).
 *
 * URL: golang-migrate's mysql://user:pass@tcp(host:port)/db?params (see
 * util/url.c).  Connections always allow multi-statement sends, as
 * golang-migrate forces multiStatements=true.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "drivers/driver.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

struct my_conn {
	struct ss_conn base;	/* must be first */
	MYSQL *my;
};

static MYSQL *my_of(struct ss_conn *c)
{
	return ((struct my_conn *)c)->my;
}

static int fill_error(MYSQL *my, struct ss_err *err)
{
	if (ss_err_isset(err))
		return -1;
	ss_err_set(err, SS_ERR_SQL, "%s", mysql_error(my));
	err->server_code = (long)mysql_errno(my);
	snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", mysql_sqlstate(my));
	return -1;
}

static int my_connect(const struct ss_url *url, struct ss_conn **out, struct ss_err *err)
{
	MYSQL *my = mysql_init(NULL);
	unsigned int port = url->port ? (unsigned)strtoul(url->port, NULL, 10) : 0;
	unsigned int timeout;
	const char *v;
	struct my_conn *c;

	if (!my)
		return ss_err_set(err, SS_ERR_CONNECT, "cannot allocate a MySQL connection");
	if ((v = ss_url_param(url, "timeout")) && (timeout = (unsigned)atoi(v)) > 0)
		mysql_options(my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if ((v = ss_url_param(url, "charset")))
		mysql_options(my, MYSQL_SET_CHARSET_NAME, v);
	else
		mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (!mysql_real_connect(my, url->socket ? NULL : (url->host ? url->host : "127.0.0.1"),
				url->user, url->password, ss_url_dbname(url), port,
				url->socket, CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS)) {
		ss_err_set(err, SS_ERR_CONNECT, "cannot connect to MySQL: %s", mysql_error(my));
		err->server_code = (long)mysql_errno(my);
		mysql_close(my);
		return -1;
	}
	c = ss_xcalloc(1, sizeof(*c));
	c->base.driver = &ss_driver_mysql;
	c->my = my;
	*out = &c->base;
	return 0;
}

static void my_close(struct ss_conn *conn)
{
	struct my_conn *c = (struct my_conn *)conn;

	if (!c)
		return;
	mysql_close(c->my);
	free(c);
}

/* Read every result of the last send; rows of each go to fn. */
static int drain(MYSQL *my, ss_row_fn fn, void *ctx, struct ss_err *err)
{
	int rc = 0, status;

	do {
		MYSQL_RES *res = mysql_store_result(my);

		if (res) {
			unsigned ncols = mysql_num_fields(res);
			MYSQL_ROW row;

			while (fn && !rc && (row = mysql_fetch_row(res))) {
				unsigned long *lens = mysql_fetch_lengths(res);
				size_t *slens = ss_xcalloc(ncols + 1, sizeof(*slens));

				for (unsigned i = 0; i < ncols; i++)
					slens[i] = lens[i];
				if (fn(ctx, ncols, (const char *const *)row, slens, err))
					rc = -1;
				free(slens);
			}
			mysql_free_result(res);
		} else if (mysql_field_count(my) != 0) {
			return fill_error(my, err);
		}
		status = mysql_next_result(my);
		if (status > 0)
			return fill_error(my, err);
	} while (status == 0);
	return rc;
}

static int my_exec(struct ss_conn *conn, const char *sql, size_t len, struct ss_err *err)
{
	MYSQL *my = my_of(conn);

	if (mysql_real_query(my, sql, len))
		return fill_error(my, err);
	return drain(my, NULL, NULL, err);
}

static int my_query(struct ss_conn *conn, const char *sql, ss_row_fn fn, void *ctx,
		    struct ss_err *err)
{
	MYSQL *my = my_of(conn);

	if (mysql_real_query(my, sql, strlen(sql)))
		return fill_error(my, err);
	return drain(my, fn, ctx, err);
}

static int first_value(void *ctx, size_t ncols, const char *const *values,
		       const size_t *lengths, struct ss_err *err)
{
	char **out = ctx;

	if (ncols > 0 && values[0] && !*out)
		*out = ss_xstrdup(values[0]);
	return 0;
}

static int lock_call(struct ss_conn *conn, const char *fmt_fn, const char *key,
		     long timeout_s, char **result, struct ss_err *err)
{
	MYSQL *my = my_of(conn);
	size_t klen = strlen(key);
	char *esc = ss_xmalloc(klen * 2 + 1);
	char *sql;
	int rc;

	mysql_real_escape_string(my, esc, key, (unsigned long)klen);
	if (timeout_s == -2)
		sql = ss_xasprintf("SELECT %s('%s')", fmt_fn, esc);
	else
		sql = ss_xasprintf("SELECT %s('%s', %ld)", fmt_fn, esc, timeout_s);
	*result = NULL;
	rc = my_query(conn, sql, first_value, result, err);
	free(sql);
	free(esc);
	return rc;
}

static int my_lock(struct ss_conn *conn, const char *key, long timeout_ms, struct ss_err *err)
{
	char *res;
	long secs = timeout_ms < 0 ? -1 : (timeout_ms + 999) / 1000;

	if (lock_call(conn, "GET_LOCK", key, secs, &res, err)) {
		err->kind = SS_ERR_LOCK;
		return -1;
	}
	if (!res || strcmp(res, "1")) {
		free(res);
		return ss_err_set(err, SS_ERR_LOCK, "can't acquire lock");
	}
	free(res);
	return 0;
}

static int my_unlock(struct ss_conn *conn, const char *key, struct ss_err *err)
{
	char *res;

	if (lock_call(conn, "RELEASE_LOCK", key, -2, &res, err))
		return -1;
	free(res);
	return 0;
}

const struct ss_driver ss_driver_mysql = {
	.name = "mysql",
	.title = "MySQL",
	.caps = SS_DRV_MULTI_STATEMENT,
	.connect = my_connect,
	.close = my_close,
	.exec = my_exec,
	.query = my_query,
	.lock = my_lock,
	.unlock = my_unlock,
};

/*
 * mysql.c - the MySQL / MariaDB driver (MariaDB Connector/C or
 * libmysqlclient).
 *
 * URL: golang-migrate's mysql://user:pass@tcp(host:port)/db?params, a
 * go-sql-driver DSN (see util/url.c).  Its parameters map to the C
 * client's options:
 *   tls=true|skip-verify|false   TLS verified / unverified / off; the
 *                                 migrate layer turns golang-migrate's
 *                                 custom configs (x-tls-*) into:
 *   ssl-mode=DISABLED|REQUIRED|VERIFY_IDENTITY, ssl-ca, ssl-cert, ssl-key
 *   timeout, readTimeout, writeTimeout   Go durations ("30s", "1m")
 *   charset (first of a comma list), collation, maxAllowedPacket,
 *   allowCleartextPasswords
 *   parseTime, loc, interpolateParams, ... (client-side Go behaviour: ignored)
 *   anything else: a session variable, "SET name=value" after connecting,
 *   value sent as written (go-sql-driver's rule: quote strings with %27).
 * Connections always allow multi-statement sends, as golang-migrate forces
 * multiStatements=true.  Server errors read "Error NNNN: message", as
 * go-sql-driver prints them, with the SQLSTATE and number in ss_err.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include <mysql.h>

#include "drivers/driver.h"
#include "drivers/mysql/mysql.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

struct my_conn {
	struct ss_conn base;	/* must be first */
	MYSQL *my;
	char *url;		/* to open a second session that can KILL QUERY */
	volatile int fd;	/* the socket, for interrupt() */
};

static MYSQL *my_of(struct ss_conn *c)
{
	return ((struct my_conn *)c)->my;
}

static int fill_error(MYSQL *my, struct ss_err *err)
{
	if (ss_err_isset(err))
		return -1;
	ss_err_set(err, SS_ERR_SQL, "Error %u: %s", mysql_errno(my), mysql_error(my));
	err->server_code = (long)mysql_errno(my);
	snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", mysql_sqlstate(my));
	return -1;
}

/* --- connecting -------------------------------------------------------- */

/* Go's time.ParseDuration, in milliseconds (rounded up); -1 if malformed. */
static long go_duration_ms(const char *s)
{
	static const struct {
		const char *unit;
		double ms;
	} units[] = { { "ns", 1e-6 }, { "us", 1e-3 }, { "\xc2\xb5s", 1e-3 }, { "ms", 1 },
		      { "s", 1e3 }, { "m", 6e4 }, { "h", 3.6e6 } };
	double total = 0;

	if (!strcmp(s, "0"))
		return 0;
	if (!*s)
		return -1;
	while (*s) {
		char *end;
		double v = strtod(s, &end);
		size_t best = 0, n;
		int u = -1;

		if (end == s || *end == '\0' || v < 0)
			return -1;
		for (int i = 0; i < (int)(sizeof(units) / sizeof(units[0])); i++) {
			n = strlen(units[i].unit);
			if (!strncmp(end, units[i].unit, n) && n > best) {
				best = n;
				u = i;
			}
		}
		if (u < 0)
			return -1;
		total += v * units[u].ms;
		s = end + best;
	}
	return total > 86400000.0 * 365 ? 86400000L * 365 : (long)(total + 0.999);
}

static int set_timeout(MYSQL *my, enum mysql_option opt, const char *name, const char *v,
		       struct ss_err *err)
{
	long ms = go_duration_ms(v);
	unsigned int secs;

	if (ms < 0)
		return ss_err_set(err, SS_ERR_USAGE, "invalid duration '%s' for %s (use Go's form, "
				  "e.g. 30s or 1m30s)", v, name);
	if (ms == 0)
		return 0;
	secs = (unsigned int)((ms + 999) / 1000);
	mysql_options(my, opt, &secs);
	return 0;
}

/* Parameters of the DSN that are not session variables. */
static const char *const client_params[] = {
	"tls", "ssl-mode", "ssl-ca", "ssl-cert", "ssl-key", "timeout", "readTimeout",
	"writeTimeout", "charset", "collation", "maxAllowedPacket", "allowCleartextPasswords",
	"allowNativePasswords", "allowOldPasswords", "allowAllFiles", "checkConnLiveness",
	"clientFoundRows", "columnsWithAlias", "interpolateParams", "loc", "multiStatements",
	"parseTime", "rejectReadOnly", "serverPubKey", "strict", "time_zone_name", NULL
};

static int is_client_param(const char *key)
{
	for (int i = 0; client_params[i]; i++)
		if (!strcmp(key, client_params[i]))
			return 1;
	return !strncmp(key, "x-", 2);
}

/* go-sql-driver's bool words for tls=: only these, not Go's t/f. */
static int tls_bool(const char *v)
{
	if (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "TRUE") || !strcmp(v, "True"))
		return 1;
	if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "FALSE") || !strcmp(v, "False"))
		return 0;
	return -1;
}

enum ssl_mode { SSL_OFF, SSL_REQUIRED, SSL_VERIFY };

static int set_tls(MYSQL *my, const struct ss_url *url, struct ss_err *err)
{
	const char *tls = ss_url_param(url, "tls"), *mode = ss_url_param(url, "ssl-mode");
	const char *v;
	enum ssl_mode m = SSL_OFF;

	if (mode) {
		if (!strcasecmp(mode, "DISABLED"))
			m = SSL_OFF;
		else if (!strcasecmp(mode, "REQUIRED"))
			m = SSL_REQUIRED;
		else if (!strcasecmp(mode, "VERIFY_IDENTITY") || !strcasecmp(mode, "VERIFY_CA"))
			m = SSL_VERIFY;
		else
			return ss_err_set(err, SS_ERR_USAGE, "invalid ssl-mode '%s' (DISABLED, REQUIRED "
					  "or VERIFY_IDENTITY)", mode);
	} else if (tls && *tls) {
		int b = tls_bool(tls);

		if (b >= 0)
			m = b ? SSL_VERIFY : SSL_OFF;
		else if (!strcasecmp(tls, "skip-verify"))
			m = SSL_REQUIRED;
		else {
			ss_err_set(err, SS_ERR_USAGE, "tls=%s names a custom TLS configuration", tls);
			ss_err_hint(err, "ssync migrate builds it from x-tls-ca, x-tls-cert and x-tls-key "
				    "as golang-migrate does; elsewhere use tls=true, tls=skip-verify or "
				    "ssl-ca=FILE");
			return -1;
		}
	}
	if ((v = ss_url_param(url, "ssl-ca")))
		mysql_options(my, MYSQL_OPT_SSL_CA, v);
	if ((v = ss_url_param(url, "ssl-cert")))
		mysql_options(my, MYSQL_OPT_SSL_CERT, v);
	if ((v = ss_url_param(url, "ssl-key")))
		mysql_options(my, MYSQL_OPT_SSL_KEY, v);
#ifdef LIBMARIADB
	{
		my_bool on = m != SSL_OFF, verify = m == SSL_VERIFY;

		mysql_options(my, MYSQL_OPT_SSL_ENFORCE, &on);
		mysql_options(my, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
	}
#else
	{
		/* libmysqlclient 8 prefers TLS by default; go-sql-driver does not. */
		unsigned int sm = m == SSL_OFF ? SSL_MODE_DISABLED
			: m == SSL_REQUIRED ? SSL_MODE_REQUIRED : SSL_MODE_VERIFY_IDENTITY;

		mysql_options(my, MYSQL_OPT_SSL_MODE, &sm);
	}
#endif
	return 0;
}

static int set_options(MYSQL *my, const struct ss_url *url, struct ss_err *err)
{
	const char *v;
	char *charset = NULL;

	if (((v = ss_url_param(url, "timeout")) &&
	     set_timeout(my, MYSQL_OPT_CONNECT_TIMEOUT, "timeout", v, err)) ||
	    ((v = ss_url_param(url, "readTimeout")) &&
	     set_timeout(my, MYSQL_OPT_READ_TIMEOUT, "readTimeout", v, err)) ||
	    ((v = ss_url_param(url, "writeTimeout")) &&
	     set_timeout(my, MYSQL_OPT_WRITE_TIMEOUT, "writeTimeout", v, err)) ||
	    set_tls(my, url, err))
		return -1;
	/* charset=a,b: go-sql-driver tries each; the first is what we ask for. */
	if ((v = ss_url_param(url, "charset")) && *v)
		charset = ss_xstrndup(v, strcspn(v, ","));
	else if ((v = ss_url_param(url, "collation")) && *v)
		charset = ss_xstrndup(v, strcspn(v, "_"));
	mysql_options(my, MYSQL_SET_CHARSET_NAME, charset ? charset : "utf8mb4");
	free(charset);
	if ((v = ss_url_param(url, "maxAllowedPacket")) && atol(v) > 0) {
		unsigned long n = strtoul(v, NULL, 10);

		mysql_options(my, MYSQL_OPT_MAX_ALLOWED_PACKET, &n);
	}
	if ((v = ss_url_param(url, "allowCleartextPasswords")) && tls_bool(v) == 1) {
		char on = 1;	/* my_bool in Connector/C, bool in libmysqlclient 8 */

		mysql_options(my, MYSQL_ENABLE_CLEARTEXT_PLUGIN, &on);
	}
	return 0;
}

/* After connecting: collation and the DSN's session variables, in one send. */
static int set_session(MYSQL *my, const struct ss_url *url, struct ss_err *err)
{
	struct sqlp_buf sql = SQLP_BUF_INIT;
	const char *v = ss_url_param(url, "collation");
	int rc = 0;

	if (v && *v) {
		sqlp_buf_addstr(&sql, "SET collation_connection = ");
		ss_my_add_literal(&sql, v);
	}
	for (size_t i = 0; i < url->nparams; i++) {
		const char *k = url->params[i].key;

		if (is_client_param(k))
			continue;
		sqlp_buf_addstr(&sql, sql.len ? ", " : "SET ");
		sqlp_buf_addf(&sql, "%s = %s", k, url->params[i].value);
	}
	ss_buf_check(&sql);
	if (sql.len && mysql_real_query(my, sql.data, sql.len)) {
		fill_error(my, err);
		ss_err_prefix(err, "cannot set the URL's session variables");
		rc = -1;
	}
	sqlp_buf_release(&sql);
	return rc;
}

static int connect_handle(const struct ss_url *url, MYSQL **out, struct ss_err *err)
{
	MYSQL *my = mysql_init(NULL);
	unsigned int port = url->port ? (unsigned)strtoul(url->port, NULL, 10) : 0;

	*out = NULL;
	if (!my)
		return ss_err_set(err, SS_ERR_CONNECT, "cannot allocate a MySQL connection");
	if (url->net && strcmp(url->net, "tcp") && strcmp(url->net, "tcp6") &&
	    strcmp(url->net, "unix")) {
		mysql_close(my);
		return ss_err_set(err, SS_ERR_USAGE, "unknown network type '%s' (tcp or unix)",
				  url->net);
	}
	if (set_options(my, url, err)) {
		mysql_close(my);
		return -1;
	}
	if (!mysql_real_connect(my, url->socket ? "localhost" : (url->host ? url->host : "127.0.0.1"),
				url->user, url->password, ss_url_dbname(url), url->socket ? 0 : port,
				url->socket, CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS)) {
		ss_err_set(err, SS_ERR_CONNECT, "cannot connect to MySQL: %s", mysql_error(my));
		err->server_code = (long)mysql_errno(my);
		mysql_close(my);
		return -1;
	}
	if (set_session(my, url, err)) {
		mysql_close(my);
		return -1;
	}
	*out = my;
	return 0;
}

static int socket_of(MYSQL *my)
{
#ifdef LIBMARIADB
	return (int)mysql_get_socket(my);
#else
	return (int)my->net.fd;
#endif
}

static int my_connect(const struct ss_url *url, struct ss_conn **out, struct ss_err *err)
{
	struct my_conn *c;
	MYSQL *my;

	if (connect_handle(url, &my, err))
		return -1;
	c = ss_xcalloc(1, sizeof(*c));
	c->base.driver = &ss_driver_mysql;
	c->my = my;
	c->url = ss_url_format(url, 0);
	c->fd = socket_of(my);
	*out = &c->base;
	return 0;
}

static void my_close(struct ss_conn *conn)
{
	struct my_conn *c = (struct my_conn *)conn;

	if (!c)
		return;
	mysql_close(c->my);
	free(c->url);
	free(c);
}

/* --- running SQL ------------------------------------------------------- */

/*
 * Read every result of the last send; rows of each go to fn.  kinds (may
 * be NULL) gets 'r' or 'o' per result that completed before an error.
 */
static int drain(MYSQL *my, ss_row_fn fn, void *ctx, struct sqlp_buf *kinds, struct ss_err *err)
{
	int rc = 0, status;

	do {
		MYSQL_RES *res = mysql_store_result(my);

		if (res) {
			unsigned ncols = mysql_num_fields(res);
			size_t *slens = ss_xcalloc(ncols + 1, sizeof(*slens));
			MYSQL_ROW row;

			while (fn && !rc && (row = mysql_fetch_row(res))) {
				unsigned long *lens = mysql_fetch_lengths(res);

				for (unsigned i = 0; i < ncols; i++)
					slens[i] = lens[i];
				if (fn(ctx, ncols, (const char *const *)row, slens, err))
					rc = -1;
			}
			free(slens);
			mysql_free_result(res);
		} else if (mysql_field_count(my) != 0) {
			return fill_error(my, err);
		}
		if (kinds)
			sqlp_buf_addch(kinds, res ? 'r' : 'o');
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
	return drain(my, NULL, NULL, NULL, err);
}

static int my_query(struct ss_conn *conn, const char *sql, ss_row_fn fn, void *ctx,
		    struct ss_err *err)
{
	MYSQL *my = my_of(conn);

	if (mysql_real_query(my, sql, strlen(sql)))
		return fill_error(my, err);
	return drain(my, fn, ctx, NULL, err);
}

/*
 * A statement timeout: a thread that, unless told the send finished,
 * opens a second session at the deadline and kills the running statement
 * (KILL QUERY), so the session and its lock survive, unlike
 * go-sql-driver's, which drops the connection.
 */
struct watchdog {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct timespec deadline;
	int done, fired;
	const char *url;
	unsigned long id;
};

static void *watch(void *arg)
{
	struct watchdog *w = arg;
	struct ss_err ignored = SS_ERR_INIT;
	struct ss_url url;
	MYSQL *killer;
	char sql[64];

	pthread_mutex_lock(&w->mu);
	while (!w->done && pthread_cond_timedwait(&w->cv, &w->mu, &w->deadline) != ETIMEDOUT)
		;
	w->fired = !w->done;
	pthread_mutex_unlock(&w->mu);
	if (!w->fired || ss_url_parse(w->url, &url, &ignored))
		return NULL;
	if (!connect_handle(&url, &killer, &ignored)) {
		snprintf(sql, sizeof(sql), "KILL QUERY %lu", w->id);
		mysql_real_query(killer, sql, strlen(sql));
		mysql_close(killer);
	}
	ss_url_release(&url);
	ss_err_release(&ignored);
	return NULL;
}

static int watch_start(struct watchdog *w, struct my_conn *c, long timeout_ms)
{
	memset(w, 0, sizeof(*w));
	w->url = c->url;
	w->id = mysql_thread_id(c->my);
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	clock_gettime(CLOCK_REALTIME, &w->deadline);
	w->deadline.tv_sec += timeout_ms / 1000;
	w->deadline.tv_nsec += (timeout_ms % 1000) * 1000000L;
	if (w->deadline.tv_nsec >= 1000000000L) {
		w->deadline.tv_sec++;
		w->deadline.tv_nsec -= 1000000000L;
	}
	return pthread_create(&w->thread, NULL, watch, w) ? -1 : 0;
}

/* Stop the watchdog; nonzero if it fired. */
static int watch_stop(struct watchdog *w)
{
	pthread_mutex_lock(&w->mu);
	w->done = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	return w->fired;
}

/*
 * Where a failed send stopped: the server runs the statements of a
 * multi-statement send in order and stops at the first error, so the
 * results that came back say which statement failed; returns how many
 * completed.  A syntax error also says where in its statement ("near
 * '...' at line N"): err->column gets that character position in sql.  A
 * syntax error at a DELIMITER line gets a hint: it is the mysql client's.
 */
static size_t locate_failure(const char *sql, size_t len, const struct sqlp_buf *kinds,
			     struct ss_err *err)
{
	struct ss_my_stmts stmts = { NULL, 0, 0 };
	struct ss_err ignored = SS_ERR_INIT;
	size_t done = kinds->len;
	int syntax = err->server_code == 1064;	/* ER_PARSE_ERROR */
	long long off;

	/* Without result sets every statement gave exactly one result. */
	if ((syntax || memchr(kinds->data, 'r', kinds->len)) &&
	    !ss_my_statements(sql, len, &stmts, &ignored)) {
		done = ss_my_failed_statement(&stmts, kinds->data, kinds->len);
		if (done == stmts.n) {
			done = kinds->len;
		} else if (syntax) {
			off = ss_my_syntax_error_offset(sql, len, &stmts, done, err->msg);
			if (off >= 0) {
				err->column = 1;
				for (long long i = 0; i < off; i++)
					err->column += ((unsigned char)sql[i] & 0xC0) != 0x80;
			}
			if (stmts.v[done].len >= 9 && !strncasecmp(sql + stmts.v[done].off,
								   "delimiter", 9))
				ss_err_hint(err, "DELIMITER is a command of the mysql client, unknown "
					    "to the server; migrations are sent as they are "
					    "(golang-migrate does the same): drop the DELIMITER lines "
					    "and end each statement with ';', the server reads a "
					    "BEGIN ... END body whole");
		}
	}
	ss_my_stmts_release(&stmts);
	ss_err_release(&ignored);
	return done;
}

static int my_exec_script(struct ss_conn *conn, const char *sql, size_t len, long timeout_ms,
			  struct ss_exec_info *info, struct ss_err *err)
{
	struct my_conn *c = (struct my_conn *)conn;
	struct sqlp_buf kinds = SQLP_BUF_INIT;
	struct watchdog w;
	int rc, watching = timeout_ms > 0 && !watch_start(&w, c, timeout_ms);

	rc = mysql_real_query(c->my, sql, len) ? fill_error(c->my, err)
					       : drain(c->my, NULL, NULL, &kinds, err);
	if (watching && watch_stop(&w) && rc)
		ss_err_hint(err, "the statement timeout of %ld ms (x-statement-timeout) expired",
			    timeout_ms);
	ss_buf_check(&kinds);
	if (info) {
		info->done = rc ? locate_failure(sql, len, &kinds, err) : kinds.len;
		info->open_transaction = (c->my->server_status & SERVER_STATUS_IN_TRANS) != 0;
		info->context = NULL;
	}
	sqlp_buf_release(&kinds);
	return rc;
}

/* Async-signal-safe: cut the connection; the server ends the session. */
static void my_interrupt(struct ss_conn *conn)
{
	struct my_conn *c = (struct my_conn *)conn;

	if (c && c->fd >= 0)
		shutdown(c->fd, SHUT_RDWR);
}

/* --- named locks ------------------------------------------------------- */

static int first_value(void *ctx, size_t ncols, const char *const *values,
		       const size_t *lengths, struct ss_err *err)
{
	char **out = ctx;

	if (ncols > 0 && values[0] && !*out)
		*out = ss_xstrdup(values[0]);
	return 0;
}

static int lock_call(struct ss_conn *conn, struct sqlp_buf *sql, char **result,
		     struct ss_err *err)
{
	int rc;

	ss_buf_check(sql);
	*result = NULL;
	rc = my_query(conn, sql->data, first_value, result, err);
	sqlp_buf_release(sql);
	return rc;
}

static int my_lock(struct ss_conn *conn, const char *key, long timeout_ms, struct ss_err *err)
{
	struct sqlp_buf sql = SQLP_BUF_INIT;
	char *res;

	ss_my_lock_sql(&sql, key, timeout_ms < 0 ? -1 : (timeout_ms + 999) / 1000);
	if (lock_call(conn, &sql, &res, err)) {
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
	struct sqlp_buf sql = SQLP_BUF_INIT;
	char *res;

	ss_my_unlock_sql(&sql, key);
	if (lock_call(conn, &sql, &res, err))
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
	.exec_script = my_exec_script,
	.interrupt = my_interrupt,
};

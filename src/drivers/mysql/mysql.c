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
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>

#include "drivers/driver.h"
#include "drivers/mysql/mysql.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

/*
 * A thread per connection that can stop the running statement: at a
 * statement timeout's deadline, or when interrupt() (a signal handler)
 * writes to its pipe, it opens a second session and sends KILL QUERY,
 * so the statement ends with error 1317 and the session (and the
 * migration lock it holds) survives, as PostgreSQL's cancel does.
 * go-sql-driver instead drops the connection on a context deadline.
 */
struct watcher {
	pthread_t thread;
	int started;
	int pipe[2];		/* 'i' interrupt, 'p' look again, 'q' quit */
	pthread_mutex_t mu;
	int busy;		/* a call runs on the session */
	long long deadline;	/* its deadline (monotonic ms), 0 for none */
	int fired;		/* the deadline passed (1) or interrupt() came (2) */
	char *url;		/* to open the second session */
	unsigned long id;	/* the session's thread id */
};

struct my_conn {
	struct ss_conn base;	/* must be first */
	MYSQL *my;
	struct watcher w;
};

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

static int set_tls(MYSQL *my, const struct ss_url *url, enum ssl_mode *out, struct ss_err *err)
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
	*out = m;
	return 0;
}

static int set_options(MYSQL *my, const struct ss_url *url, enum ssl_mode *ssl,
		       struct ss_err *err)
{
	const char *v;
	char *charset = NULL;

	if (((v = ss_url_param(url, "timeout")) &&
	     set_timeout(my, MYSQL_OPT_CONNECT_TIMEOUT, "timeout", v, err)) ||
	    ((v = ss_url_param(url, "readTimeout")) &&
	     set_timeout(my, MYSQL_OPT_READ_TIMEOUT, "readTimeout", v, err)) ||
	    ((v = ss_url_param(url, "writeTimeout")) &&
	     set_timeout(my, MYSQL_OPT_WRITE_TIMEOUT, "writeTimeout", v, err)) ||
	    set_tls(my, url, ssl, err))
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
	enum ssl_mode ssl = SSL_OFF;

	*out = NULL;
	if (!my)
		return ss_err_set(err, SS_ERR_CONNECT, "cannot allocate a MySQL connection");
	if (url->net && strcmp(url->net, "tcp") && strcmp(url->net, "tcp6") &&
	    strcmp(url->net, "unix")) {
		mysql_close(my);
		return ss_err_set(err, SS_ERR_USAGE, "unknown network type '%s' (tcp or unix)",
				  url->net);
	}
	if (set_options(my, url, &ssl, err)) {
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
	/* Connector/C 3.3 enforces TLS only together with verification: check. */
	if (ssl != SSL_OFF && !mysql_get_ssl_cipher(my)) {
		mysql_close(my);
		return ss_err_set(err, SS_ERR_CONNECT, "cannot connect to MySQL: the server does "
				  "not support TLS, which the URL requires (tls=)");
	}
	if (set_session(my, url, err)) {
		mysql_close(my);
		return -1;
	}
	*out = my;
	return 0;
}

/* --- stopping the running statement --------------------------------- */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void kill_query(const char *url_text, unsigned long id)
{
	struct ss_err ignored = SS_ERR_INIT;
	struct ss_url url;
	MYSQL *killer;
	char sql[64];

	if (ss_url_parse(url_text, &url, &ignored))
		return;
	if (!connect_handle(&url, &killer, &ignored)) {
		snprintf(sql, sizeof(sql), "KILL QUERY %lu", id);
		mysql_real_query(killer, sql, strlen(sql));
		mysql_close(killer);
	}
	ss_url_release(&url);
	ss_err_release(&ignored);
}

static void *watch(void *arg)
{
	struct watcher *w = arg;

	for (;;) {
		struct pollfd pfd = { w->pipe[0], POLLIN, 0 };
		long long wait = -1;
		char ch = 0;
		int stop;

		pthread_mutex_lock(&w->mu);
		if (w->busy && w->deadline) {
			wait = w->deadline - now_ms();
			if (wait < 0)
				wait = 0;
		}
		pthread_mutex_unlock(&w->mu);
		if (poll(&pfd, 1, wait > 86400000 ? 86400000 : (int)wait) > 0 &&
		    read(w->pipe[0], &ch, 1) == 1 && ch == 'q')
			return NULL;
		pthread_mutex_lock(&w->mu);
		stop = w->busy && !w->fired &&
		       (ch == 'i' || (w->deadline && now_ms() >= w->deadline));
		if (stop)
			w->fired = ch == 'i' ? 2 : 1;
		pthread_mutex_unlock(&w->mu);
		if (stop)
			kill_query(w->url, w->id);
	}
}

static int watch_init(struct watcher *w, MYSQL *my, const struct ss_url *url)
{
	w->url = ss_url_format(url, 0);
	w->id = mysql_thread_id(my);
	if (pipe(w->pipe))
		return -1;
	fcntl(w->pipe[1], F_SETFL, fcntl(w->pipe[1], F_GETFL) | O_NONBLOCK);
	pthread_mutex_init(&w->mu, NULL);
	w->started = !pthread_create(&w->thread, NULL, watch, w);
	return 0;
}

static void watch_release(struct watcher *w)
{
	ssize_t ignored;

	if (w->started) {
		ignored = write(w->pipe[1], "q", 1);
		(void)ignored;
		pthread_join(w->thread, NULL);
		pthread_mutex_destroy(&w->mu);
	}
	if (w->url) {
		close(w->pipe[0]);
		close(w->pipe[1]);
	}
	free(w->url);
}

/* A call starts on the session; timeout_ms > 0 gives it a deadline. */
static void watch_begin(struct watcher *w, long timeout_ms)
{
	ssize_t ignored;

	if (!w->started)
		return;
	pthread_mutex_lock(&w->mu);
	w->busy = 1;
	w->fired = 0;
	w->deadline = timeout_ms > 0 ? now_ms() + timeout_ms : 0;
	pthread_mutex_unlock(&w->mu);
	if (timeout_ms > 0) {
		ignored = write(w->pipe[1], "p", 1);
		(void)ignored;
	}
}

/* The call is over: 1 if its deadline stopped it, 2 if interrupt() did, else 0. */
static int watch_end(struct watcher *w)
{
	int fired;

	if (!w->started)
		return 0;
	pthread_mutex_lock(&w->mu);
	w->busy = 0;
	w->deadline = 0;
	fired = w->fired;
	pthread_mutex_unlock(&w->mu);
	return fired;
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
	watch_init(&c->w, my, url);
	*out = &c->base;
	return 0;
}

static void my_close(struct ss_conn *conn)
{
	struct my_conn *c = (struct my_conn *)conn;

	if (!c)
		return;
	watch_release(&c->w);
	mysql_close(c->my);
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

/* Send sql and read its results, under the watcher; *fired as watch_end(). */
static int run(struct my_conn *c, const char *sql, size_t len, long timeout_ms, ss_row_fn fn,
	       void *ctx, struct sqlp_buf *kinds, int *fired, struct ss_err *err)
{
	int rc;

	watch_begin(&c->w, timeout_ms);
	rc = mysql_real_query(c->my, sql, len) ? fill_error(c->my, err)
					       : drain(c->my, fn, ctx, kinds, err);
	*fired = watch_end(&c->w);
	return rc;
}

static int my_exec(struct ss_conn *conn, const char *sql, size_t len, struct ss_err *err)
{
	int fired;

	return run((struct my_conn *)conn, sql, len, 0, NULL, NULL, NULL, &fired, err);
}

static int my_query(struct ss_conn *conn, const char *sql, ss_row_fn fn, void *ctx,
		    struct ss_err *err)
{
	int fired;

	return run((struct my_conn *)conn, sql, strlen(sql), 0, fn, ctx, NULL, &fired, err);
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
	int fired, rc = run(c, sql, len, timeout_ms, NULL, NULL, &kinds, &fired, err);

	if (rc && fired == 1)
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

/* Async-signal-safe: one byte to the watcher, which kills the running statement. */
static void my_interrupt(struct ss_conn *conn)
{
	struct my_conn *c = (struct my_conn *)conn;
	ssize_t ignored;

	if (c && c->w.started) {
		ignored = write(c->w.pipe[1], "i", 1);
		(void)ignored;
	}
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

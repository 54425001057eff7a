/*
 * runner.c - the engine-neutral core of ssync migrate; see migrate.h.
 *
 * The row protocol is golang-migrate's: before a migration runs, the row
 * says (target, dirty); after it, (target, clean); a failure leaves it
 * dirty.  Two differences in how it is written, not in what anyone can
 * observe:
 * - when another migration follows, its "(next, dirty)" write is also the
 *   "clean" write of the one before (one transaction either way), which
 *   saves a version write and a commit per migration;
 * - where the engine allows (dirty_prefix_sql), the dirty write goes in
 *   the same exec as the file, committed in a transaction of its own
 *   before the file's first statement, which saves a round trip.
 * Every state a reader can see is one golang-migrate also produces, at
 * the same moment (the row says (target, dirty) while the file runs), and
 * a crash at any point leaves a row golang-migrate could leave.
 */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drivers/driver.h"
#include "migrate/engine.h"
#include "migrate/index.h"
#include "migrate/migrate.h"
#include "migrate/plan.h"
#include "migrate/split.h"
#include "migrate/text.h"
#include "source/source.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

struct ss_migrator {
	const struct ss_mig_config *cfg;
	struct ss_source *source;	/* NULL when not needed */
	struct ss_mig_index index;
	struct ss_mig_db db;
	int connected, locked;
	struct ss_mig_failure failure;
	volatile sig_atomic_t in_migration;	/* a step is between its writes */
	volatile sig_atomic_t stop_signal;	/* first SIGINT/SIGTERM seen */
	volatile sig_atomic_t cancelled;	/* interrupt() was sent */
};

/* URL schemes ssync migrate knows, and the engine of each. */
static const struct {
	const char *scheme;
	const struct ss_mig_engine *engine;
	const char *title;	/* for "not yet" messages when engine is NULL */
} engines[] = {
#ifdef HAVE_LIBPQ
	{ "postgres", &ss_mig_engine_pg, "PostgreSQL" },
	{ "postgresql", &ss_mig_engine_pg, "PostgreSQL" },
	{ "pgx", &ss_mig_engine_pg, "PostgreSQL" },
	{ "pgx4", &ss_mig_engine_pg, "PostgreSQL" },
	{ "pgx5", &ss_mig_engine_pg, "PostgreSQL" },
#else
	{ "postgres", NULL, "PostgreSQL" },
	{ "postgresql", NULL, "PostgreSQL" },
	{ "pgx", NULL, "PostgreSQL" },
	{ "pgx4", NULL, "PostgreSQL" },
	{ "pgx5", NULL, "PostgreSQL" },
#endif
#ifdef HAVE_MYSQL
	{ "mysql", &ss_mig_engine_mysql, "MySQL" },
#else
	{ "mysql", NULL, "MySQL" },
#endif
#ifdef HAVE_FREETDS
	{ "sqlserver", &ss_mig_engine_mssql, "SQL Server" },
#else
	{ "sqlserver", NULL, "SQL Server" },
#endif
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void emit(struct ss_migrator *m, enum ss_mig_line kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void emit(struct ss_migrator *m, enum ss_mig_line kind, const char *fmt, ...)
{
	va_list ap;
	char *text;

	if (!m->cfg->emit || (kind == SS_MIG_LINE_VERBOSE && !m->cfg->verbose))
		return;
	va_start(ap, fmt);
	text = ss_xvasprintf(fmt, ap);
	va_end(ap);
	m->cfg->emit(m->cfg->ctx, kind, text);
	free(text);
}

/* --- opening --------------------------------------------------------- */

static int open_source(struct ss_migrator *m, struct ss_err *err)
{
	const char *url = m->cfg->source_url;

	if (ss_source_open(url, &m->source, err) ||
	    ss_mig_index_build(&m->index, &m->source->names, err)) {
		ss_err_prefix(err, "failed to open source, \"%s\"", url);
		return -1;
	}
	return 0;
}

static const struct ss_mig_engine *engine_for(const char *scheme, struct ss_err *err)
{
	for (size_t i = 0; i < sizeof(engines) / sizeof(engines[0]); i++) {
		if (strcmp(engines[i].scheme, scheme))
			continue;
		if (!engines[i].engine) {
			struct ss_err probe = SS_ERR_INIT;

			/* Say "not built" when the driver is missing, else "not yet". */
			if (!ss_driver_for_scheme(scheme, &probe)) {
				ss_err_move(err, &probe);
				return NULL;
			}
			ss_err_set(err, SS_ERR_UNSUPPORTED,
				   "ssync migrate does not support %s in this version", engines[i].title);
			return NULL;
		}
		return engines[i].engine;
	}
	ss_err_set(err, SS_ERR_USAGE, "database driver: unknown driver %s (forgotten import?)", scheme);
	ss_err_hint(err, "ssync migrate knows postgres://, postgresql://, pgx://, mysql:// and "
		    "sqlserver:// URLs");
	return NULL;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Connect, retrying with backoff for up to cfg->wait_ms while the server does not answer. */
static int connect_waiting(struct ss_migrator *m, const struct ss_driver *drv,
			   const struct ss_url *url, struct ss_err *err)
{
	uint64_t start = now_ns();
	long delay = 250;

	for (;;) {
		struct ss_err e = SS_ERR_INIT;
		long waited;

		if (!drv->connect(url, &m->db.conn, &e))
			return 0;
		waited = (long)((now_ns() - start) / 1000000u);
		if (e.kind != SS_ERR_CONNECT || m->stop_signal || m->cfg->wait_ms <= 0 ||
		    waited + delay > m->cfg->wait_ms) {
			if (m->cfg->wait_ms > 0 && e.kind == SS_ERR_CONNECT)
				ss_err_prefix(&e, "the database did not answer within %lds",
					      (m->cfg->wait_ms + 999) / 1000);
			ss_err_move(err, &e);
			return -1;
		}
		emit(m, SS_MIG_LINE_VERBOSE, "Waiting for the database (%s); retrying in %ldms", e.msg,
		     delay);
		ss_err_release(&e);
		sleep_ms(delay);
		delay = delay * 2 > 5000 ? 5000 : delay * 2;
	}
}

static int lock_db(struct ss_migrator *m, long timeout_ms, struct ss_err *err)
{
	int rc = m->db.engine->lock ? m->db.engine->lock(&m->db, timeout_ms, err)
				    : ss_conn_lock(m->db.conn, m->db.lock_key, timeout_ms, err);

	if (!rc)
		m->locked = 1;
	else if (m->cancelled)
		ss_err_hint(err, "interrupted while waiting for the migration lock");
	return rc;
}

static int unlock_db(struct ss_migrator *m, struct ss_err *err)
{
	int rc;

	if (!m->locked)
		return 0;
	m->locked = 0;
	rc = m->db.engine->unlock ? m->db.engine->unlock(&m->db, err)
				  : ss_conn_unlock(m->db.conn, m->db.lock_key, err);
	return rc;
}

/* Release the lock after a failure; the first error stays the one reported. */
static int unlock_after(struct ss_migrator *m, struct ss_err *err)
{
	struct ss_err e = SS_ERR_INIT;

	if (unlock_db(m, &e) && !ss_err_isset(err))
		ss_err_move(err, &e);
	ss_err_release(&e);
	return -1;
}

/* Environment for init containers: fill what the URL does not say itself. */
static void apply_env(const struct ss_mig_config *cfg, struct ss_url *url)
{
	if (cfg->table_env && *cfg->table_env && !ss_url_param(url, "x-migrations-table"))
		ss_url_set_param(url, "x-migrations-table", cfg->table_env);
	if (cfg->table_quoted_env && *cfg->table_quoted_env &&
	    !ss_url_param(url, "x-migrations-table-quoted"))
		ss_url_set_param(url, "x-migrations-table-quoted", cfg->table_quoted_env);
}

static void remove_x_params(struct ss_url *url)
{
	for (size_t i = 0; i < url->nparams;) {
		if (!strncmp(url->params[i].key, "x-", 2)) {
			char *key = ss_xstrdup(url->params[i].key);

			ss_url_remove_param(url, key);
			free(key);
		} else {
			i++;
		}
	}
}

static int open_database(struct ss_migrator *m, struct ss_err *err)
{
	struct ss_url url;
	const struct ss_driver *drv;
	const char *v;
	int rc = -1, ssl_defaulted;

	if (ss_url_parse(m->cfg->database_url, &url, err))
		return -1;
	m->db.engine = engine_for(url.scheme, err);
	if (!m->db.engine)
		goto out;
	apply_env(m->cfg, &url);
	if ((v = ss_url_param(&url, "x-migrations-table")))
		m->db.table_option = ss_xstrdup(v);
	m->db.env_options = m->cfg->options_env;
	ssl_defaulted = !ss_url_param(&url, "sslmode");
	if (m->db.engine->prepare(&m->db, &url, err))
		goto out;
	ssl_defaulted = ssl_defaulted && ss_url_param(&url, "sslmode") &&
			!strcmp(ss_url_param(&url, "sslmode"), "require");
	remove_x_params(&url);
	drv = ss_driver_for_scheme(url.scheme, err);
	if (!drv || connect_waiting(m, drv, &url, err)) {
		if (ssl_defaulted && err->msg && strstr(err->msg, "SSL"))
			ss_err_hint(err, "without sslmode in the URL, ssync requires SSL as golang-migrate "
				    "(lib/pq) does; add sslmode=disable to connect without it");
		goto out;
	}
	m->connected = 1;
	if (m->db.engine->locate(&m->db, &url, err))
		goto out;
	/* golang-migrate's open: lock (no timeout), create the table, unlock. */
	if (lock_db(m, m->cfg->strict_lock_timeout ? m->cfg->lock_timeout_ms : -1, err))
		goto out;
	if (m->db.engine->ensure_table(&m->db, err)) {
		unlock_after(m, err);
		goto out;
	}
	rc = unlock_db(m, err);
out:
	ss_url_release(&url);
	return rc;
}

struct ss_migrator *ss_mig_new(const struct ss_mig_config *cfg)
{
	struct ss_migrator *m = ss_xcalloc(1, sizeof(*m));

	m->cfg = cfg;
	return m;
}

int ss_mig_open(struct ss_migrator *m, unsigned need, struct ss_err *err)
{
	const struct ss_mig_config *cfg = m->cfg;
	int have_source = cfg->source_url && *cfg->source_url;
	size_t n;

	/* golang-migrate's order: both schemes, then the source, then the database. */
	if (((need & SS_MIG_NEED_SOURCE) || have_source) &&
	    ss_source_scheme(cfg->source_url, &n, err)) {
		ss_err_prefix(err, "failed to parse scheme from source URL");
		err->kind = SS_ERR_PARSE;	/* a runtime error (exit 1) in golang-migrate */
		return -1;
	}
	if ((need & SS_MIG_NEED_DATABASE) && ss_source_scheme(cfg->database_url, &n, err)) {
		ss_err_prefix(err, "failed to parse scheme from database URL");
		err->kind = SS_ERR_PARSE;
		return -1;
	}
	if (((need & SS_MIG_NEED_SOURCE) || have_source) && open_source(m, err))
		return -1;
	if ((need & SS_MIG_NEED_DATABASE) && open_database(m, err)) {
		ss_err_prefix(err, "failed to open database");
		return -1;
	}
	return 0;
}

void ss_mig_close(struct ss_migrator *m)
{
	struct ss_err ignored = SS_ERR_INIT;

	if (!m)
		return;
	if (m->connected)
		unlock_db(m, &ignored);
	ss_err_release(&ignored);
	if (m->db.engine && m->db.engine->release)
		m->db.engine->release(&m->db);
	ss_conn_close(m->db.conn);
	free(m->db.database);
	free(m->db.schema);
	free(m->db.table);
	free(m->db.qtable);
	free(m->db.lock_key);
	free(m->db.table_option);
	free((char *)m->failure.file);
	free(m->failure.excerpt);
	free(m->failure.context);
	free(m->failure.compat);
	ss_mig_index_release(&m->index);
	ss_source_free(m->source);
	free(m);
}

/* --- the row --------------------------------------------------------- */

static int write_version(struct ss_migrator *m, int64_t version, int dirty, struct ss_err *err)
{
	struct sqlp_buf sql = SQLP_BUF_INIT;
	int rc;

	m->db.engine->version_sql(&m->db, version, dirty, &sql);
	ss_buf_check(&sql);
	rc = ss_conn_exec(m->db.conn, sql.data, sql.len, err);
	sqlp_buf_release(&sql);
	if (rc)
		ss_err_prefix(err, "cannot write version %lld to %s", (long long)version, m->db.qtable);
	return rc;
}

static int read_clean_version(struct ss_migrator *m, int64_t *cur, struct ss_err *err)
{
	int dirty;

	if (m->db.engine->read_version(&m->db, cur, &dirty, err))
		return -1;
	if (dirty) {
		ss_err_set(err, SS_ERR_DIRTY, "Dirty database version %lld. Fix and force version.",
			   (long long)*cur);
		ss_err_hint(err, "a migration failed or was stopped half-way; make the database "
			    "match a version, then record it with 'force V' (V = the version the "
			    "database is at, -1 for none)");
		return -1;
	}
	return 0;
}

/* --- one migration --------------------------------------------------- */

static void log_string(char *buf, size_t size, const struct ss_mig_step *s)
{
	snprintf(buf, size, "%llu/%c %s", (unsigned long long)s->version, s->up ? 'u' : 'd',
		 s->title ? s->title : "<empty>");
}

/* Fill m->failure and err's locus for an error at byte off (or statement stmt) of body. */
static void locate_failure(struct ss_migrator *m, const struct ss_mig_step *s, const char *body,
			   size_t len, long long off, unsigned long stmt, struct ss_err *err)
{
	struct ss_mig_failure *f = &m->failure;
	unsigned line = 0, col = 0;

	f->set = 1;
	f->file_version = s->version;
	f->version = s->target;
	f->up = s->up;
	f->statement = stmt;
	if (s->file >= 0) {
		free((char *)f->file);
		f->file = ss_source_path(m->source, (size_t)s->file);
	}
	if (stmt && off < 0) {
		struct ss_mig_pieces pieces = { 0 };
		struct ss_err ignored = SS_ERR_INIT;

		/* The server said which statement (by counting), not where: find its start. */
		if (!ss_mig_split_statements(m->db.engine->dialect, body, len, &pieces, &ignored) &&
		    stmt <= pieces.n)
			off = (long long)pieces.v[stmt - 1].off;
		ss_err_release(&ignored);
		ss_mig_pieces_release(&pieces);
	}
	if (off >= 0 && body) {
		size_t start, n = ss_mig_line_at(body, len, (size_t)off, &start);

		ss_mig_line_col(body, len, (size_t)off, &line, &col);
		free(f->excerpt);
		f->excerpt = ss_xstrndup(body + start, n);
	}
	f->line = line;
	f->column = col;
	ss_err_locate(err, f->file, line, col);
}

/* golang-migrate's text for a failed exec of text (before err is located in the file). */
static void compat_text(struct ss_migrator *m, const char *text, size_t len,
			const struct ss_err *err)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	if (m->db.engine->compat_error) {
		m->db.engine->compat_error(text, len, err, &b);
	} else {
		sqlp_buf_addstr(&b, "migration failed in line 0: ");
		sqlp_buf_add(&b, text, len);
		sqlp_buf_addf(&b, " (details: %s)", err->msg ? err->msg : "");
	}
	ss_buf_check(&b);
	free(m->failure.compat);
	m->failure.compat = sqlp_buf_detach(&b, NULL);
}

/*
 * After an exec of body[piece_off, +piece_len): on failure locate the
 * error (err->column, info->done relative to that text); undo a
 * transaction the text left open.
 */
static int finish_piece(struct ss_migrator *m, const struct ss_mig_step *s, const char *body,
			size_t len, size_t piece_off, size_t piece_len, unsigned long piece_no,
			int rc, struct ss_exec_info *info, struct ss_err *err)
{
	const char *text = body + piece_off;
	long long off;

	if (rc) {
		compat_text(m, text, piece_len, err);
		off = m->db.engine->error_offset(text, piece_len, err);
		free(m->failure.context);
		m->failure.context = info->context;
		info->context = NULL;
		locate_failure(m, s, body, len, off >= 0 ? (long long)piece_off + off : -1,
			       piece_no ? piece_no : info->done + 1, err);
		/* Each piece commits on its own: those before this one stay. */
		m->failure.committed = piece_no ? piece_no - 1 : 0;
	}
	free(info->context);
	info->context = NULL;
	if (info->open_transaction) {
		struct ss_err e = SS_ERR_INIT;

		/* A file's own BEGIN without COMMIT (or an aborted one): undo it. */
		ss_conn_exec(m->db.conn, "ROLLBACK", 8, &e);
		ss_err_release(&e);
		if (!rc) {
			ss_err_set(err, SS_ERR_SQL, "the migration left a transaction open "
				   "(BEGIN without COMMIT); it was rolled back");
			compat_text(m, text, piece_len, err);
			locate_failure(m, s, body, len, -1, 0, err);
			rc = -1;
		}
	}
	return rc;
}

/* Run one piece of a body; on failure locate the error relative to piece_off. */
static int run_piece(struct ss_migrator *m, const struct ss_mig_step *s, const char *body,
		     size_t len, size_t piece_off, size_t piece_len, unsigned long piece_no,
		     struct ss_err *err)
{
	struct ss_exec_info info = { 0, 0, NULL };
	int rc = ss_conn_exec_script(m->db.conn, body + piece_off, piece_len,
				     m->db.statement_timeout_ms, &info, err);

	return finish_piece(m, s, body, len, piece_off, piece_len, piece_no, rc, &info, err);
}

/*
 * One round trip for the row and the file: the engine's prefix commits
 * (target, dirty), then the file runs as it would alone.  *wrote says
 * whether the row was committed.
 */
static int run_batched(struct ss_migrator *m, const struct ss_mig_step *s, const char *body,
		       size_t len, int *wrote, struct ss_err *err)
{
	struct ss_exec_info info = { 0, 0, NULL };
	struct sqlp_buf sql = SQLP_BUF_INIT;
	struct ss_err e = SS_ERR_INIT;
	size_t nprefix = 0, prefix_len;
	unsigned long prefix_chars = 0;
	int rc;

	m->db.engine->dirty_prefix_sql(&m->db, s->target, &sql, &nprefix);
	prefix_len = sql.len;
	for (size_t i = 0; i < prefix_len; i++)
		if (((unsigned char)sql.data[i] & 0xC0) != 0x80)
			prefix_chars++;
	sqlp_buf_add(&sql, body, len);
	ss_buf_check(&sql);
	rc = ss_conn_exec_script(m->db.conn, sql.data, sql.len, m->db.statement_timeout_ms, &info, &e);
	sqlp_buf_release(&sql);
	*wrote = !rc || info.done >= nprefix;
	if (rc && info.done < nprefix) {
		if (e.column <= prefix_chars) {
			/* The row itself could not be written. */
			free(info.context);
			ss_err_move(err, &e);
			ss_err_prefix(err, "cannot write version %lld to %s", (long long)s->target,
				      m->db.qtable);
			return -1;
		}
		struct ss_err w = SS_ERR_INIT;

		/* The file does not parse, so nothing ran: write the row as golang-migrate would have. */
		if (!write_version(m, s->target, 1, &w))
			*wrote = 1;
		ss_err_release(&w);
	} else if (rc && info.done == nprefix && m->db.engine->needs_own_exec &&
		   m->db.engine->needs_own_exec(&e)) {
		/* Its first statement must run alone (the row is written): send the file on its own. */
		free(info.context);
		ss_err_release(&e);
		return run_piece(m, s, body, len, 0, len, 0, err);
	}
	/* Positions and statement counts of the file alone. */
	if (e.column > prefix_chars)
		e.column -= (unsigned)prefix_chars;
	info.done = info.done >= nprefix ? info.done - nprefix : 0;
	ss_err_move(err, &e);
	return finish_piece(m, s, body, len, 0, len, 0, rc, &info, err);
}

static int run_body(struct ss_migrator *m, const struct ss_mig_step *s, const char *body,
		    size_t len, struct ss_err *err)
{
	struct ss_mig_pieces pieces = { 0 };
	struct ss_err ignored = SS_ERR_INIT;
	unsigned long no = 0;
	int rc = 0;

	if (ss_mig_blank(body, len))
		return 0;
	if (memchr(body, '\0', len)) {
		ss_err_set(err, SS_ERR_PARSE, "the file contains a NUL byte");
		compat_text(m, body, strlen(body), err);
		locate_failure(m, s, body, len, (const char *)memchr(body, '\0', len) - body, 0, err);
		return -1;
	}
	if (!m->db.multi_statement)
		return run_piece(m, s, body, len, 0, len, 0, err);
	/* x-multi-statement: one exec per statement, each committed on its own. */
	if (ss_mig_split_statements(m->db.engine->dialect, body, len, &pieces, &ignored))
		ss_mig_split_semicolons(body, len, &pieces);
	ss_err_release(&ignored);
	for (size_t i = 0; i < pieces.n && !rc; i++) {
		const char *p = body + pieces.v[i].off;

		if (ss_mig_blank(p, pieces.v[i].len))
			continue;
		no++;
		if (pieces.v[i].len > m->db.multi_statement_max) {
			ss_err_set(err, SS_ERR_PARSE, "statement %lu is longer than "
				   "x-multi-statement-max-size (%zu bytes)", no,
				   m->db.multi_statement_max);
			m->failure.compat = ss_xstrdup("bufio.Scanner: token too long");
			locate_failure(m, s, body, len, (long long)pieces.v[i].off, no, err);
			rc = -1;
			break;
		}
		rc = run_piece(m, s, body, len, pieces.v[i].off, pieces.v[i].len, no, err);
	}
	ss_mig_pieces_release(&pieces);
	return rc;
}

struct done_step {
	const struct ss_mig_step *step;
	uint64_t read_ns, run_start, end;	/* end: 0 = not known yet */
};

static void report_step(struct ss_migrator *m, const struct done_step *d)
{
	char what[256], t1[32], t2[32];
	uint64_t run_ns = (d->end ? d->end : now_ns()) - d->run_start;

	log_string(what, sizeof(what), d->step);
	if (m->cfg->verbose) {
		ss_mig_duration(t1, sizeof(t1), d->read_ns);
		ss_mig_duration(t2, sizeof(t2), run_ns);
		emit(m, SS_MIG_LINE_PROGRESS, "Finished %s (read %s, ran %s)", what, t1, t2);
	} else {
		ss_mig_duration(t1, sizeof(t1), d->read_ns + run_ns);
		emit(m, SS_MIG_LINE_PROGRESS, "%s (%s)", what, t1);
	}
}

/* Can the row and the file go in one exec?  Not for x-multi-statement, odd or empty files. */
static int can_batch(const struct ss_migrator *m, const struct ss_mig_step *s, const char *body,
		     size_t len)
{
	return m->db.engine->dirty_prefix_sql && s->file >= 0 && !m->db.multi_statement &&
	       !ss_mig_blank(body, len) && !memchr(body, '\0', len);
}

static int run_steps(struct ss_migrator *m, const struct ss_mig_plan *plan, int64_t cur,
		     struct ss_err *err)
{
	struct sqlp_buf body = SQLP_BUF_INIT;
	struct done_step pending = { NULL, 0, 0, 0 };
	int64_t before = cur;
	int rc = 0;

	m->in_migration = 1;
	for (size_t i = 0; i < plan->n && !rc; i++) {
		const struct ss_mig_step *s = &plan->steps[i];
		char what[256];
		uint64_t t0, t1;
		size_t bom;
		int wrote = 0;

		if (m->stop_signal)
			break;
		log_string(what, sizeof(what), s);
		emit(m, SS_MIG_LINE_VERBOSE, "%s %s",
		     m->cfg->prefetch > 0 && s->file >= 0 ? "Start buffering" : "Scheduled", what);
		t0 = now_ns();
		sqlp_buf_reset(&body);
		if (s->file >= 0 && ss_source_read(m->source, (size_t)s->file, &body, err)) {
			rc = -1;
			break;
		}
		bom = ss_mig_bom(body.data, body.len);
		t1 = now_ns();
		if (s->file >= 0)
			emit(m, SS_MIG_LINE_VERBOSE, "Read and execute %s", what);
		if (can_batch(m, s, body.data + bom, body.len - bom)) {
			/* The row (target, dirty), which also commits the previous step's clean state, and the file. */
			rc = run_batched(m, s, body.data + bom, body.len - bom, &wrote, err);
		} else {
			/* The row (target, dirty) also commits the previous step's clean state. */
			rc = write_version(m, s->target, 1, err);
			wrote = !rc;
			if (!rc && s->file >= 0)
				rc = run_body(m, s, body.data + bom, body.len - bom, err);
		}
		if (wrote && pending.step) {
			report_step(m, &pending);
			pending.step = NULL;
		}
		if (rc) {
			m->failure.before = before;
			break;
		}
		pending.step = s;
		pending.read_ns = t1 - t0;
		pending.run_start = t1;
		pending.end = now_ns();
		before = s->target;
	}
	if (pending.step) {
		struct ss_err e = SS_ERR_INIT;

		/* The last one applied (or the one before a failure) gets its clean row. */
		if (!write_version(m, pending.step->target, 0, &e)) {
			pending.end = 0;
			report_step(m, &pending);
		} else if (!rc) {
			rc = -1;
		}
		ss_err_move(err, &e);
	}
	m->in_migration = 0;
	sqlp_buf_release(&body);
	return rc;
}

/* --- commands -------------------------------------------------------- */

static int end_error(struct ss_migrator *m, const struct ss_mig_plan *plan, int64_t cur,
		     struct ss_err *err)
{
	switch (plan->end) {
	case SS_MIG_END_SHORT:
		return ss_err_set(err, SS_ERR_IO, "limit %llu short",
				  (unsigned long long)plan->short_by);
	case SS_MIG_END_NOT_EXIST:
		return ss_err_set(err, SS_ERR_IO, "file does not exist");
	case SS_MIG_END_NO_FIRST:
		ss_err_set(err, SS_ERR_IO, "first .: file does not exist");
		ss_err_hint(err, "the source '%s' has no migration files", m->source->display);
		return -1;
	case SS_MIG_END_UNKNOWN: {
		char *msg = ss_xasprintf("no migration found for version %llu: read down for version "
					 "%llu .: file does not exist",
					 (unsigned long long)plan->unknown,
					 (unsigned long long)plan->unknown);

		/* golang-migrate logs it once without a newline, then the CLI prints it. */
		emit(m, SS_MIG_LINE_LIBERROR, "error: %s", msg);
		ss_err_set(err, SS_ERR_IO, "%s", msg);
		if (cur >= 0 && (uint64_t)cur == plan->unknown)
			ss_err_hint(err, "the database is at version %llu, which '%s' does not have",
				    (unsigned long long)plan->unknown, m->source->display);
		else
			ss_err_hint(err, "'%s' has no migration of version %llu", m->source->display,
				    (unsigned long long)plan->unknown);
		free(msg);
		return -1;
	}
	default:
		return 0;
	}
}

int ss_mig_migrate(struct ss_migrator *m, const struct ss_mig_request *req, int *no_change,
		   struct ss_err *err)
{
	struct ss_mig_plan plan;
	int64_t cur;
	int rc;

	*no_change = 0;
	/* "up 0" / "down 0": golang-migrate answers before locking. */
	if (req->verb != SS_MIG_GOTO && !req->all && req->n == 0) {
		*no_change = 1;
		return 0;
	}
	if (lock_db(m, m->cfg->lock_timeout_ms, err))
		return -1;
	if (read_clean_version(m, &cur, err))
		return unlock_after(m, err);
	ss_mig_plan_make(&m->index, cur, req, &plan);
	if (plan.end == SS_MIG_END_NO_CHANGE) {
		*no_change = 1;
		ss_mig_plan_release(&plan);
		return unlock_db(m, err);
	}
	rc = run_steps(m, &plan, cur, err);
	if (!rc && !m->stop_signal)
		rc = end_error(m, &plan, cur, err);
	ss_mig_plan_release(&plan);
	if (rc)
		return unlock_after(m, err);
	return unlock_db(m, err);
}

int ss_mig_force(struct ss_migrator *m, int64_t version, struct ss_err *err)
{
	if (lock_db(m, m->cfg->lock_timeout_ms, err))
		return -1;
	if (write_version(m, version, 0, err))
		return unlock_after(m, err);
	return unlock_db(m, err);
}

int ss_mig_version(struct ss_migrator *m, int64_t *version, int *dirty, struct ss_err *err)
{
	return m->db.engine->read_version(&m->db, version, dirty, err);
}

int ss_mig_drop(struct ss_migrator *m, struct ss_err *err)
{
	if (lock_db(m, m->cfg->lock_timeout_ms, err))
		return -1;
	if (m->db.engine->drop(&m->db, err))
		return unlock_after(m, err);
	return unlock_db(m, err);
}

const struct ss_mig_failure *ss_mig_failure(const struct ss_migrator *m)
{
	return m && m->failure.set ? &m->failure : NULL;
}

enum ss_mig_signal_action ss_mig_signal(struct ss_migrator *m, int signo)
{
	int first = !m->stop_signal;

	if (first)
		m->stop_signal = signo;
	if (first && m->in_migration)
		return SS_MIG_SIGNAL_STOP_AFTER;
	if (!m->db.conn)
		return SS_MIG_SIGNAL_DIE;
	m->cancelled = 1;
	ss_conn_interrupt(m->db.conn);
	return SS_MIG_SIGNAL_CANCEL;
}

int ss_mig_stopped_by(const struct ss_migrator *m)
{
	return m ? m->stop_signal : 0;
}

const char *ss_mig_lock_key(const struct ss_migrator *m)
{
	return m->db.lock_key;
}

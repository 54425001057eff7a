/*
 * cmd_migrate.c - "ssync migrate", and ssync run as "migrate": the
 * golang-migrate CLI.  Flags are parsed as Go's flag package does (global
 * flags stop at the command; each command has its own), every line goes
 * to stderr, errors read "error: MESSAGE" and exit 1, flag syntax errors
 * exit 2.  The work itself is in src/migrate.
 */
#include "config.h"

#include <ctype.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "migrate/create.h"
#include "migrate/migrate.h"
#include "migrate/text.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/log.h"
#include "util/xmalloc.h"

struct cli {
	struct ss_common_opts common;
	const char *path, *source, *database;
	unsigned long long lock_timeout, prefetch, wait;
	int show_version, strict_lock_timeout, short_errors;
	char *source_url;	/* -source, or file:// + -path */
	char *usage;		/* "usage: ssync migrate ..." */
	struct ss_mig_config cfg;
	struct ss_migrator *m;
	struct timespec start;
};

/* The migrator a signal handler talks to (one per process). */
static struct ss_migrator *volatile signal_target;

/* --- output: everything on stderr -------------------------------------- */

/*
 * One line as golang-migrate's logger writes it: raw, or with the log
 * package's timestamp under -verbose.  newline = 0 writes no line end in
 * the raw form (golang-migrate's library does that for one error).
 */
static void say_level(const char *level, const char *text, int newline)
{
	ss_log_plain(level, text, ss_log_verbose(), newline);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = ss_xvasprintf(fmt, ap);
	va_end(ap);
	say_level("info", text, 1);
	free(text);
}

static void on_line(void *ctx, enum ss_mig_line kind, const char *text)
{
	say_level(kind == SS_MIG_LINE_LIBERROR ? "error" : "info", text,
		  kind != SS_MIG_LINE_LIBERROR);
}

/* Byte offset of the n-th character (0-based) of s, or its length. */
static size_t char_offset(const char *s, unsigned long n)
{
	size_t i = 0;

	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n-- == 0)
			return i;
	return i;
}

/*
 * The failing line with a caret under the column.  A long line (a
 * minified statement) is cut to a window around the column; tabs are kept
 * in the caret line so that the caret lines up.
 */
static void print_excerpt(const struct ss_mig_failure *f)
{
	const unsigned long width = 100;
	unsigned long col = f->column ? f->column - 1 : 0, first = 0, n = 0;
	const char *line = f->excerpt, *p, *end;

	for (p = line; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			n++;
	if (n > width && col > width / 2)
		first = col - width / 2;
	p = line + char_offset(line, first);
	end = line + char_offset(line, first + width);
	fprintf(stderr, "%5u | %s%.*s%s\n      | %s", f->line, first ? "..." : "", (int)(end - p), p,
		*end ? "..." : "", first ? "   " : "");
	for (unsigned long c = first; *p && c < col; p++) {
		if (((unsigned char)*p & 0xC0) == 0x80)
			continue;
		fputc(*p == '\t' ? '\t' : ' ', stderr);
		c++;
	}
	fputs("^\n", stderr);
}

/*
 * A failed migration.  By default golang-migrate's own text comes first
 * (scripts may parse it), then where the error is; with --short-errors one
 * line says both.
 */
static void print_failure(const struct ss_mig_failure *f, const struct ss_err *err, int brief)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	if (!brief && f->compat) {
		sqlp_buf_addf(&b, "error: %s", f->compat);
		ss_buf_check(&b);
		say_level("error", b.data, 1);
		sqlp_buf_reset(&b);
		sqlp_buf_addstr(&b, "where: ");
	} else {
		sqlp_buf_addstr(&b, "error: migration failed in ");
	}
	sqlp_buf_addstr(&b, f->file ? f->file : "(no file)");
	if (f->line)
		sqlp_buf_addf(&b, ":%u:%u", f->line, f->column);
	else if (f->statement)
		sqlp_buf_addf(&b, " (statement %lu)", f->statement);
	if (brief || !f->compat)
		sqlp_buf_addf(&b, ": %s", err->msg ? err->msg : "unknown error");
	if (err->sqlstate[0])
		sqlp_buf_addf(&b, " (SQLSTATE %s)", err->sqlstate);
	ss_buf_check(&b);
	if (brief || !f->compat)
		say_level("error", b.data, 1);
	else
		fprintf(stderr, "%s\n", b.data);
	sqlp_buf_release(&b);
	if (err->detail)
		fprintf(stderr, "detail: %s\n", err->detail);
	if (err->hint)
		fprintf(stderr, "hint: %s\n", err->hint);
	if (f->context)
		fprintf(stderr, "context: %s\n", f->context);
	if (f->excerpt && f->line)
		print_excerpt(f);
	if (f->committed)
		fprintf(stderr, "note: with x-multi-statement the %lu statement%s before it stayed "
			"applied\n", f->committed, f->committed > 1 ? "s" : "");
	fprintf(stderr, "note: the tracking table now says %lld (dirty); once the database is "
		"right, run 'force %lld' to retry this migration, or 'force %lld' if it is applied\n",
		(long long)f->version, (long long)f->before,
		(long long)(f->up ? (int64_t)f->file_version : f->version));
}

/* Report err as golang-migrate does ("error: MSG"), plus ssync's extra lines. */
static int fail(struct cli *c, struct ss_err *err)
{
	const struct ss_mig_failure *f = ss_mig_failure(c->m);
	int status = err->kind == SS_ERR_USAGE && !err->exit_status ? 1 : ss_err_exit_status(err);

	if (ss_log_format() == SS_LOG_JSON) {
		ss_log_err(err);
	} else if (f) {
		print_failure(f, err, c->short_errors);
	} else {
		char *line = ss_xasprintf("error: %s%s%s%s", err->msg ? err->msg : "unknown error",
					  err->sqlstate[0] ? " (SQLSTATE " : "", err->sqlstate,
					  err->sqlstate[0] ? ")" : "");

		say_level("error", line, 1);
		free(line);
		if (err->detail)
			fprintf(stderr, "detail: %s\n", err->detail);
		if (err->hint)
			fprintf(stderr, "hint: %s\n", err->hint);
	}
	if (c->m && ss_mig_stopped_by(c->m))
		status = 128 + ss_mig_stopped_by(c->m);
	ss_err_release(err);
	return status;
}

static int fail_msg(struct cli *c, const char *msg)
{
	struct ss_err err = SS_ERR_INIT;

	ss_err_set(&err, SS_ERR_USAGE, "%s", msg);
	return fail(c, &err);
}

/* --- signals ----------------------------------------------------------- */

static void on_signal(int signo)
{
	static const char stop[] = "Stopping after this running migration ...\n";
	static const char cancel[] = "Cancelling what the database runs now ...\n";
	struct ss_migrator *m = signal_target;
	enum ss_mig_signal_action what;
	ssize_t ignored;

	if (!m)
		return;
	what = ss_mig_signal(m, signo);
	if (what == SS_MIG_SIGNAL_DIE) {
		/* Not connected yet: no lock, no row to protect. */
		signal(signo, SIG_DFL);
		raise(signo);
		return;
	}
	if (what == SS_MIG_SIGNAL_STOP_AFTER)
		ignored = write(STDERR_FILENO, stop, sizeof(stop) - 1);
	else
		ignored = write(STDERR_FILENO, cancel, sizeof(cancel) - 1);
	(void)ignored;
}

static void catch_signals(struct ss_migrator *m)
{
	struct sigaction sa;

	signal_target = m;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void release_signals(void)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal_target = NULL;
}

/* --- pieces every command uses ---------------------------------------- */

static uint64_t since_start_ns(const struct cli *c)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)(now.tv_sec - c->start.tv_sec) * 1000000000u +
	       (uint64_t)(now.tv_nsec - c->start.tv_nsec);
}

static void finished(const struct cli *c)
{
	char d[32];

	if (!ss_log_verbose())
		return;
	ss_mig_duration(d, sizeof(d), since_start_ns(c));
	say("Finished after %s", d);
}

static int open_migrator(struct cli *c, unsigned need, struct ss_err *err)
{
	/* Signals are ours from the start: a wait for the lock can be interrupted. */
	c->m = ss_mig_new(&c->cfg);
	catch_signals(c->m);
	return ss_mig_open(c->m, need, err);
}

static void close_migrator(struct cli *c)
{
	if (!c->m)
		return;
	release_signals();
	if (ss_log_verbose())
		say("Closing source and database");
	ss_mig_close(c->m);
	c->m = NULL;
}

/* Go's strconv.ParseUint(s, 10, 64): digits only. */
static int parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return 0;
}

/* Go's strconv.ParseInt(s, 10, 64): optional sign, then digits. */
static int parse_i64(const char *s, int64_t *out)
{
	uint64_t v;
	int neg = *s == '-';

	if ((*s == '-' || *s == '+') && parse_u64(s + 1, &v) == 0) {
		if (v > (uint64_t)INT64_MAX + (neg ? 1u : 0u))
			return -1;
		*out = neg ? (int64_t)(0 - v) : (int64_t)v;
		return 0;
	}
	if (parse_u64(s, &v) || v > (uint64_t)INT64_MAX)
		return -1;
	*out = (int64_t)v;
	return 0;
}

/* Ask a yes/no question; only "y" (any case, surrounded by blanks) is yes. */
static int confirm(const char *question)
{
	char line[256], word[256];

	say("%s", question);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	if (sscanf(line, "%255s", word) != 1)
		return 0;
	for (char *p = word; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return !strcmp(word, "y");
}

/*
 * Parse a command's own flags (Go: each command has a flag set and stops
 * at its first argument).  Returns -1 to go on, or an exit status.
 */
static int parse_verb(struct cli *c, struct ss_option *opts, int argc, char **argv,
		      struct ss_strlist *args, const char *usage, const char *description)
{
	struct ss_err err = SS_ERR_INIT;
	struct ss_option *help = ss_opts_find(opts, "help");

	if (ss_opts_parse(opts, argc, argv, 1, SS_OPTS_STOP_AT_POSITIONAL, args, &err))
		return ss_cli_fail(&err, usage, description, opts);
	if (help && *(int *)help->value) {
		ss_opts_usage(stdout, usage, description, opts);
		return ss_cli_close_stdout();
	}
	return -1;
}

/* --- commands ---------------------------------------------------------- */

static int run_request(struct cli *c, const struct ss_mig_request *req)
{
	struct ss_err err = SS_ERR_INIT;
	int no_change = 0, rc;

	rc = ss_mig_migrate(c->m, req, &no_change, &err);
	if (rc)
		return fail(c, &err);
	if (ss_mig_stopped_by(c->m)) {
		int sig = ss_mig_stopped_by(c->m);

		ss_err_set(&err, SS_ERR_IO, "stopped by %s: the running migration was finished, "
			   "no further one was started", sig == SIGINT ? "SIGINT" : "SIGTERM");
		return fail(c, &err);
	}
	if (no_change)
		say("no change");
	else
		finished(c);
	return 0;
}

static int verb_up(struct cli *c, int argc, char **argv)
{
	int help = 0;
	struct ss_option opts[] = { SS_OPT_FLAG_("help", 'h', &help, "show this help and exit"),
				    SS_OPT_END_() };
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_mig_request req = { SS_MIG_UP, 1, 0 };
	struct ss_err err = SS_ERR_INIT;
	int rc = parse_verb(c, opts, argc, argv, &args, "usage: ssync migrate up [N]\n",
			    "Apply all pending up migrations, or the next N.");

	if (rc < 0 && args.n >= 1) {
		req.all = 0;
		if (parse_u64(args.items[0], &req.n))
			rc = fail_msg(c, "can't read limit argument N");
	}
	if (rc < 0)
		rc = open_migrator(c, SS_MIG_NEED_SOURCE | SS_MIG_NEED_DATABASE, &err)
			     ? fail(c, &err) : run_request(c, &req);
	ss_strlist_release(&args);
	return rc;
}

static int verb_down(struct cli *c, int argc, char **argv)
{
	int help = 0, all = 0;
	struct ss_option opts[] = {
		SS_OPT_FLAG_("all", 0, &all, "apply all down migrations without asking"),
		SS_OPT_FLAG_("help", 'h', &help, "show this help and exit"),
		SS_OPT_END_()
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_mig_request req = { SS_MIG_DOWN, 1, 0 };
	struct ss_err err = SS_ERR_INIT;
	int rc = parse_verb(c, opts, argc, argv, &args, "usage: ssync migrate down [N | -all]\n",
			    "Apply all down migrations (asking first unless -all), or the next N.");

	if (rc < 0 && all && args.n)
		rc = fail_msg(c, "-all cannot be used with other arguments");
	else if (rc < 0 && args.n > 1)
		rc = fail_msg(c, "too many arguments");
	else if (rc < 0 && args.n == 1) {
		req.all = 0;
		if (parse_u64(args.items[0], &req.n))
			rc = fail_msg(c, "can't read limit argument N");
	}
	if (rc < 0 && open_migrator(c, SS_MIG_NEED_SOURCE | SS_MIG_NEED_DATABASE, &err))
		rc = fail(c, &err);
	if (rc < 0 && !all && !args.n) {
		if (!confirm("Are you sure you want to apply all down migrations? [y/N]")) {
			say("Not applying all down migrations");
			rc = 1;
		} else {
			say("Applying all down migrations");
		}
	}
	if (rc < 0)
		rc = run_request(c, &req);
	ss_strlist_release(&args);
	return rc;
}

static int verb_goto(struct cli *c, int argc, char **argv)
{
	int help = 0;
	struct ss_option opts[] = { SS_OPT_FLAG_("help", 'h', &help, "show this help and exit"),
				    SS_OPT_END_() };
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_mig_request req = { SS_MIG_GOTO, 0, 0 };
	struct ss_err err = SS_ERR_INIT;
	int rc = parse_verb(c, opts, argc, argv, &args, "usage: ssync migrate goto V\n",
			    "Migrate up or down to version V.");

	if (rc < 0 && (!args.n || !*args.items[0]))
		rc = fail_msg(c, "please specify version argument V");
	else if (rc < 0 && parse_u64(args.items[0], &req.n))
		rc = fail_msg(c, "can't read version argument V");
	if (rc < 0)
		rc = open_migrator(c, SS_MIG_NEED_SOURCE | SS_MIG_NEED_DATABASE, &err)
			     ? fail(c, &err) : run_request(c, &req);
	ss_strlist_release(&args);
	return rc;
}

static int verb_force(struct cli *c, int argc, char **argv)
{
	int help = 0;
	struct ss_option opts[] = { SS_OPT_FLAG_("help", 'h', &help, "show this help and exit"),
				    SS_OPT_END_() };
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_err err = SS_ERR_INIT;
	int64_t v = 0;
	int rc = parse_verb(c, opts, argc, argv, &args, "usage: ssync migrate force V\n",
			    "Set the version to V (-1: none) and clear the dirty flag, running nothing.");

	if (rc < 0 && (!args.n || !*args.items[0]))
		rc = fail_msg(c, "please specify version argument V");
	else if (rc < 0 && parse_i64(args.items[0], &v))
		rc = fail_msg(c, "can't read version argument V");
	else if (rc < 0 && v < -1)
		rc = fail_msg(c, "argument V must be >= -1");
	if (rc < 0 && open_migrator(c, SS_MIG_NEED_DATABASE, &err))
		rc = fail(c, &err);
	if (rc < 0 && ss_mig_force(c->m, v, &err))
		rc = fail(c, &err);
	if (rc < 0) {
		finished(c);
		rc = 0;
	}
	ss_strlist_release(&args);
	return rc;
}

static int verb_version(struct cli *c, int argc, char **argv)
{
	int help = 0;
	struct ss_option opts[] = { SS_OPT_FLAG_("help", 'h', &help, "show this help and exit"),
				    SS_OPT_END_() };
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_err err = SS_ERR_INIT;
	int64_t v;
	int dirty, rc = parse_verb(c, opts, argc, argv, &args, "usage: ssync migrate version\n",
				   "Print the current version, with \"(dirty)\" when it is dirty.");

	ss_strlist_release(&args);
	if (rc >= 0)
		return rc;
	if (open_migrator(c, SS_MIG_NEED_DATABASE, &err) || ss_mig_version(c->m, &v, &dirty, &err))
		return fail(c, &err);
	if (v < 0)
		return fail_msg(c, "no migration");
	say("%lld%s", (long long)v, dirty ? " (dirty)" : "");
	return 0;
}

static int verb_drop(struct cli *c, int argc, char **argv)
{
	int help = 0, force = 0;
	struct ss_option opts[] = {
		SS_OPT_FLAG_("f", 0, &force, "drop without asking"),
		SS_OPT_FLAG_("help", 'h', &help, "show this help and exit"),
		SS_OPT_END_()
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_err err = SS_ERR_INIT;
	int rc = parse_verb(c, opts, argc, argv, &args, "usage: ssync migrate drop [-f]\n",
			    "Drop every table of the current schema, the tracking table included.");

	ss_strlist_release(&args);
	if (rc >= 0)
		return rc;
	if (!force) {
		if (!confirm("Are you sure you want to drop the entire database schema? [y/N]")) {
			say("Aborted dropping the entire database schema");
			return 1;
		}
		say("Dropping the entire database schema");
	}
	if (open_migrator(c, SS_MIG_NEED_DATABASE, &err) || ss_mig_drop(c->m, &err))
		return fail(c, &err);
	finished(c);
	return 0;
}

static int verb_create(struct cli *c, int argc, char **argv)
{
	int help = 0, seq = 0;
	long long digits = 6;
	const char *ext = NULL, *dir = NULL, *format = SS_MIG_DEFAULT_TIME_FORMAT, *tz = "UTC";
	struct ss_option opts[] = {
		SS_OPT_INT_("digits", 0, &digits, "N", "digits of a -seq number (default 6)"),
		SS_OPT_STRING_("dir", 0, &dir, "D", "directory of the files (default: current directory)"),
		SS_OPT_STRING_("ext", 0, &ext, "E", "file extension (required), e.g. sql"),
		SS_OPT_STRING_("format", 0, &format, "F",
			       "Go time layout of the version, or unix / unixNano (default 20060102150405)"),
		SS_OPT_FLAG_("help", 'h', &help, "show this help and exit"),
		SS_OPT_FLAG_("seq", 0, &seq, "number the files 000001, 000002, ... instead of timestamps"),
		SS_OPT_STRING_("tz", 0, &tz, "TZ", "time zone of the timestamp (default UTC)"),
		SS_OPT_END_()
	};
	struct ss_strlist args = SS_STRLIST_INIT, created = SS_STRLIST_INIT;
	struct ss_mig_create cr;
	struct ss_err err = SS_ERR_INIT;
	int rc = parse_verb(c, opts, argc, argv, &args,
			    "usage: ssync migrate create [-ext E] [-dir D] [-seq] [-digits N] "
			    "[-format F] [-tz TZ] NAME\n",
			    "Create an empty up and down migration titled NAME.");

	if (rc < 0 && !args.n)
		rc = fail_msg(c, "please specify name");
	else if (rc < 0 && (!ext || !*ext))
		rc = fail_msg(c, "-ext flag must be specified");
	if (rc < 0) {
		memset(&cr, 0, sizeof(cr));
		cr.name = args.items[0];
		cr.ext = ext;
		cr.dir = dir;
		cr.format = format;
		cr.tz = tz;
		cr.seq = seq;
		cr.digits = digits;
		clock_gettime(CLOCK_REALTIME, &cr.now);
		if (ss_mig_create_files(&cr, &created, &err)) {
			if (err.msg && !strncmp(err.msg, "unknown time zone", 17)) {
				say_level("error", err.msg, 1);	/* golang-migrate: no "error: " */
				ss_err_release(&err);
				rc = 1;
			} else {
				rc = fail(c, &err);
			}
		} else {
			for (size_t i = 0; i < created.n; i++)
				say("%s", created.items[i]);
			rc = 0;
		}
	}
	ss_strlist_release(&created);
	ss_strlist_release(&args);
	return rc;
}

static const struct verb {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
	const char *args;
	const char *summary;
} verbs[] = {
	{ "create", verb_create, "[-ext E] [-dir D] [-seq] [-digits N] [-format F] [-tz TZ] NAME",
	  "create an empty up/down pair titled NAME" },
	{ "goto", verb_goto, "V", "migrate up or down to version V" },
	{ "up", verb_up, "[N]", "apply all or N up migrations" },
	{ "down", verb_down, "[N | -all]", "apply all or N down migrations" },
	{ "drop", verb_drop, "[-f]", "drop every table of the current schema" },
	{ "force", verb_force, "V", "set version V (-1: none) without running anything" },
	{ "version", verb_version, "", "print the current migration version" },
};

static char *describe(void)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	sqlp_buf_addstr(&b, "Apply migrations as the golang-migrate CLI does, with its files, "
			"tracking table and lock.\nEverything is printed on standard error.\n\n"
			"Commands:\n");
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		char left[96];

		snprintf(left, sizeof(left), "%s %s", verbs[i].name, verbs[i].args);
		if (strlen(left) < 22)
			sqlp_buf_addf(&b, "  %-22s %s\n", left, verbs[i].summary);
		else
			sqlp_buf_addf(&b, "  %s\n  %-22s %s\n", left, "", verbs[i].summary);
	}
	sqlp_buf_addstr(&b, "\nEnvironment: DATABASE_URL (when -database is absent), "
			"DB_MIGRATIONS_TABLE,\nDB_MIGRATIONS_TABLE_QUOTED, DB_MIGRATIONS_OPTIONS "
			"(libpq options, e.g. \"-c role=owner\"),\nSSYNC_WAIT (as --wait).");
	ss_buf_check(&b);
	return sqlp_buf_detach(&b, NULL);
}

int cmd_migrate(int argc, char **argv)
{
	struct cli c;
	struct ss_option opts[] = {
		SS_OPT_STRING_("database", 0, &c.database, "URL",
			       "database to migrate (default $DATABASE_URL)"),
		SS_OPT_UINT_("lock-timeout", 0, &c.lock_timeout, "SECS",
			     "seconds to wait for the migration lock (default 15)"),
		SS_OPT_STRING_("path", 0, &c.path, "DIR",
			       "directory of migration files (same as -source file://DIR)"),
		SS_OPT_UINT_("prefetch", 0, &c.prefetch, "N", "migrations to read ahead (default 10)"),
		SS_OPT_FLAG_("short-errors", 0, &c.short_errors,
			     "report a failed migration in one line without golang-migrate's copy of the file"),
		SS_OPT_STRING_("source", 0, &c.source, "URL",
			       "migration source: file://DIR or archive://FILE[?dir=SUB]"),
		SS_OPT_FLAG_("strict-lock-timeout", 0, &c.strict_lock_timeout,
			     "apply -lock-timeout to the first lock too (golang-migrate waits forever there)"),
		SS_OPT_FLAG_("version", 0, &c.show_version, "print the version on stderr and exit"),
		SS_OPT_UINT_("wait", 0, &c.wait, "SECS",
			     "retry the first connection this long while the database does not answer"),
		SS_OPT_COMMON_(&c.common),
		SS_OPT_END_(),
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_err err = SS_ERR_INIT;
	const struct verb *verb = NULL;
	char *description = describe();
	const char *env;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.lock_timeout = 15;
	c.prefetch = 10;
	clock_gettime(CLOCK_MONOTONIC, &c.start);
	c.usage = ss_xasprintf("usage: %s [-path DIR | -source URL] -database URL [options] "
			       "COMMAND [ARGS]\n",
			       strcmp(ss_progname, "migrate") ? "ssync migrate" : "migrate");
	if (ss_opts_parse(opts, argc, argv, 1, SS_OPTS_STOP_AT_POSITIONAL, &args, &err) ||
	    ss_common_apply(&c.common, &err)) {
		rc = ss_cli_fail(&err, c.usage, description, opts);
	} else if (c.show_version) {
		fprintf(stderr, "%s\n", PACKAGE_VERSION);	/* -version wins over -help */
		rc = 0;
	} else if (c.common.help) {
		ss_opts_usage(stdout, c.usage, description, opts);
		rc = ss_cli_close_stdout();
	} else if (!args.n) {
		fputs(c.usage, stderr);
		fprintf(stderr, "\n%s\n", description);
		rc = 2;
	} else {
		for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
			if (!strcmp(verbs[i].name, args.items[0]))
				verb = &verbs[i];
		if (!verb) {
			fprintf(stderr, "%s: unknown migrate command '%s'\n\n", ss_progname,
				args.items[0]);
			fputs(c.usage, stderr);
			fprintf(stderr, "\n%s\n", description);
			rc = 2;
		}
	}
	if (rc >= 0)
		goto out;
	if (!ss_opts_find(opts, "wait")->seen && (env = getenv("SSYNC_WAIT")) && *env &&
	    ss_parse_go_uint(env, &c.wait)) {
		ss_err_set(&err, SS_ERR_USAGE, "invalid SSYNC_WAIT '%s': not a number of seconds", env);
		rc = ss_cli_fail(&err, NULL, NULL, NULL);
		goto out;
	}
	if (c.source && *c.source)
		c.source_url = ss_xstrdup(c.source);
	else if (c.path && *c.path)
		c.source_url = ss_xasprintf("file://%s", c.path);
	c.cfg.source_url = c.source_url;
	c.cfg.database_url = c.database && *c.database ? c.database : getenv("DATABASE_URL");
	c.cfg.table_env = getenv("DB_MIGRATIONS_TABLE");
	c.cfg.table_quoted_env = getenv("DB_MIGRATIONS_TABLE_QUOTED");
	c.cfg.options_env = getenv("DB_MIGRATIONS_OPTIONS");
	c.cfg.wait_ms = c.wait > 86400 ? 86400000L : (long)c.wait * 1000;
	c.cfg.lock_timeout_ms = c.lock_timeout > 86400 * 365 ? -1 : (long)c.lock_timeout * 1000;
	c.cfg.strict_lock_timeout = c.strict_lock_timeout;
	c.cfg.verbose = ss_log_verbose();
	c.cfg.prefetch = c.prefetch;
	c.cfg.emit = on_line;
	c.cfg.ctx = &c;
	{
		/* The verb parses argv from its own name on. */
		char **vargv = ss_xcalloc(args.n + 1, sizeof(char *));

		for (size_t i = 0; i < args.n; i++)
			vargv[i] = args.items[i];
		rc = verb->fn(&c, (int)args.n, vargv);
		free(vargv);
	}
	close_migrator(&c);
out:
	ss_strlist_release(&args);
	free(description);
	free(c.usage);
	free(c.source_url);
	return rc;
}

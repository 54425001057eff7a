/*
 * cmd_schema_sync.c - "ssync schema-sync" (src/dump/sync.c) and "ssync diff"
 * (src/dump/diff.c).
 *
 * schema-sync reads the source's schema with the dumper (src/dump/pg) and
 * runs one of its sections on the destination: pre-data before a data
 * sync, post-data and the sequence values with --data-sync-complete after
 * it.  PostgreSQL to PostgreSQL.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "drivers/driver.h"
#include "dump/diff.h"
#include "dump/dump.h"
#include "dump/pg/pg_dump.h"
#include "dump/sync.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/log.h"
#include "util/url.h"
#include "util/xmalloc.h"

static const char sync_usage[] =
	"usage: ssync schema-sync --from URL --to URL [--dry-run] [--ignore-errors]\n"
	"                         [--data-sync-complete] [patterns] [--no-owner] [--no-privileges]\n";
static const char sync_description[] =
	"Copy a PostgreSQL schema from one database to another in two phases around a\n"
	"data sync.  The first run creates schemas, extensions, types, functions,\n"
	"sequences, tables with their primary keys and views on the destination; run it\n"
	"before copying the data.  Once the data is in, --data-sync-complete creates the\n"
	"secondary indexes, foreign keys and other constraints, triggers, rules, policies\n"
	"and grants, and sets every sequence to its value on the source.  Each phase runs\n"
	"in one transaction: on an error the destination is left as it was, unless\n"
	"--ignore-errors is given, which reports the failing object and goes on.\n"
	"Patterns select as in ssync dump.";
static const char diff_usage[] =
	"usage: ssync diff --from URL --to URL [patterns] [--no-owner] [--no-privileges]\n"
	"                  [--exit-code]\n";

static int is_postgres(const char *url_text, const char *what, struct ss_err *err)
{
	struct ss_url u;
	int ok;

	if (ss_url_parse(url_text, &u, err)) {
		ss_err_prefix(err, "%s", what);
		return -1;
	}
	ok = !strcmp(u.scheme, "postgres") || !strcmp(u.scheme, "postgresql");
	ss_url_release(&u);
	if (!ok)
		return ss_err_set(err, SS_ERR_UNSUPPORTED,
				  "%s: ssync schema-sync copies PostgreSQL to PostgreSQL", what);
	return 0;
}

struct sync_job {
	const char *from, *to;	/* to is NULL for a dry run */
	int complete, ignore_errors, no_owner, no_privileges;
	struct ss_strlist inc_schema, exc_schema, inc_table, exc_table;	/* as given */
	struct ss_dump_select sel;	/* compiled */
};

#define SYNC_JOB_INIT                                                                     \
	{ NULL, NULL, 0, 0, 0, 0, SS_STRLIST_INIT, SS_STRLIST_INIT, SS_STRLIST_INIT,       \
	  SS_STRLIST_INIT, { SS_PATLIST_INIT, SS_PATLIST_INIT, SS_PATLIST_INIT, SS_PATLIST_INIT } }

static int job_select(struct sync_job *j, struct ss_err *err)
{
	return ss_dump_select_compile(&j->sel, &j->inc_schema, &j->exc_schema, &j->inc_table,
				      &j->exc_table, err);
}

static void job_release(struct sync_job *j)
{
	ss_patlist_release(&j->sel.include_schema);
	ss_patlist_release(&j->sel.exclude_schema);
	ss_patlist_release(&j->sel.include_table);
	ss_patlist_release(&j->sel.exclude_table);
	ss_strlist_release(&j->inc_schema);
	ss_strlist_release(&j->exc_schema);
	ss_strlist_release(&j->inc_table);
	ss_strlist_release(&j->exc_table);
}

#ifdef HAVE_LIBPQ
/* How the dumper reads a side: the job's patterns and content options. */
static void dump_opts(struct sync_job *j, const char *url, struct ss_pg_dump_opts *po)
{
	memset(po, 0, sizeof(*po));
	po->select = &j->sel;
	po->no_owner = j->no_owner;
	po->no_privileges = j->no_privileges;
	po->progress = 1;
	po->jobs = 2;
	po->url = url;
}

static int sync_pg(struct sync_job *j, struct ss_err *err)
{
	struct ss_pg_dump_opts po;
	struct ss_pg_dump_stats pst;
	struct ss_sync_opts so;
	struct ss_sync_stats st = { 0, 0 };
	struct ss_conn *src = NULL, *dest = NULL;
	struct ss_dump d;
	char *header = NULL, *tail = NULL, *shown = NULL;
	unsigned nseq = 0;
	double t0 = ss_now_ms();
	int rc = -1;

	ss_dump_init(&d);
	ss_progress_start(1);
	if (ss_connect(j->from, &src, err)) {
		ss_err_prefix(err, "source");
		goto out;
	}
	shown = ss_url_redact(j->from);
	ss_info("source: connected to %s in %.0f ms", shown, ss_now_ms() - t0);
	free(shown);
	dump_opts(j, j->from, &po);
	if (ss_pg_dump_read(src, &d, &po, &header, &pst, err) || ss_dump_order(&d, err))
		goto out;
	ss_info("source: %u objects read in %.0f ms", pst.nobjects, ss_now_ms() - t0);
	/* the values as they are now, after the data sync */
	if (j->complete && ss_pg_sequence_values(src, &d, &tail, &nseq, err))
		goto out;
	ss_conn_close(src);
	src = NULL;
	if (j->to) {
		t0 = ss_now_ms();
		if (ss_connect(j->to, &dest, err)) {
			ss_err_prefix(err, "destination");
			goto out;
		}
		shown = ss_url_redact(j->to);
		ss_info("destination: connected to %s in %.0f ms", shown, ss_now_ms() - t0);
		free(shown);
	}
	memset(&so, 0, sizeof(so));
	so.dest = dest;
	so.dry_out = stdout;
	so.sections = 1u << (j->complete ? SS_SEC_POST : SS_SEC_PRE);
	so.header = header;
	so.tail = tail;
	so.ignore_errors = j->ignore_errors;
	so.progress = 1;
	t0 = ss_now_ms();
	if (ss_sync_apply(&d, &so, &st, err)) {
		if (dest && !j->ignore_errors && (dest->driver->caps & SS_DRV_TRANSACTIONAL_DDL))
			ss_err_hint(err, "the phase ran in one transaction and was rolled back: "
					 "the destination is as it was");
		goto out;
	}
	if (dest) {
		ss_info("%s: %u objects%s in %.0f ms",
			j->complete ? "phase 2 (post-data)" : "phase 1 (pre-data)", st.done,
			nseq ? " and the sequence values" : "", ss_now_ms() - t0);
		if (st.failed)
			ss_warn("%u of %u objects failed and were skipped (--ignore-errors)", st.failed,
				st.done + st.failed);
	}
	rc = 0;
out:
	ss_progress_done();
	ss_conn_close(src);
	ss_conn_close(dest);
	ss_dump_release(&d);
	ss_dump_set_keywords(NULL);
	free(header);
	free(tail);
	return rc;
}
#else
static int sync_pg(struct sync_job *j, struct ss_err *err)
{
	(void)j;
	return ss_err_set(err, SS_ERR_UNSUPPORTED,
			  "this ssync was built without PostgreSQL support (--with-postgresql)");
}
#endif

int cmd_schema_sync(int argc, char **argv)
{
	struct ss_common_opts common = { 0 };
	struct sync_job job = SYNC_JOB_INIT;
	const char *to = NULL;
	int dry_run = 0;
	struct ss_option opts[] = {
		SS_OPT_FLAG_("data-sync-complete", 0, &job.complete,
			     "run the second phase: indexes, constraints, triggers, grants, sequence values"),
		SS_OPT_FLAG_("dry-run", 'n', &dry_run, "print the statements instead of running them (no --to needed)"),
		SS_OPT_STRING_("from", 0, &job.from, "URL", "source database"),
		SS_OPT_FLAG_("ignore-errors", 0, &job.ignore_errors, "report failing objects and go on (no transaction)"),
		SS_OPT_STRING_("to", 0, &to, "URL", "destination database"),
		SS_OPT_GROUP_("Selection (PCRE2, anchored, matched against schema.name and name)"),
		SS_OPT_LIST_("exclude-schema", 'N', &job.exc_schema, "RE", "leave out schemas matching RE"),
		SS_OPT_LIST_("exclude-table", 'T', &job.exc_table, "RE", "leave out tables, views and sequences matching RE"),
		SS_OPT_LIST_("include-schema", 0, &job.inc_schema, "RE", "copy only schemas matching RE"),
		SS_OPT_LIST_("include-table", 't', &job.inc_table, "RE", "copy only tables, views and sequences matching RE"),
		SS_OPT_GROUP_("Content"),
		SS_OPT_FLAG_("no-owner", 'O', &job.no_owner, "leave out ALTER ... OWNER TO (the destination's roles may differ)"),
		SS_OPT_FLAG_("no-privileges", 'x', &job.no_privileges, "leave out GRANT and REVOKE"),
		SS_OPT_COMMON_(&common),
		SS_OPT_END_(),
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_err err = SS_ERR_INIT;
	int rc = ss_cli_parse(opts, &common, argc, argv, 0, &args, sync_usage, sync_description);

	if (rc >= 0)
		goto done;
	rc = 0;
	if (args.n)
		ss_err_set(&err, SS_ERR_USAGE, "unexpected argument '%s'", args.items[0]);
	else if (!job.from || !*job.from)
		ss_err_set(&err, SS_ERR_USAGE, "no source given: use --from URL");
	else if (!dry_run && (!to || !*to))
		ss_err_set(&err, SS_ERR_USAGE, "no destination given: use --to URL (or --dry-run)");
	else if (dry_run && to && *to)
		ss_err_set(&err, SS_ERR_USAGE, "--dry-run prints the statements: it takes no --to");
	if (err.kind || is_postgres(job.from, "--from", &err) ||
	    (to && is_postgres(to, "--to", &err)) ||
	    job_select(&job, &err)) {
		rc = ss_cli_fail(&err, sync_usage, sync_description, opts);
		goto done;
	}
	job.to = dry_run ? NULL : to;
	if (sync_pg(&job, &err))
		rc = ss_cli_fail(&err, sync_usage, sync_description, opts);
	else if (dry_run)
		rc = ss_cli_close_stdout();
done:
	job_release(&job);
	ss_strlist_release(&args);
	return rc;
}

static const char diff_description[] =
	"Print the DDL that turns the PostgreSQL schema of --from into the schema of --to:\n"
	"drops of what only --from has (dependents first), then what only --to has, and\n"
	"the changes of what both have (columns added, dropped or altered; functions and\n"
	"views replaced; indexes, constraints and triggers made again).  What DDL cannot\n"
	"express safely is written as a comment starting \"-- by hand:\".  Nothing is run.";

#ifdef HAVE_LIBPQ
/* Read the schema behind url into d; *header gets its session settings. */
static int read_schema(const char *url, const char *what, struct sync_job *j, struct ss_dump *d,
		       char **header, struct ss_err *err)
{
	struct ss_pg_dump_opts po;
	struct ss_pg_dump_stats pst;
	struct ss_conn *conn = NULL;
	char *shown;
	double t0 = ss_now_ms();
	int rc;

	if (ss_connect(url, &conn, err)) {
		ss_err_prefix(err, "%s", what);
		return -1;
	}
	dump_opts(j, url, &po);
	rc = ss_pg_dump_read(conn, d, &po, header, &pst, err) || ss_dump_order(d, err) ? -1 : 0;
	ss_conn_close(conn);
	if (rc)
		ss_err_prefix(err, "%s", what);
	shown = ss_url_redact(url);
	if (!rc)
		ss_info("%s: %u objects read from %s in %.0f ms", what, pst.nobjects, shown,
			ss_now_ms() - t0);
	free(shown);
	return rc;
}

/* The session settings of a dump's header, without its comment lines. */
static char *settings_of(const char *header)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	for (const char *p = header; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);

		if (strncmp(p, "--", 2) && n > 1)
			sqlp_buf_add(&b, p, n);
		p += n;
	}
	ss_buf_check(&b);
	return sqlp_buf_detach(&b, NULL);
}

static int diff_pg(struct sync_job *j, int *differ, struct ss_err *err)
{
	struct ss_dump from, to;
	struct ss_diff_stats st;
	char *hfrom = NULL, *hto = NULL, *settings = NULL, *head = NULL, *shown_from, *shown_to;
	int rc = -1;

	ss_dump_init(&from);
	ss_dump_init(&to);
	ss_progress_start(1);
	if (read_schema(j->from, "--from", j, &from, &hfrom, err) ||
	    read_schema(j->to, "--to", j, &to, &hto, err))
		goto out;
	ss_progress_done();
	settings = settings_of(hto);
	shown_from = ss_url_redact(j->from);
	shown_to = ss_url_redact(j->to);
	head = ss_xasprintf("--\n-- ssync diff: the DDL that turns %s into %s\n--\n\n%s",
			    shown_from, shown_to, settings);
	free(shown_from);
	free(shown_to);
	if (ss_dump_diff(&from, &to, head, stdout, &st, err))
		goto out;
	*differ = st.created || st.dropped || st.changed;
	ss_info("%u objects to create, %u to drop, %u changed", st.created, st.dropped, st.changed);
	if (st.by_hand)
		ss_warn("%u change%s left to do by hand: see the \"-- by hand:\" comments", st.by_hand,
			st.by_hand == 1 ? "" : "s");
	rc = 0;
out:
	ss_progress_done();
	ss_dump_release(&from);
	ss_dump_release(&to);
	ss_dump_set_keywords(NULL);
	free(hfrom);
	free(hto);
	free(settings);
	free(head);
	return rc;
}
#else
static int diff_pg(struct sync_job *j, int *differ, struct ss_err *err)
{
	(void)j;
	(void)differ;
	return ss_err_set(err, SS_ERR_UNSUPPORTED,
			  "this ssync was built without PostgreSQL support (--with-postgresql)");
}
#endif

int cmd_diff(int argc, char **argv)
{
	struct ss_common_opts common = { 0 };
	struct sync_job job = SYNC_JOB_INIT;
	int exit_code = 0, differ = 0;
	struct ss_option opts[] = {
		SS_OPT_FLAG_("exit-code", 0, &exit_code, "exit 1 when the schemas differ, as diff(1) does"),
		SS_OPT_STRING_("from", 0, &job.from, "URL", "the schema as it is"),
		SS_OPT_STRING_("to", 0, &job.to, "URL", "the schema as it should be"),
		SS_OPT_GROUP_("Selection (PCRE2, anchored, matched against schema.name and name), on both sides"),
		SS_OPT_LIST_("exclude-schema", 'N', &job.exc_schema, "RE", "leave out schemas matching RE"),
		SS_OPT_LIST_("exclude-table", 'T', &job.exc_table, "RE", "leave out tables, views and sequences matching RE"),
		SS_OPT_LIST_("include-schema", 'n', &job.inc_schema, "RE", "compare only schemas matching RE"),
		SS_OPT_LIST_("include-table", 't', &job.inc_table, "RE", "compare only tables, views and sequences matching RE"),
		SS_OPT_GROUP_("Content"),
		SS_OPT_FLAG_("no-owner", 'O', &job.no_owner, "leave owners out of the comparison"),
		SS_OPT_FLAG_("no-privileges", 'x', &job.no_privileges, "leave grants out of the comparison"),
		SS_OPT_COMMON_(&common),
		SS_OPT_END_(),
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_err err = SS_ERR_INIT;
	int rc = ss_cli_parse(opts, &common, argc, argv, 0, &args, diff_usage, diff_description);

	if (rc >= 0)
		goto done;
	rc = 0;
	if (args.n)
		ss_err_set(&err, SS_ERR_USAGE, "unexpected argument '%s'", args.items[0]);
	else if (!job.from || !*job.from || !job.to || !*job.to)
		ss_err_set(&err, SS_ERR_USAGE, "ssync diff compares two databases: give --from URL and --to URL");
	if (err.kind || is_postgres(job.from, "--from", &err) || is_postgres(job.to, "--to", &err) ||
	    job_select(&job, &err)) {
		rc = ss_cli_fail(&err, diff_usage, diff_description, opts);
		goto done;
	}
	if (diff_pg(&job, &differ, &err))
		rc = ss_cli_fail(&err, diff_usage, diff_description, opts);
	else if ((rc = ss_cli_close_stdout()) == 0 && exit_code && differ)
		rc = 1;
done:
	job_release(&job);
	ss_strlist_release(&args);
	return rc;
}

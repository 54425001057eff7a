/*
 * cmd_schema_sync.c - "ssync schema-sync" (src/dump/sync.c) and "ssync diff".
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
#include "dump/dump.h"
#include "dump/pg/pg_dump.h"
#include "dump/sync.h"
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
static const char diff_usage[] = "usage: ssync diff --from URL --to URL\n";

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
	struct ss_dump_select sel;
};

#ifdef HAVE_LIBPQ
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
	memset(&po, 0, sizeof(po));
	po.select = &j->sel;
	po.no_owner = j->no_owner;
	po.no_privileges = j->no_privileges;
	po.progress = 1;
	po.jobs = 2;
	po.url = j->from;
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
	struct sync_job job = { NULL, NULL, 0, 0, 0, 0,
				{ SS_PATLIST_INIT, SS_PATLIST_INIT, SS_PATLIST_INIT, SS_PATLIST_INIT } };
	const char *to = NULL;
	int dry_run = 0;
	struct ss_strlist inc_schema = SS_STRLIST_INIT, exc_schema = SS_STRLIST_INIT;
	struct ss_strlist inc_table = SS_STRLIST_INIT, exc_table = SS_STRLIST_INIT;
	struct ss_option opts[] = {
		SS_OPT_FLAG_("data-sync-complete", 0, &job.complete,
			     "run the second phase: indexes, constraints, triggers, grants, sequence values"),
		SS_OPT_FLAG_("dry-run", 'n', &dry_run, "print the statements instead of running them (no --to needed)"),
		SS_OPT_STRING_("from", 0, &job.from, "URL", "source database"),
		SS_OPT_FLAG_("ignore-errors", 0, &job.ignore_errors, "report failing objects and go on (no transaction)"),
		SS_OPT_STRING_("to", 0, &to, "URL", "destination database"),
		SS_OPT_GROUP_("Selection (PCRE2, anchored, matched against schema.name and name)"),
		SS_OPT_LIST_("exclude-schema", 'N', &exc_schema, "RE", "leave out schemas matching RE"),
		SS_OPT_LIST_("exclude-table", 'T', &exc_table, "RE", "leave out tables, views and sequences matching RE"),
		SS_OPT_LIST_("include-schema", 0, &inc_schema, "RE", "copy only schemas matching RE"),
		SS_OPT_LIST_("include-table", 't', &inc_table, "RE", "copy only tables, views and sequences matching RE"),
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
	    ss_dump_select_compile(&job.sel, &inc_schema, &exc_schema, &inc_table, &exc_table,
				   &err)) {
		rc = ss_cli_fail(&err, sync_usage, sync_description, opts);
		goto done;
	}
	job.to = dry_run ? NULL : to;
	if (sync_pg(&job, &err))
		rc = ss_cli_fail(&err, sync_usage, sync_description, opts);
	else if (dry_run)
		rc = ss_cli_close_stdout();
done:
	ss_patlist_release(&job.sel.include_schema);
	ss_patlist_release(&job.sel.exclude_schema);
	ss_patlist_release(&job.sel.include_table);
	ss_patlist_release(&job.sel.exclude_table);
	ss_strlist_release(&inc_schema);
	ss_strlist_release(&exc_schema);
	ss_strlist_release(&inc_table);
	ss_strlist_release(&exc_table);
	ss_strlist_release(&args);
	return rc;
}

int cmd_diff(int argc, char **argv)
{
	struct ss_common_opts common = { 0 };
	const char *from = NULL, *to = NULL;
	struct ss_option opts[] = {
		SS_OPT_STRING_("from", 0, &from, "URL", "schema as it is"),
		SS_OPT_STRING_("to", 0, &to, "URL", "schema as it should be"),
		SS_OPT_COMMON_(&common),
		SS_OPT_END_(),
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	int rc = ss_cli_parse(opts, &common, argc, argv, 0, &args, diff_usage,
			      "Print the DDL that would turn one schema into the other.");

	ss_strlist_release(&args);
	if (rc >= 0)
		return rc;
	return ss_cli_not_implemented("diff");
}

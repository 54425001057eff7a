/*
 * cmd_dump.c - "ssync dump": options and dispatch of the schema dumper.
 *
 * Phases: connect -> read the catalog (src/dump/pg) -> order
 * (src/dump/order.c) -> write (src/dump/write.c).  -verbose prints the
 * number of catalog queries and round trips and the time of each phase.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "drivers/driver.h"
#include "dump/dump.h"
#include "dump/pg/pg_dump.h"
#include "filter/filter.h"
#include "util/err.h"
#include "util/log.h"
#include "util/url.h"
#include "util/xmalloc.h"

static const char usage[] =
	"usage: ssync dump --database URL [-o FILE] [--section pre-data|post-data|all]\n"
	"                  [--split PRE.sql POST.sql] [--format sql|dir|tar] [patterns]\n"
	"                  [--no-owner] [--no-privileges] [--jobs 1|2]\n"
	"                  [--filter [--strip|--keep|--defer|--pre KIND]...]\n";

static const char description[] =
	"Dump a PostgreSQL schema as DDL, split into pre-data (schemas, extensions, types,\n"
	"functions, sequences, tables, primary keys, views) and post-data (unique and\n"
	"exclusion constraints, foreign keys, indexes, triggers, rules, policies, grants).\n"
	"Patterns are PCRE2 regular expressions, implicitly anchored, matched against both\n"
	"\"schema.name\" and the bare name; indexes, constraints, triggers, partitions and\n"
	"owned sequences follow their table.";

static int parse_section(const char *s, unsigned *out)
{
	if (!s || !strcmp(s, "all"))
		*out = (1u << SS_SEC_PRE) | (1u << SS_SEC_POST);
	else if (!strcmp(s, "pre-data") || !strcmp(s, "pre"))
		*out = 1u << SS_SEC_PRE;
	else if (!strcmp(s, "post-data") || !strcmp(s, "post"))
		*out = 1u << SS_SEC_POST;
	else
		return -1;
	return 0;
}

int cmd_dump(int argc, char **argv)
{
	struct ss_common_opts common = { 0 };
	const char *database = NULL, *output = NULL, *section = NULL, *split = NULL;
	const char *format = NULL;
	int no_owner = 0, no_privileges = 0, filter = 0;
	unsigned long long jobs = 2;
	struct ss_strlist inc_schema = SS_STRLIST_INIT, exc_schema = SS_STRLIST_INIT;
	struct ss_strlist inc_table = SS_STRLIST_INIT, exc_table = SS_STRLIST_INIT;
	struct ss_strlist strip = SS_STRLIST_INIT, keep = SS_STRLIST_INIT, defer = SS_STRLIST_INIT;
	struct ss_strlist pre = SS_STRLIST_INIT;
	struct ss_filter_config fcfg;
	struct ss_option opts[] = {
		SS_OPT_STRING_("database", 'd', &database, "URL", "database to dump (default $DATABASE_URL)"),
		SS_OPT_STRING_("format", 'F', &format, "sql|dir|tar", "one script (default), a directory of files with a toc, or a tar of it"),
		SS_OPT_UINT_("jobs", 'j', &jobs, "N", "connections reading the catalog, 1 or 2 (default 2, sharing one snapshot)"),
		SS_OPT_STRING_("output", 'o', &output, "FILE", "write to FILE (or DIRECTORY) instead of standard output"),
		SS_OPT_STRING_("section", 0, &section, "pre-data|post-data|all", "which part to write (default all)"),
		SS_OPT_STRING_("split", 0, &split, "PRE POST", "write pre-data to PRE and post-data to POST (two arguments)"),
		SS_OPT_GROUP_("Selection (PCRE2, anchored, matched against schema.name and name)"),
		SS_OPT_LIST_("exclude-schema", 'N', &exc_schema, "RE", "leave out schemas matching RE"),
		SS_OPT_LIST_("exclude-table", 'T', &exc_table, "RE", "leave out tables, views and sequences matching RE"),
		SS_OPT_LIST_("include-schema", 'n', &inc_schema, "RE", "dump only schemas matching RE"),
		SS_OPT_LIST_("include-table", 't', &inc_table, "RE", "dump only tables, views and sequences matching RE"),
		SS_OPT_GROUP_("Content"),
		SS_OPT_FLAG_("filter", 0, &filter, "pass the output through the ssync filter rules (see ssync filter --kinds)"),
		SS_OPT_FLAG_("no-owner", 'O', &no_owner, "leave out ALTER ... OWNER TO"),
		SS_OPT_FLAG_("no-privileges", 'x', &no_privileges, "leave out GRANT and REVOKE"),
		SS_OPT_GROUP_("With --filter (KIND[,KIND...], as ssync filter takes them)"),
		SS_OPT_LIST_("defer", 0, &defer, "KIND", "move KIND to the post-sync file (needs --split)"),
		SS_OPT_LIST_("keep", 0, &keep, "KIND", "keep KIND: pre-sync, or post-sync for kinds that belong after the data"),
		SS_OPT_LIST_("pre", 0, &pre, "KIND", "keep KIND in the pre-sync file even with --split"),
		SS_OPT_LIST_("strip", 0, &strip, "KIND", "leave KIND out"),
		SS_OPT_COMMON_(&common),
		SS_OPT_END_(),
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_dump_select sel = { SS_PATLIST_INIT, SS_PATLIST_INIT, SS_PATLIST_INIT, SS_PATLIST_INIT };
	struct ss_dump_write_opts wo;
	struct ss_pg_dump_opts po;
	struct ss_pg_dump_stats st;
	struct ss_err err = SS_ERR_INIT;
	struct ss_conn *conn = NULL;
	struct ss_dump d;
	char *header = NULL, *shown = NULL;
	double t0, t1;
	int rc = ss_cli_parse(opts, &common, argc, argv, 0, &args, usage, description);
	int status;

	ss_dump_init(&d);
	memset(&wo, 0, sizeof(wo));
	if (rc >= 0)
		goto done;
	rc = -1;
	ss_filter_config_init(&fcfg);
	if (!filter && (strip.n || keep.n || defer.n || pre.n)) {
		ss_err_set(&err, SS_ERR_USAGE, "--strip, --keep, --defer and --pre go with --filter");
		goto fail;
	}
	if (filter) {
		struct { enum ss_kind_op op; struct ss_strlist *l; } lists[] = {
			{ SS_OP_STRIP, &strip }, { SS_OP_KEEP, &keep }, { SS_OP_DEFER, &defer },
			{ SS_OP_PRE, &pre },
		};

		for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
			for (size_t k = 0; k < lists[i].l->n; k++)
				if (ss_filter_kinds_apply(&fcfg, lists[i].op, lists[i].l->items[k], &err))
					goto fail;
		if (defer.n && !split) {
			ss_err_set(&err, SS_ERR_USAGE, "--defer needs --split PRE.sql POST.sql to defer into");
			goto fail;
		}
		if ((format && strcmp(format, "sql")) || section) {
			ss_err_set(&err, SS_ERR_USAGE, "--filter writes scripts: it cannot be combined with --format or --section");
			goto fail;
		}
	}
	if (jobs < 1 || jobs > 2) {
		ss_err_set(&err, SS_ERR_USAGE, "--jobs must be 1 or 2");
		goto fail;
	}
	if (!database || !*database)
		database = getenv("DATABASE_URL");
	if (!database || !*database) {
		ss_err_set(&err, SS_ERR_USAGE, "no database given: use --database URL or set DATABASE_URL");
		goto fail;
	}
	if (parse_section(section, &wo.sections)) {
		ss_err_set(&err, SS_ERR_USAGE, "--section must be pre-data, post-data or all, not '%s'", section);
		goto fail;
	}
	if (!format || !strcmp(format, "sql") || !strcmp(format, "plain"))
		wo.format = SS_FMT_SQL;
	else if (!strcmp(format, "dir") || !strcmp(format, "directory"))
		wo.format = SS_FMT_DIR;
	else if (!strcmp(format, "tar"))
		wo.format = SS_FMT_TAR;
	else {
		ss_err_set(&err, SS_ERR_USAGE, "--format must be sql, dir or tar, not '%s'", format);
		goto fail;
	}
	if (split) {
		if (args.n != 1) {
			ss_err_set(&err, SS_ERR_USAGE, "--split takes two file names: --split PRE.sql POST.sql");
			goto fail;
		}
		if (wo.format != SS_FMT_SQL || output || section) {
			ss_err_set(&err, SS_ERR_USAGE, "--split writes two scripts: it cannot be combined with --format, -o or --section");
			goto fail;
		}
		wo.split_pre = split;
		wo.split_post = args.items[0];
	} else if (args.n) {
		ss_err_set(&err, SS_ERR_USAGE, "unexpected argument '%s'", args.items[0]);
		goto fail;
	}
	if (wo.format == SS_FMT_DIR && !output) {
		ss_err_set(&err, SS_ERR_USAGE, "--format dir needs -o DIRECTORY");
		goto fail;
	}
	if (wo.format == SS_FMT_TAR && !output && isatty(STDOUT_FILENO)) {
		ss_err_set(&err, SS_ERR_USAGE, "refusing to write a tar archive to a terminal: use -o FILE");
		goto fail;
	}
	if (ss_dump_select_compile(&sel, &inc_schema, &exc_schema, &inc_table, &exc_table, &err))
		goto fail;

	ss_progress_start(1);
	shown = ss_url_redact(database);
	t0 = ss_now_ms();
	if (ss_connect(database, &conn, &err))
		goto fail;
	ss_info("connected to %s in %.0f ms", shown, ss_now_ms() - t0);
	memset(&po, 0, sizeof(po));
	po.select = &sel;
	po.no_owner = no_owner;
	po.no_privileges = no_privileges;
	po.progress = 1;
	po.jobs = (int)jobs;
	po.url = database;
#ifdef HAVE_LIBPQ
	if (ss_pg_dump_read(conn, &d, &po, &header, &st, &err))
		goto fail;
#else
	memset(&st, 0, sizeof(st));
	ss_err_set(&err, SS_ERR_UNSUPPORTED, "this ssync was built without PostgreSQL support (--with-postgresql)");
	goto fail;
#endif
	ss_conn_close(conn);
	conn = NULL;
	ss_info("catalog: %u queries in %u round trips on %u connection%s (setup %.0f ms, "
		"inventory %.0f ms, definitions %.0f ms, build %.0f ms), %u objects",
		d.nqueries, d.nroundtrips, d.nconnections > 1 ? d.nconnections : 1,
		d.nconnections > 1 ? "s sharing one snapshot" : "", st.ms_setup, st.ms_inventory,
		st.ms_definitions, st.ms_build, st.nobjects);
	t1 = ss_now_ms();
	ss_progress("ssync dump: ordering %zu objects", d.n);
	if (ss_dump_order(&d, &err))
		goto fail;
	ss_info("order: %zu objects in %.0f ms, %u cycles broken", d.norder, ss_now_ms() - t1,
		d.nsplits);
	t1 = ss_now_ms();
	wo.header = header;
	wo.output = output;
	wo.progress = 1;
	if (filter ? ss_dump_write_filtered(&d, &wo, &fcfg, &err) : ss_dump_write(&d, &wo, &err))
		goto fail;
	ss_progress_done();
	ss_info("write: %.0f ms; total %.0f ms", ss_now_ms() - t1, ss_now_ms() - t0);
	rc = 0;
	goto done;
fail:
	ss_progress_done();
	if (conn)
		ss_conn_close(conn);
	conn = NULL;
	status = ss_cli_fail(&err, usage, description, opts);
	rc = status;
done:
	ss_dump_release(&d);
	ss_patlist_release(&sel.include_schema);
	ss_patlist_release(&sel.exclude_schema);
	ss_patlist_release(&sel.include_table);
	ss_patlist_release(&sel.exclude_table);
	ss_strlist_release(&inc_schema);
	ss_strlist_release(&exc_schema);
	ss_strlist_release(&inc_table);
	ss_strlist_release(&exc_table);
	ss_strlist_release(&strip);
	ss_strlist_release(&keep);
	ss_strlist_release(&defer);
	ss_strlist_release(&pre);
	ss_strlist_release(&args);
	ss_dump_set_keywords(NULL);
	free(header);
	free(shown);
	if (rc == 0 && !output && !wo.split_pre)
		return ss_cli_close_stdout();
	return rc;
}

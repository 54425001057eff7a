/*
 * cmd_filter.c - "ssync filter": options and dispatch of the SQL filter.
 *
 * --list shows how sqlparse reads each file: one line per item,
 * LINE:COL<TAB>CLASS<TAB>OBJECT.  Otherwise the files go through the
 * filter engine (src/filter) into a pre-sync file (-o, or standard
 * output) and, with --post-sync, a post-sync file; both appear complete
 * or not at all.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "dump/dump.h"
#include "filter/filter.h"
#include "filter/outfile.h"
#include "sqlparse.h"
#include "util/cleanup.h"
#include "util/err.h"
#include "util/log.h"
#include "util/xmalloc.h"

static const char usage[] =
	"usage: ssync filter --list [--dialect postgres|mysql|tsql|auto] [FILE...|-]\n"
	"       ssync filter [--dialect D] [-o PRE.sql] [--post-sync POST.sql] [options] [FILE...|-]\n"
	"       ssync filter --kinds\n";

/* OBJECT of a --list line: the name, and " on TABLE" when the item belongs to another one. */
static void list_object(struct sqlp_buf *line, const struct sqlp_item *it)
{
	const char *o = it->object, *t = it->table;

	if (it->cls == SQLP_C_PSQL_META || it->cls == SQLP_C_CLIENT) {
		/* the command itself, up to the first blank */
		size_t n = 0;

		while (n < it->len && it->text[n] != ' ' && it->text[n] != '\t')
			n++;
		if (it->cls == SQLP_C_CLIENT && n == 9 && !strncasecmp(it->text, "delimiter", 9)) {
			sqlp_buf_addstr(line, "DELIMITER ");
			ss_report_field(line, o);
		} else {
			sqlp_buf_add(line, it->text, n);
		}
		return;
	}
	ss_report_field(line, o);
	if (*t && strcmp(o, t)) {
		if (*o)
			sqlp_buf_addstr(line, " on ");
		ss_report_field(line, t);
	}
}

static int list_file(const char *path, enum sqlp_dialect dialect, struct ss_err *err)
{
	struct sqlp_options opts = { dialect, 0, 0 };
	struct sqlp_lexer *lx;
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	static char buf[65536];
	struct sqlp_buf line = SQLP_BUF_INIT;
	struct sqlp_item it;
	int rc = 0, r, at_eof = 0;

	if (!in)
		return ss_err_set(err, SS_ERR_IO, "cannot open '%s': %s", path, strerror(errno));
	lx = sqlp_lexer_new(&opts);
	if (!lx) {
		if (in != stdin)
			fclose(in);
		return ss_err_set(err, SS_ERR_INTERNAL, "out of memory");
	}
	while (!rc) {
		if (!at_eof) {
			size_t n = fread(buf, 1, sizeof(buf), in);

			if (n && sqlp_lexer_feed(lx, buf, n))
				break;
			if (n < sizeof(buf)) {
				if (ferror(in)) {
					rc = ss_err_set(err, SS_ERR_IO, "cannot read '%s': %s", name,
							strerror(errno));
					break;
				}
				at_eof = 1;
				sqlp_lexer_finish(lx);
			}
		}
		while ((r = sqlp_lexer_next(lx, &it)) == SQLP_ITEM) {
			if (it.flags & SQLP_F_CONT)
				continue;	/* later pieces of one COPY block */
			sqlp_buf_reset(&line);
			sqlp_buf_addf(&line, "%u:%u\t%s\t", it.line, it.col, sqlp_class_name(it.cls));
			list_object(&line, &it);
			sqlp_buf_addch(&line, '\n');
			if (sqlp_buf_failed(&line)) {
				rc = ss_err_set(err, SS_ERR_INTERNAL, "out of memory");
				break;
			}
			fwrite(line.data, 1, line.len, stdout);
		}
		if (r == SQLP_DONE)
			break;
		if (r == SQLP_ERROR)
			break;
	}
	if (!rc && sqlp_lexer_error(lx)->code != SQLP_OK) {
		const struct sqlp_error *e = sqlp_lexer_error(lx);

		rc = ss_err_set_at(err, e->code == SQLP_ERR_DIALECT ? SS_ERR_USAGE : SS_ERR_PARSE,
				   name, e->line, e->col, "%s", e->msg);
		if (e->code == SQLP_ERR_DIALECT)
			err->exit_status = 1;
	}
	if (!rc && dialect == SQLP_AUTO)
		ss_info("%s: dialect %s (%s)", name, sqlp_dialect_name(sqlp_lexer_dialect(lx)),
			sqlp_lexer_detect_reason(lx));
	sqlp_lexer_free(lx);
	sqlp_buf_release(&line);
	if (in != stdin)
		fclose(in);
	return rc;
}

/* --- filtering ------------------------------------------------------------ */

struct filter_run {
	struct ss_filter_config cfg;
	struct ss_dump_select sel;
	struct ss_strlist rule_text;	/* patterns read from --filter-file */
	struct ss_outfile pre, post, rep;
	int have_post, have_rep;
	char *spooled;			/* standard input copied for a second pass */
	int spool_cleanup;
};

static void remove_spool(void *arg)
{
	struct filter_run *r = arg;

	if (r->spooled)
		unlink(r->spooled);
}

/* Copy standard input to a temporary file, for the facts pass. */
static int spool_stdin(struct filter_run *r, struct ss_err *err)
{
	const char *td = getenv("TMPDIR");
	char buf[65536];
	size_t n;
	FILE *out;
	int fd;

	r->spooled = ss_xasprintf("%s/ssync-filter-in.XXXXXX", td && *td ? td : "/tmp");
	fd = mkstemp(r->spooled);
	if (fd < 0) {
		ss_err_set(err, SS_ERR_IO, "cannot create a temporary file: %s", strerror(errno));
		free(r->spooled);
		r->spooled = NULL;
		return -1;
	}
	r->spool_cleanup = ss_cleanup_push(remove_spool, r);
	out = fdopen(fd, "wb");
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			break;
	if (ferror(stdin) || fclose(out))
		return ss_err_set(err, SS_ERR_IO, "cannot copy standard input: %s", strerror(errno));
	return 0;
}

/* One pass over one input through the filter. */
static int filter_file(struct ss_filter *f, const char *path, const char *shown,
		       struct ss_err *err)
{
	FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	static char buf[65536];
	size_t n;
	int rc = 0;

	if (!in)
		return ss_err_set(err, SS_ERR_IO, "cannot open '%s': %s", shown, strerror(errno));
	if (ss_filter_begin_input(f, shown, err)) {
		if (in != stdin)
			fclose(in);
		return -1;
	}
	while (!rc && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		rc = ss_filter_feed(f, buf, n, err);
	if (!rc && ferror(in))
		rc = ss_err_set(err, SS_ERR_IO, "cannot read '%s': %s", shown, strerror(errno));
	if (!rc)
		rc = ss_filter_end_input(f, err);
	if (in != stdin)
		fclose(in);
	return rc;
}

/*
 * Interrupted: remove the temporary files (the cleanup handlers only close
 * and unlink), then die of the same signal.
 */
static void on_signal(int sig)
{
	ss_cleanup_run();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int run_filter(struct filter_run *r, const struct ss_strlist *inputs, const char *output,
		      const char *post, const char *report, struct ss_err *err)
{
	struct ss_filter_sink pre_sink = { ss_outfile_write, &r->pre };
	struct ss_filter_sink post_sink = { ss_outfile_write, &r->post };
	struct ss_filter_sink rep_sink = { ss_outfile_write, &r->rep };
	struct ss_filter *f = NULL;
	struct sqlp_buf hdr = SQLP_BUF_INIT, source = SQLP_BUF_INIT;
	int rc = -1;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGPIPE, on_signal);
	if (ss_outfile_open(&r->pre, output, err))
		return -1;
	if (post) {
		if (ss_outfile_open(&r->post, post, err))
			goto out;
		r->have_post = 1;
	}
	if (report) {
		if (ss_outfile_open(&r->rep, report, err))
			goto out;
		r->have_rep = 1;
		r->cfg.report = &rep_sink;
	}
	r->cfg.post_sync = post != NULL;
	f = ss_filter_new(&r->cfg, &pre_sink, post ? &post_sink : NULL);

	for (size_t i = 0; i < inputs->n; i++) {
		const char *shown = strcmp(inputs->items[i], "-") ? inputs->items[i] : "<stdin>";

		if (i)
			sqlp_buf_addstr(&source, ", ");
		sqlp_buf_addstr(&source, shown);
	}
	if (ss_filter_wants_facts(f)) {
		/* which table owns each sequence and partition: one pass ahead */
		if (ss_filter_learn_begin(f, err))
			goto out;
		for (size_t i = 0; i < inputs->n; i++) {
			const char *path = inputs->items[i];

			if (!strcmp(path, "-")) {
				if (!r->spooled && spool_stdin(r, err))
					goto out;
				path = r->spooled;
			}
			if (filter_file(f, path, strcmp(inputs->items[i], "-") ? path : "<stdin>", err))
				goto out;
		}
		if (ss_filter_learn_end(f, err))
			goto out;
	}
	for (size_t i = 0; i < inputs->n; i++) {
		const char *path = inputs->items[i], *shown = path;

		if (!strcmp(path, "-")) {
			shown = "<stdin>";
			if (r->spooled)
				path = r->spooled;
		}
		if (filter_file(f, path, shown, err))
			goto out;
		if (r->cfg.dialect == SQLP_AUTO)
			ss_info("%s: dialect %s", shown, sqlp_dialect_name(ss_filter_dialect(f)));
	}
	if (ss_filter_finish(f, err))
		goto out;
	if (r->have_rep) {
		if (ss_outfile_commit(&r->rep, "", 0, err))
			goto out;
		r->have_rep = 0;
	}
	ss_buf_check(&source);
	if (r->have_post) {
		ss_filter_header(f, SS_OUT_POST, source.data, &hdr);
		if (ss_outfile_commit(&r->post, hdr.data, hdr.len, err))
			goto out;
		r->have_post = 0;
		sqlp_buf_reset(&hdr);
	}
	ss_filter_header(f, SS_OUT_PRE, source.data, &hdr);
	if (ss_outfile_commit(&r->pre, hdr.data, hdr.len, err))
		goto out;
	{
		const struct ss_filter_stats *st = ss_filter_stats(f);

		ss_info("%lu statements, %llu bytes in; %llu bytes pre-sync, %llu bytes post-sync",
			st->items, st->bytes_in, st->bytes_out[SS_OUT_PRE], st->bytes_out[SS_OUT_POST]);
		if (st->dangling)
			ss_warn("%lu foreign key%s kept that reference%s tables left out by the selection "
				"(--report names them)", st->dangling, st->dangling == 1 ? "" : "s",
				st->dangling == 1 ? "s" : "");
		if (st->column_refs)
			ss_warn("%lu REFERENCES in MySQL column definitions left in pre-sync: MySQL up to "
				"8.4 ignores them, MariaDB 10.5+ creates the foreign key before the data; "
				"write it as FOREIGN KEY (col) REFERENCES ... to defer it",
				st->column_refs);
	}
	rc = 0;
out:
	if (rc) {
		ss_outfile_abort(&r->pre);
		if (r->have_post)
			ss_outfile_abort(&r->post);
		if (r->have_rep)
			ss_outfile_abort(&r->rep);
	}
	ss_filter_free(f);
	sqlp_buf_release(&hdr);
	sqlp_buf_release(&source);
	return rc;
}

static int apply_kind_lists(struct ss_filter_config *cfg, enum ss_kind_op op,
			    const struct ss_strlist *l, struct ss_err *err)
{
	for (size_t i = 0; i < l->n; i++)
		if (ss_filter_kinds_apply(cfg, op, l->items[i], err))
			return -1;
	return 0;
}

static char *make_description(void)
{
	struct sqlp_buf b = SQLP_BUF_INIT;
	size_t col;

	sqlp_buf_addstr(&b,
		"Split a schema script (pg_dump, mysqldump, SSMS/sqlcmd) into a pre-sync file,\n"
		"to load before a data sync, and a post-sync file to run after it.  Kept\n"
		"statements are copied byte for byte; session settings go to every file.\n"
		"By default triggers, views, materialized views, grants, default privileges,\n"
		"owners, security labels, publications, subscriptions, event triggers, rules,\n"
		"roles, FDW objects, database statements and data are stripped; with\n"
		"--post-sync, foreign keys, unique and exclusion constraints, secondary indexes,\n"
		"policies and (kept) triggers are deferred to it.  Primary keys stay in pre-sync.\n"
		"Patterns are PCRE2, implicitly anchored, matched against \"schema.name\" and\n"
		"the bare name; a table's indexes, constraints, triggers, comments, owned\n"
		"sequences, partitions and data follow it.  With --list, print how the script\n"
		"is read: one line per statement, LINE:COL<TAB>CLASS<TAB>OBJECT.\n\n"
		"KIND (see --kinds for defaults): all, data,");
	col = 40;
	for (int k = 0; k < SS_FK_COUNT; k++) {
		const char *n = ss_filter_kind_name(k);

		if (!ss_filter_kind_listed(k))
			continue;
		if (col + strlen(n) + 2 > 80) {
			sqlp_buf_addstr(&b, "\n ");
			col = 1;
		}
		sqlp_buf_addf(&b, " %s%s", n, k + 1 < SS_FK_COUNT ? "," : "");
		col += strlen(n) + 2;
	}
	ss_buf_check(&b);
	return sqlp_buf_detach(&b, NULL);
}

int cmd_filter(int argc, char **argv)
{
	struct ss_common_opts common = { 0 };
	const char *dialect_name = NULL, *output = NULL, *post = NULL, *report = NULL;
	const char *report_format = NULL;
	int list = 0, show_kinds = 0;
	struct ss_strlist strip = SS_STRLIST_INIT, keep = SS_STRLIST_INIT, defer = SS_STRLIST_INIT;
	struct ss_strlist pre = SS_STRLIST_INIT, rules = SS_STRLIST_INIT;
	struct ss_strlist inc_schema = SS_STRLIST_INIT, exc_schema = SS_STRLIST_INIT;
	struct ss_strlist inc_table = SS_STRLIST_INIT, exc_table = SS_STRLIST_INIT;
	struct ss_option opts[] = {
		SS_OPT_STRING_("dialect", 0, &dialect_name, "NAME", "postgres, mysql, tsql or auto (default auto)"),
		SS_OPT_FLAG_("kinds", 0, &show_kinds, "list the kinds with their default fate, and exit"),
		SS_OPT_FLAG_("list", 'l', &list, "print one line per statement: LINE:COL, class, object"),
		SS_OPT_STRING_("output", 'o', &output, "FILE", "write the pre-sync part to FILE (default: standard output)"),
		SS_OPT_STRING_("post-sync", 0, &post, "FILE", "write deferred statements to FILE"),
		SS_OPT_STRING_("report", 0, &report, "FILE", "list every statement with its line, class, object and fate"),
		SS_OPT_STRING_("report-format", 0, &report_format, "text|json", "format of --report (default text)"),
		SS_OPT_GROUP_("What goes where (KIND[,KIND...]; a named kind beats \"data\", which beats \"all\")"),
		SS_OPT_LIST_("defer", 0, &defer, "KIND", "move KIND to the post-sync file (needs --post-sync)"),
		SS_OPT_LIST_("keep", 0, &keep, "KIND", "keep KIND: pre-sync, or post-sync for kinds that belong after the data"),
		SS_OPT_LIST_("pre", 0, &pre, "KIND", "keep KIND in the pre-sync file even with --post-sync"),
		SS_OPT_LIST_("strip", 0, &strip, "KIND", "leave KIND out"),
		SS_OPT_GROUP_("Selection (PCRE2, anchored, matched against schema.name and name)"),
		SS_OPT_LIST_("exclude-schema", 'N', &exc_schema, "RE", "leave out schemas matching RE"),
		SS_OPT_LIST_("exclude-table", 'T', &exc_table, "RE", "leave out tables, views and sequences matching RE"),
		SS_OPT_LIST_("filter-file", 0, &rules, "FILE", "read \"include|exclude schema|table PATTERN\" lines"),
		SS_OPT_LIST_("include-schema", 'n', &inc_schema, "RE", "keep only schemas matching RE"),
		SS_OPT_LIST_("include-table", 't', &inc_table, "RE", "keep only tables, views and sequences matching RE"),
		SS_OPT_COMMON_(&common),
		SS_OPT_END_(),
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_err err = SS_ERR_INIT;
	enum sqlp_dialect dialect = SQLP_AUTO;
	char *description = make_description();
	struct filter_run *r = NULL;
	int rc = ss_cli_parse(opts, &common, argc, argv, 0, &args, usage, description);
	size_t i;

	if (rc >= 0)
		goto done;
	rc = 0;
	if (dialect_name && sqlp_dialect_parse(dialect_name, &dialect)) {
		ss_err_set(&err, SS_ERR_USAGE,
			   "unknown dialect '%s' (use postgres, mysql, tsql or auto)", dialect_name);
		rc = ss_cli_fail(&err, usage, description, opts);
		goto done;
	}
	if (show_kinds) {
		ss_filter_kinds_help(stdout);
		rc = ss_cli_close_stdout();
		goto done;
	}
	if (args.n == 0)
		ss_strlist_push(&args, "-");
	if (list) {
		for (i = 0; i < args.n && !ss_err_isset(&err); i++)
			list_file(args.items[i], dialect, &err);
		if (ss_err_isset(&err)) {
			fflush(stdout);
			rc = ss_cli_fail(&err, NULL, NULL, NULL);
		} else {
			rc = ss_cli_close_stdout();
		}
		goto done;
	}

	r = ss_xcalloc(1, sizeof(*r));
	ss_filter_config_init(&r->cfg);
	r->cfg.dialect = dialect;
	r->cfg.post_sync = post != NULL;
	if (report_format && strcmp(report_format, "text") && strcmp(report_format, "json")) {
		ss_err_set(&err, SS_ERR_USAGE, "unknown report format '%s' (use text or json)",
			   report_format);
	} else if (report_format && !report) {
		ss_err_set(&err, SS_ERR_USAGE, "--report-format needs --report FILE");
	} else if (defer.n && !post) {
		ss_err_set(&err, SS_ERR_USAGE, "--defer needs --post-sync FILE to defer into");
	} else if (post && output && !strcmp(post, output) && strcmp(post, "-")) {
		ss_err_set(&err, SS_ERR_USAGE, "-o and --post-sync name the same file '%s'", post);
	} else if (post && !strcmp(post, "-")) {
		ss_err_set(&err, SS_ERR_USAGE, "--post-sync needs a file name (standard output is "
			   "for the pre-sync part)");
	} else if (report && !strcmp(report, "-") && (!output || !strcmp(output, "-"))) {
		ss_err_set(&err, SS_ERR_USAGE, "--report - needs -o FILE (standard output holds the "
			   "pre-sync part)");
	}
	r->cfg.report_json = report_format && !strcmp(report_format, "json");
	if (!ss_err_isset(&err))
		(void)(apply_kind_lists(&r->cfg, SS_OP_STRIP, &strip, &err) ||
			apply_kind_lists(&r->cfg, SS_OP_KEEP, &keep, &err) ||
			apply_kind_lists(&r->cfg, SS_OP_DEFER, &defer, &err) ||
			apply_kind_lists(&r->cfg, SS_OP_PRE, &pre, &err) ||
			ss_dump_select_compile(&r->sel, &inc_schema, &exc_schema, &inc_table,
					       &exc_table, &err));
	for (i = 0; i < rules.n && !ss_err_isset(&err); i++)
		ss_filter_read_rules(rules.items[i], &r->sel, &r->rule_text, &err);
	if (ss_err_isset(&err)) {
		rc = ss_cli_fail(&err, err.kind == SS_ERR_USAGE && !err.file ? usage : NULL,
				 description, opts);
		goto done;
	}
	if (!ss_dump_select_all(&r->sel))
		r->cfg.select = &r->sel;
	if (run_filter(r, &args, output, post, report, &err))
		rc = ss_cli_fail(&err, NULL, NULL, NULL);
	else
		rc = ss_cli_close_stdout();
done:
	if (r) {
		if (r->spooled) {
			ss_cleanup_pop(r->spool_cleanup);
			free(r->spooled);
		}
		ss_patlist_release(&r->sel.include_schema);
		ss_patlist_release(&r->sel.exclude_schema);
		ss_patlist_release(&r->sel.include_table);
		ss_patlist_release(&r->sel.exclude_table);
		ss_strlist_release(&r->rule_text);
		free(r);
	}
	ss_strlist_release(&strip);
	ss_strlist_release(&keep);
	ss_strlist_release(&defer);
	ss_strlist_release(&pre);
	ss_strlist_release(&rules);
	ss_strlist_release(&inc_schema);
	ss_strlist_release(&exc_schema);
	ss_strlist_release(&inc_table);
	ss_strlist_release(&exc_table);
	ss_strlist_release(&args);
	free(description);
	return rc;
}

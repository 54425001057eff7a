/*
 * cmd_filter.c - "ssync filter": options and dispatch of the SQL filter.
 *
 * --list shows how sqlparse reads each file: one line per item,
 * LINE:COL<TAB>CLASS<TAB>OBJECT.  Writing pre-sync and post-sync files is
 * not built yet and says so.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/log.h"

static const char usage[] =
	"usage: ssync filter --list [--dialect postgres|mysql|tsql|auto] [FILE...|-]\n"
	"       ssync filter [--dialect D] [-o PRE.sql] [--post-sync POST.sql] [FILE...|-]\n";

/* Print OBJECT: the name, and " on TABLE" when the item belongs to another one. */
static void print_object(FILE *out, const struct sqlp_item *it)
{
	const char *o = it->object, *t = it->table;

	if (it->cls == SQLP_C_PSQL_META || it->cls == SQLP_C_CLIENT) {
		/* the command itself, up to the first blank */
		size_t n = 0;

		while (n < it->len && it->text[n] != ' ' && it->text[n] != '\t')
			n++;
		if (it->cls == SQLP_C_CLIENT && n == 9 && !strncasecmp(it->text, "delimiter", 9))
			fprintf(out, "DELIMITER %s", o);
		else
			fwrite(it->text, 1, n, out);
		return;
	}
	fputs(o, out);
	if (*t && strcmp(o, t)) {
		if (*o)
			fputs(" on ", out);
		fputs(t, out);
	}
}

static int list_file(const char *path, enum sqlp_dialect dialect, struct ss_err *err)
{
	struct sqlp_options opts = { dialect, 0, 0 };
	struct sqlp_lexer *lx;
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	static char buf[65536];
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
			printf("%u:%u\t%s\t", it.line, it.col, sqlp_class_name(it.cls));
			print_object(stdout, &it);
			putchar('\n');
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
	if (in != stdin)
		fclose(in);
	return rc;
}

int cmd_filter(int argc, char **argv)
{
	static const char description[] =
		"Split a schema script into a pre-sync file and a post-sync file.\n"
		"With --list, print how the script is read: one line per statement,\n"
		"LINE:COL<TAB>CLASS<TAB>OBJECT.";
	struct ss_common_opts common = { 0 };
	const char *dialect_name = NULL, *output = NULL, *post = NULL;
	int list = 0;
	struct ss_option opts[] = {
		SS_OPT_STRING_("dialect", 0, &dialect_name, "NAME", "postgres, mysql, tsql or auto (default auto)"),
		SS_OPT_FLAG_("list", 'l', &list, "print one line per statement: LINE:COL, class, object"),
		SS_OPT_STRING_("output", 'o', &output, "FILE", "write the pre-sync part to FILE"),
		SS_OPT_STRING_("post-sync", 0, &post, "FILE", "write deferred statements to FILE"),
		SS_OPT_COMMON_(&common),
		SS_OPT_END_(),
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	struct ss_err err = SS_ERR_INIT;
	enum sqlp_dialect dialect = SQLP_AUTO;
	int rc = ss_cli_parse(opts, &common, argc, argv, 0, &args, usage, description);
	size_t i;

	if (rc >= 0) {
		ss_strlist_release(&args);
		return rc;
	}
	if (dialect_name && sqlp_dialect_parse(dialect_name, &dialect)) {
		ss_err_set(&err, SS_ERR_USAGE,
			   "unknown dialect '%s' (use postgres, mysql, tsql or auto)", dialect_name);
		ss_strlist_release(&args);
		return ss_cli_fail(&err, usage, description, opts);
	}
	if (!list) {
		ss_strlist_release(&args);
		return ss_cli_not_implemented("filter without --list");
	}
	if (args.n == 0)
		ss_strlist_push(&args, "-");
	for (i = 0; i < args.n && !ss_err_isset(&err); i++)
		list_file(args.items[i], dialect, &err);
	ss_strlist_release(&args);
	if (ss_err_isset(&err)) {
		fflush(stdout);
		return ss_cli_fail(&err, NULL, NULL, NULL);
	}
	return ss_cli_close_stdout();
}

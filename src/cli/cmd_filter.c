/*
 * cmd_filter.c - "ssync filter": options and dispatch of the SQL filter.
 */
#include "config.h"

#include "cli/cli.h"

static const char usage[] =
	"usage: ssync filter [--dialect postgres|mysql|tsql|auto] [-o PRE.sql] [--post-sync POST.sql]\n"
	"                    [--list] [options] [FILE...|-]\n";

int cmd_filter(int argc, char **argv)
{
	struct ss_common_opts common = { 0 };
	const char *dialect = NULL, *output = NULL, *post = NULL;
	int list = 0;
	struct ss_option opts[] = {
		SS_OPT_STRING_("dialect", 0, &dialect, "NAME", "postgres, mysql, tsql or auto (default auto)"),
		SS_OPT_FLAG_("list", 'l', &list, "print one line per statement: LINE:COL, class, object"),
		SS_OPT_STRING_("output", 'o', &output, "FILE", "write the pre-sync part to FILE"),
		SS_OPT_STRING_("post-sync", 0, &post, "FILE", "write deferred statements to FILE"),
		SS_OPT_COMMON_(&common),
		SS_OPT_END_(),
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	int rc = ss_cli_parse(opts, &common, argc, argv, 0, &args, usage,
			      "Split a schema script into a pre-sync file and a post-sync file.");

	ss_strlist_release(&args);
	if (rc >= 0)
		return rc;
	return ss_cli_not_implemented("filter");
}

/*
 * cmd_dump.c - "ssync dump": options and dispatch of the schema dumper.
 */
#include "config.h"

#include "cli/cli.h"

static const char usage[] =
	"usage: ssync dump --database URL [-o FILE] [--section pre-data|post-data|all]\n"
	"                  [--split PRE.sql POST.sql] [--format sql|dir|tar] [patterns] [--filter]\n";

int cmd_dump(int argc, char **argv)
{
	struct ss_common_opts common = { 0 };
	const char *database = NULL, *output = NULL;
	struct ss_option opts[] = {
		SS_OPT_STRING_("database", 'd', &database, "URL", "database to dump (default $DATABASE_URL)"),
		SS_OPT_STRING_("output", 'o', &output, "FILE", "write to FILE instead of standard output"),
		SS_OPT_COMMON_(&common),
		SS_OPT_END_(),
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	int rc = ss_cli_parse(opts, &common, argc, argv, 0, &args, usage,
			      "Dump a database schema as DDL, split into pre-data and post-data.");

	ss_strlist_release(&args);
	if (rc >= 0)
		return rc;
	return ss_cli_not_implemented("dump");
}

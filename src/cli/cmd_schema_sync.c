/*
 * cmd_schema_sync.c - "ssync schema-sync" and "ssync diff".
 */
#include "config.h"

#include "cli/cli.h"

static const char sync_usage[] =
	"usage: ssync schema-sync --from URL --to URL [--dry-run] [--ignore-errors]\n"
	"                         [--data-sync-complete]\n";
static const char diff_usage[] = "usage: ssync diff --from URL --to URL\n";

int cmd_schema_sync(int argc, char **argv)
{
	struct ss_common_opts common = { 0 };
	const char *from = NULL, *to = NULL;
	int dry_run = 0, ignore_errors = 0, complete = 0;
	struct ss_option opts[] = {
		SS_OPT_FLAG_("data-sync-complete", 0, &complete,
			     "run the second phase (indexes, constraints, sequences)"),
		SS_OPT_FLAG_("dry-run", 'n', &dry_run, "print the statements instead of running them"),
		SS_OPT_STRING_("from", 0, &from, "URL", "source database"),
		SS_OPT_FLAG_("ignore-errors", 0, &ignore_errors, "report failing statements and go on"),
		SS_OPT_STRING_("to", 0, &to, "URL", "destination database"),
		SS_OPT_COMMON_(&common),
		SS_OPT_END_(),
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	int rc = ss_cli_parse(opts, &common, argc, argv, 0, &args, sync_usage,
			      "Copy a schema from one database to another in two phases around a data sync.");

	ss_strlist_release(&args);
	if (rc >= 0)
		return rc;
	return ss_cli_not_implemented("schema-sync");
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

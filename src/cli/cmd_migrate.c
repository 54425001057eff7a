/*
 * cmd_migrate.c - "ssync migrate": golang-migrate compatible CLI.
 */
#include "config.h"

#include "cli/cli.h"

static const char usage[] =
	"usage: ssync migrate [--path DIR | --source URL] --database URL [options] COMMAND [ARGS]\n";

int cmd_migrate(int argc, char **argv)
{
	struct ss_common_opts common = { 0 };
	const char *path = NULL, *source = NULL, *database = NULL;
	unsigned long long lock_timeout = 15, prefetch = 10;
	struct ss_option opts[] = {
		SS_OPT_STRING_("database", 0, &database, "URL", "database to migrate (default $DATABASE_URL)"),
		SS_OPT_UINT_("lock-timeout", 0, &lock_timeout, "SECS", "seconds to wait for the migration lock (default 15)"),
		SS_OPT_STRING_("path", 0, &path, "DIR", "directory of migration files (same as --source file://DIR)"),
		SS_OPT_UINT_("prefetch", 0, &prefetch, "N", "migrations to read ahead (default 10)"),
		SS_OPT_STRING_("source", 0, &source, "URL", "migration source: file://DIR or archive://FILE"),
		SS_OPT_COMMON_(&common),
		SS_OPT_END_(),
	};
	struct ss_strlist args = SS_STRLIST_INIT;
	int rc = ss_cli_parse(opts, &common, argc, argv, SS_OPTS_STOP_AT_POSITIONAL, &args, usage,
			      "Apply migrations as the golang-migrate CLI does, sharing its tracking table and lock.");

	ss_strlist_release(&args);
	if (rc >= 0)
		return rc;
	return ss_cli_not_implemented("migrate");
}

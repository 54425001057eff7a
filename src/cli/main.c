/*
 * main.c - ssync's entry point: the command table and dispatch.
 *
 * Invoked under the name "migrate" (a symlink made by
 * --enable-migrate-symlink) ssync behaves as "ssync migrate", so it can
 * replace the golang-migrate CLI in existing scripts.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "drivers/driver.h"
#include "util/cleanup.h"
#include "util/err.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "migrate", cmd_migrate, "apply golang-migrate style migrations (up, down, goto, force, ...)" },
	{ "dump", cmd_dump, "dump a database schema as pre-data and post-data DDL" },
	{ "filter", cmd_filter, "split a schema script into a pre-sync and a post-sync file" },
	{ "schema-sync", cmd_schema_sync, "copy a schema to another database around a data sync" },
	{ "diff", cmd_diff, "print the DDL that turns one schema into another" },
	{ "version", cmd_version, "print the version and the engines built in" },
	{ "help", cmd_help, "show help for a command" },
};

static const char main_usage[] =
	"usage: ssync <command> [options] [args]\n"
	"       ssync --help | --version\n";

static void print_main_usage(FILE *f)
{
	fputs(main_usage, f);
	fputs("\nCommands:\n", f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-13s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'ssync <command> --help' for a command's options, "
	      "'ssync help <command>' for its manual.\n", f);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int cmd_version(int argc, char **argv)
{
	struct ss_common_opts common = { 0 };
	struct ss_option opts[] = { SS_OPT_COMMON_(&common), SS_OPT_END_() };
	struct ss_strlist args = SS_STRLIST_INIT;
	int rc = ss_cli_parse(opts, &common, argc, argv, 0, &args,
			      "usage: ssync version\n", "Print the version and the engines built in.");

	if (rc >= 0) {
		ss_strlist_release(&args);
		return rc;
	}
	if (args.n) {
		struct ss_err err = SS_ERR_INIT;

		ss_err_set(&err, SS_ERR_USAGE, "unexpected argument '%s'", args.items[0]);
		ss_strlist_release(&args);
		return ss_cli_fail(&err, "usage: ssync version\n", NULL, opts);
	}
	ss_strlist_release(&args);
	printf("ssync %s\nengines:%s\n", PACKAGE_VERSION,
	       *ss_drivers_built() ? ss_drivers_built() : " none");
	return ss_cli_close_stdout();
}

int cmd_help(int argc, char **argv)
{
	const struct command *cmd;
	char page[64];
	char *man_argv[3];

	if (argc < 2) {
		print_main_usage(stdout);
		return ss_cli_close_stdout();
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "ssync: unknown command '%s'\n\n", argv[1]);
		print_main_usage(stderr);
		return 2;
	}
	snprintf(page, sizeof(page), "ssync-%s", cmd->name);
	if (!strcmp(cmd->name, "help") || !strcmp(cmd->name, "version"))
		snprintf(page, sizeof(page), "ssync");
	/* Prefer the manual; fall back to --help when man is missing. */
	if (isatty(STDOUT_FILENO)) {
		fflush(stdout);
		man_argv[0] = "man";
		man_argv[1] = page;
		man_argv[2] = NULL;
		execvp("man", man_argv);
	}
	{
		char *sub_argv[3] = { (char *)cmd->name, "--help", NULL };

		return cmd->fn(2, sub_argv);
	}
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	const struct command *cmd;
	int status;

	base = base ? base + 1 : argv[0];
	if (!strcmp(base, "migrate")) {
		ss_progname = "migrate";
		status = cmd_migrate(argc, argv);
		goto out;
	}
	if (argc < 2) {
		print_main_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "-help")) {
		print_main_usage(stdout);
		return ss_cli_close_stdout();
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-version"))
		return cmd_version(1, argv);
	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "ssync: unknown %s '%s'\n\n",
			argv[1][0] == '-' ? "option" : "command", argv[1]);
		print_main_usage(stderr);
		return 2;
	}
	status = cmd->fn(argc - 1, argv + 1);
out:
	ss_cleanup_run();
	return status;
}

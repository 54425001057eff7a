/*
 * cli.h - what the command files share: the command entry points, and
 * the only functions in src/ that print errors and choose exit statuses.
 */
#ifndef SS_CLI_H
#define SS_CLI_H

#include "cli/opts.h"

struct ss_err;

/* Each command: argv[0] is the command name; returns the exit status. */
int cmd_migrate(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_filter(int argc, char **argv);
int cmd_schema_sync(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* The name the user typed, for messages ("ssync" or "migrate"). */
extern const char *ss_progname;

/*
 * Report err and return its exit status.  Usage errors print the one-line
 * message followed by the command's usage (when given) and return 2.
 */
int ss_cli_fail(struct ss_err *err, const char *usage, const char *description,
		const struct ss_option *opts);

/*
 * The common start of every command: parse argv with opts, apply the
 * common options, and handle --help.  Returns -1 to go on, or the exit
 * status to return now (0 after --help, 2 after a usage error).
 */
int ss_cli_parse(struct ss_option *opts, struct ss_common_opts *common, int argc,
		 char **argv, unsigned flags, struct ss_strlist *positional,
		 const char *usage, const char *description);

/*
 * Flush and close stdout; a failure (full disk, closed pipe) is an error,
 * so a truncated dump never exits 0.  Returns 0 or 1.
 */
int ss_cli_close_stdout(void);

#endif /* SS_CLI_H */

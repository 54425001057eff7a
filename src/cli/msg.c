/*
 * msg.c - error reporting and the shared start of every command.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/err.h"
#include "util/log.h"

const char *ss_progname = "ssync";

int ss_cli_fail(struct ss_err *err, const char *usage, const char *description,
		const struct ss_option *opts)
{
	int status = ss_err_exit_status(err);

	ss_log_err(err);
	if (err->kind == SS_ERR_USAGE && usage && ss_log_format() == SS_LOG_TEXT) {
		fputc('\n', stderr);
		if (opts)
			ss_opts_usage(stderr, usage, description, opts);
		else
			fputs(usage, stderr);
	}
	ss_err_release(err);
	return status;
}

int ss_cli_parse(struct ss_option *opts, struct ss_common_opts *common, int argc,
		 char **argv, unsigned flags, struct ss_strlist *positional,
		 const char *usage, const char *description)
{
	struct ss_err err = SS_ERR_INIT;

	if (ss_opts_parse(opts, argc, argv, 1, flags, positional, &err) ||
	    ss_common_apply(common, &err))
		return ss_cli_fail(&err, usage, description, opts);
	if (common->help) {
		ss_opts_usage(stdout, usage, description, opts);
		return ss_cli_close_stdout();
	}
	return -1;
}

int ss_cli_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ssync: cannot write to standard output: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

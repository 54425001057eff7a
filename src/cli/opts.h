/*
 * opts.h - the one option parser of every ssync command.
 *
 * A command declares a table of struct ss_option (sorted by long name
 * within each group, ended by SS_OPT_END_()) that both parses argv and
 * prints --help.  Accepted spellings of a long option "name":
 *     --name value   --name=value   -name value   -name=value
 * (the single-dash forms are golang-migrate's).  A one-letter short name
 * is also accepted as "-x value".  Flags take no separate value but accept
 * Go's bool words inline (-verbose=false).  "--" ends the options; a
 * lone "-" and negative numbers such as "-1" are positional arguments
 * unless an option of that name exists.
 */
#ifndef SS_OPTS_H
#define SS_OPTS_H

#include <stdio.h>

#include "util/xmalloc.h"

struct ss_err;

enum ss_opt_kind {
	SS_OPT_END = 0,
	SS_OPT_GROUP,		/* a heading in --help; no value */
	SS_OPT_FLAG,		/* int *: 1 when given (or per its bool word) */
	SS_OPT_STRING,		/* const char **: borrowed from argv */
	SS_OPT_UINT,		/* unsigned long long *: Go integer syntax */
	SS_OPT_INT,		/* long long *: Go integer syntax, may be negative */
	SS_OPT_LIST,		/* struct ss_strlist *: each use appends */
};

struct ss_option {
	enum ss_opt_kind kind;
	const char *long_name;	/* without dashes; NULL for a group */
	int short_name;		/* a letter, or 0 */
	void *value;		/* where the value goes, typed by kind */
	const char *argname;	/* placeholder shown in --help ("URL") */
	const char *help;	/* one line */
	int seen;		/* how many times it was given (set by the parser) */
};

#define SS_OPT_GROUP_(title) { SS_OPT_GROUP, NULL, 0, NULL, NULL, (title), 0 }
#define SS_OPT_FLAG_(l, s, v, h) { SS_OPT_FLAG, (l), (s), (v), NULL, (h), 0 }
#define SS_OPT_STRING_(l, s, v, a, h) { SS_OPT_STRING, (l), (s), (v), (a), (h), 0 }
#define SS_OPT_UINT_(l, s, v, a, h) { SS_OPT_UINT, (l), (s), (v), (a), (h), 0 }
#define SS_OPT_INT_(l, s, v, a, h) { SS_OPT_INT, (l), (s), (v), (a), (h), 0 }
#define SS_OPT_LIST_(l, s, v, a, h) { SS_OPT_LIST, (l), (s), (v), (a), (h), 0 }
#define SS_OPT_END_() { SS_OPT_END, NULL, 0, NULL, NULL, NULL, 0 }

/* Options every command has; fill with SS_OPT_COMMON_(&common). */
struct ss_common_opts {
	int help;
	int verbose;
	const char *log_format;
};
#define SS_OPT_COMMON_(c) \
	SS_OPT_GROUP_("Common options"), \
	SS_OPT_FLAG_("help", 'h', &(c)->help, "show this help and exit"), \
	SS_OPT_STRING_("log-format", 0, &(c)->log_format, "text|json", \
		       "format of messages on stderr (default text)"), \
	SS_OPT_FLAG_("verbose", 'v', &(c)->verbose, "print progress and timings on stderr")

enum {
	/* Stop at the first positional argument, as Go's flag package does. */
	SS_OPTS_STOP_AT_POSITIONAL = 1,
};

/*
 * Parse argv[first..argc-1] against opts; positional arguments are
 * appended (copied) to positional.  Returns 0, or -1 with a usage error
 * naming the offending argument.
 */
int ss_opts_parse(struct ss_option *opts, int argc, char **argv, int first,
		  unsigned flags, struct ss_strlist *positional, struct ss_err *err);

/* Find an option by long name (for "was it given" checks); NULL if none. */
struct ss_option *ss_opts_find(struct ss_option *opts, const char *long_name);

/* Print "usage: ..." lines, description and the option table. */
void ss_opts_usage(FILE *f, const char *usage, const char *description,
		   const struct ss_option *opts);

/* Go's strconv.ParseBool words; -1 if s is none of them. */
int ss_parse_go_bool(const char *s);
/* Go integer syntax (base prefixes 0x, 0o, 0b, leading 0 = octal, _ separators). */
int ss_parse_go_uint(const char *s, unsigned long long *out);
int ss_parse_go_int(const char *s, long long *out);

/* Apply --verbose/--log-format; -1 with a usage error on a bad format. */
int ss_common_apply(const struct ss_common_opts *c, struct ss_err *err);

#endif /* SS_OPTS_H */

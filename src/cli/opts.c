/*
 * opts.c - declarative option parsing and --help output; see opts.h.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli/opts.h"
#include "util/err.h"
#include "util/log.h"

int ss_parse_go_bool(const char *s)
{
	static const char *const yes[] = { "1", "t", "T", "TRUE", "true", "True", NULL };
	static const char *const no[] = { "0", "f", "F", "FALSE", "false", "False", NULL };

	for (int i = 0; yes[i]; i++)
		if (!strcmp(s, yes[i]))
			return 1;
	for (int i = 0; no[i]; i++)
		if (!strcmp(s, no[i]))
			return 0;
	return -1;
}

int ss_parse_go_uint(const char *s, unsigned long long *out)
{
	unsigned long long v = 0;
	unsigned base = 10;
	const char *p = s;
	int digits = 0;

	if (*p == '+')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O')) {
		base = 8;
		p += 2;
	} else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) {
		base = 2;
		p += 2;
	} else if (p[0] == '0' && p[1]) {
		base = 8;
		p++;
	}
	for (; *p; p++) {
		unsigned d;

		if (*p == '_' && base != 10)
			continue;
		if (isdigit((unsigned char)*p))
			d = (unsigned)(*p - '0');
		else if (isxdigit((unsigned char)*p))
			d = (unsigned)(tolower((unsigned char)*p) - 'a' + 10);
		else
			return -1;
		if (d >= base)
			return -1;
		if (v > (ULLONG_MAX - d) / base)
			return -1;
		v = v * base + d;
		digits++;
	}
	if (!digits && !(base == 8 && s[0] == '0'))
		return -1;
	*out = v;
	return 0;
}

int ss_parse_go_int(const char *s, long long *out)
{
	unsigned long long v;
	int neg = s[0] == '-';

	if (ss_parse_go_uint(neg ? s + 1 : s, &v))
		return -1;
	if (neg ? v > (unsigned long long)LLONG_MAX + 1 : v > (unsigned long long)LLONG_MAX)
		return -1;
	*out = neg ? (long long)(0 - v) : (long long)v;
	return 0;
}

struct ss_option *ss_opts_find(struct ss_option *opts, const char *long_name)
{
	for (; opts->kind != SS_OPT_END; opts++)
		if (opts->long_name && !strcmp(opts->long_name, long_name))
			return opts;
	return NULL;
}

static struct ss_option *find_short(struct ss_option *opts, int c)
{
	for (; opts->kind != SS_OPT_END; opts++)
		if (opts->short_name && opts->short_name == c)
			return opts;
	return NULL;
}

static int is_negative_number(const char *s)
{
	if (s[0] != '-' || !s[1])
		return 0;
	for (s++; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int store_value(struct ss_option *o, const char *shown, const char *val,
		       struct ss_err *err)
{
	switch (o->kind) {
	case SS_OPT_STRING:
		*(const char **)o->value = val;
		return 0;
	case SS_OPT_LIST:
		ss_strlist_push(o->value, val);
		return 0;
	case SS_OPT_UINT:
		if (ss_parse_go_uint(val, o->value))
			return ss_err_set(err, SS_ERR_USAGE,
					  "invalid value '%s' for option '%s': not an unsigned integer",
					  val, shown);
		return 0;
	case SS_OPT_INT:
		if (ss_parse_go_int(val, o->value))
			return ss_err_set(err, SS_ERR_USAGE,
					  "invalid value '%s' for option '%s': not an integer",
					  val, shown);
		return 0;
	default:
		return ss_err_set(err, SS_ERR_INTERNAL, "option '%s' has no value kind", shown);
	}
}

int ss_opts_parse(struct ss_option *opts, int argc, char **argv, int first,
		  unsigned flags, struct ss_strlist *positional, struct ss_err *err)
{
	int only_positional = 0;

	for (int i = first; i < argc; i++) {
		const char *arg = argv[i], *name, *eq;
		char namebuf[128];
		struct ss_option *o = NULL;
		size_t nlen;

		if (only_positional || arg[0] != '-' || !arg[1]) {
			ss_strlist_push(positional, arg);
			if (flags & SS_OPTS_STOP_AT_POSITIONAL)
				only_positional = 1;
			continue;
		}
		if (!strcmp(arg, "--")) {
			only_positional = 1;
			continue;
		}
		name = arg + (arg[1] == '-' ? 2 : 1);
		eq = strchr(name, '=');
		nlen = eq ? (size_t)(eq - name) : strlen(name);
		if (nlen == 0 || nlen >= sizeof(namebuf) || name[0] == '-')
			return ss_err_set(err, SS_ERR_USAGE, "unknown option '%s'", arg);
		memcpy(namebuf, name, nlen);
		namebuf[nlen] = '\0';
		if (nlen == 1 && arg[1] != '-')
			o = find_short(opts, (unsigned char)namebuf[0]);
		if (!o)
			o = ss_opts_find(opts, namebuf);
		if (!o || o->kind == SS_OPT_GROUP) {
			if (is_negative_number(arg)) {
				ss_strlist_push(positional, arg);
				if (flags & SS_OPTS_STOP_AT_POSITIONAL)
					only_positional = 1;
				continue;
			}
			return ss_err_set(err, SS_ERR_USAGE, "unknown option '%.*s'",
					  (int)(eq ? (size_t)(eq - arg) : strlen(arg)), arg);
		}
		o->seen++;
		if (o->kind == SS_OPT_FLAG) {
			int v = 1;

			if (eq && (v = ss_parse_go_bool(eq + 1)) < 0)
				return ss_err_set(err, SS_ERR_USAGE,
						  "invalid boolean value '%s' for option '--%s'",
						  eq + 1, o->long_name);
			*(int *)o->value = v;
			continue;
		}
		if (eq) {
			if (store_value(o, arg, eq + 1, err))
				return -1;
			continue;
		}
		if (i + 1 >= argc)
			return ss_err_set(err, SS_ERR_USAGE, "option '%s' needs a value (%s)",
					  arg, o->argname ? o->argname : "VALUE");
		if (store_value(o, arg, argv[++i], err))
			return -1;
	}
	return 0;
}

void ss_opts_usage(FILE *f, const char *usage, const char *description,
		   const struct ss_option *opts)
{
	fputs(usage, f);
	if (description)
		fprintf(f, "\n%s\n", description);
	for (; opts->kind != SS_OPT_END; opts++) {
		char left[96];
		int n;

		if (opts->kind == SS_OPT_GROUP) {
			fprintf(f, "\n%s:\n", opts->help);
			continue;
		}
		if (!opts->help)
			continue;	/* hidden */
		if (opts->short_name)
			n = snprintf(left, sizeof(left), "  -%c, --%s", opts->short_name,
				     opts->long_name);
		else
			n = snprintf(left, sizeof(left), "      --%s", opts->long_name);
		if (opts->kind != SS_OPT_FLAG && n > 0 && (size_t)n < sizeof(left))
			snprintf(left + n, sizeof(left) - (size_t)n, " %s",
				 opts->argname ? opts->argname : "VALUE");
		if (strlen(left) < 30)
			fprintf(f, "%-30s %s\n", left, opts->help);
		else
			fprintf(f, "%s\n%-30s %s\n", left, "", opts->help);
	}
}

int ss_common_apply(const struct ss_common_opts *c, struct ss_err *err)
{
	enum ss_log_format fmt = SS_LOG_TEXT;

	if (c->log_format && ss_log_parse_format(c->log_format, &fmt))
		return ss_err_set(err, SS_ERR_USAGE,
				  "invalid value '%s' for option '--log-format': expected text or json",
				  c->log_format);
	ss_log_setup(c->verbose, fmt);
	return 0;
}

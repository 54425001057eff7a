/*
 * err.c - struct ss_err; see err.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/xmalloc.h"

static const char *const kind_names[] = {
	[SS_ERR_NONE] = "none",
	[SS_ERR_USAGE] = "usage",
	[SS_ERR_IO] = "io",
	[SS_ERR_PARSE] = "parse",
	[SS_ERR_CONNECT] = "connect",
	[SS_ERR_SQL] = "sql",
	[SS_ERR_LOCK] = "lock",
	[SS_ERR_DIRTY] = "dirty",
	[SS_ERR_UNSUPPORTED] = "unsupported",
	[SS_ERR_INTERNAL] = "internal",
};
_Static_assert(sizeof(kind_names) / sizeof(kind_names[0]) == SS_ERR_KIND_COUNT,
	       "kind_names must name every ss_err_kind");

void ss_err_init(struct ss_err *err)
{
	memset(err, 0, sizeof(*err));
}

void ss_err_release(struct ss_err *err)
{
	free(err->msg);
	free(err->file);
	free(err->detail);
	free(err->hint);
	ss_err_init(err);
}

int ss_err_vset(struct ss_err *err, enum ss_err_kind kind, const char *fmt, va_list ap)
{
	if (!err || ss_err_isset(err))
		return -1;
	err->kind = kind == SS_ERR_NONE ? SS_ERR_INTERNAL : kind;
	err->msg = ss_xvasprintf(fmt, ap);
	return -1;
}

int ss_err_set(struct ss_err *err, enum ss_err_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ss_err_vset(err, kind, fmt, ap);
	va_end(ap);
	return -1;
}

int ss_err_set_at(struct ss_err *err, enum ss_err_kind kind, const char *file,
		  unsigned line, unsigned column, const char *fmt, ...)
{
	va_list ap;

	if (!err || ss_err_isset(err))
		return -1;
	va_start(ap, fmt);
	ss_err_vset(err, kind, fmt, ap);
	va_end(ap);
	ss_err_locate(err, file, line, column);
	return -1;
}

__attribute__((format(printf, 2, 0)))
static void replace_text(char **slot, const char *fmt, va_list ap)
{
	char *s = ss_xvasprintf(fmt, ap);

	free(*slot);
	*slot = s;
}

void ss_err_detail(struct ss_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err || !ss_err_isset(err))
		return;
	va_start(ap, fmt);
	replace_text(&err->detail, fmt, ap);
	va_end(ap);
}

void ss_err_hint(struct ss_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err || !ss_err_isset(err))
		return;
	va_start(ap, fmt);
	replace_text(&err->hint, fmt, ap);
	va_end(ap);
}

void ss_err_locate(struct ss_err *err, const char *file, unsigned line, unsigned column)
{
	if (!err || !ss_err_isset(err))
		return;
	free(err->file);
	err->file = file ? ss_xstrdup(file) : NULL;
	err->line = line;
	err->column = column;
}

void ss_err_prefix(struct ss_err *err, const char *fmt, ...)
{
	va_list ap;
	char *prefix, *msg;

	if (!err || !ss_err_isset(err))
		return;
	va_start(ap, fmt);
	prefix = ss_xvasprintf(fmt, ap);
	va_end(ap);
	msg = ss_xasprintf("%s: %s", prefix, err->msg ? err->msg : "");
	free(prefix);
	free(err->msg);
	err->msg = msg;
}

void ss_err_move(struct ss_err *dst, struct ss_err *src)
{
	if (dst && !ss_err_isset(dst) && ss_err_isset(src)) {
		*dst = *src;
		ss_err_init(src);
		return;
	}
	ss_err_release(src);
}

int ss_err_exit_status(const struct ss_err *err)
{
	if (err->exit_status)
		return err->exit_status;
	return err->kind == SS_ERR_USAGE ? 2 : 1;
}

const char *ss_err_kind_name(enum ss_err_kind kind)
{
	if ((unsigned)kind >= SS_ERR_KIND_COUNT)
		return "unknown";
	return kind_names[kind];
}

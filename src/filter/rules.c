/*
 * rules.c - --filter-file: selection rules, one per line, in the form of
 * pg_dump 17's --filter:
 *
 *	# comment
 *	include table app.users
 *	exclude schema audit
 *	exclude table_and_children app.events
 *
 * Object types: schema, table, table_and_children (partitions and owned
 * sequences always follow their table here, so the two are the same).
 * A pattern may be double-quoted to hold blanks or a '#'.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filter/filter.h"
#include "util/err.h"
#include "util/xmalloc.h"

static int word_is(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && !strncasecmp(p, w, n);
}

static const char *skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static const char *word_end(const char *p)
{
	while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
		p++;
	return p;
}

/* Parse one line; 0, or -1 with a usage error at path:lineno:col. */
static int parse_line(const char *path, unsigned lineno, const char *line,
		      struct ss_dump_select *sel, struct ss_strlist *keep, struct ss_err *err)
{
	const char *p = skip_blank(line), *a, *e;
	int include;
	struct ss_patlist *l;
	char *pat;
	char opt[64];

	if (!*p || *p == '#' || *p == '\r' || *p == '\n')
		return 0;
	e = word_end(p);
	if (word_is(p, (size_t)(e - p), "include"))
		include = 1;
	else if (word_is(p, (size_t)(e - p), "exclude"))
		include = 0;
	else
		return ss_err_set_at(err, SS_ERR_USAGE, path, lineno, (unsigned)(p - line) + 1,
				     "expected 'include' or 'exclude', not '%.*s'", (int)(e - p), p);
	p = skip_blank(e);
	e = word_end(p);
	if (word_is(p, (size_t)(e - p), "schema"))
		l = include ? &sel->include_schema : &sel->exclude_schema;
	else if (word_is(p, (size_t)(e - p), "table") ||
		 word_is(p, (size_t)(e - p), "table_and_children"))
		l = include ? &sel->include_table : &sel->exclude_table;
	else
		return ss_err_set_at(err, SS_ERR_USAGE, path, lineno, (unsigned)(p - line) + 1,
				     "unknown object type '%.*s' (use schema, table or "
				     "table_and_children)", (int)(e - p), p);
	p = skip_blank(e);
	if (*p == '"') {
		struct sqlp_buf b = SQLP_BUF_INIT;

		for (a = p + 1; *a && *a != '"'; a++)
			sqlp_buf_addch(&b, *a);
		if (*a != '"') {
			sqlp_buf_release(&b);
			return ss_err_set_at(err, SS_ERR_USAGE, path, lineno, (unsigned)(p - line) + 1,
					     "unterminated quoted pattern");
		}
		e = a + 1;
		ss_buf_check(&b);
		pat = sqlp_buf_detach(&b, NULL);
	} else {
		e = word_end(p);
		pat = ss_xstrndup(p, (size_t)(e - p));
	}
	if (!*pat) {
		free(pat);
		return ss_err_set_at(err, SS_ERR_USAGE, path, lineno, (unsigned)(p - line) + 1,
				     "missing pattern");
	}
	a = skip_blank(e);
	if (*a && *a != '#' && *a != '\r' && *a != '\n') {
		free(pat);
		return ss_err_set_at(err, SS_ERR_USAGE, path, lineno, (unsigned)(a - line) + 1,
				     "unexpected text after the pattern");
	}
	ss_strlist_push_owned(keep, pat);
	snprintf(opt, sizeof(opt), "%s-%s", include ? "include" : "exclude",
		 l == &sel->include_schema || l == &sel->exclude_schema ? "schema" : "table");
	if (ss_patlist_add(l, opt, pat, err)) {
		ss_err_locate(err, path, lineno, 0);
		return -1;
	}
	return 0;
}

int ss_filter_read_rules(const char *path, struct ss_dump_select *sel, struct ss_strlist *keep,
			 struct ss_err *err)
{
	FILE *in = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	int rc = 0;

	if (!in)
		return ss_err_set(err, SS_ERR_USAGE, "cannot open filter file '%s': %s", path,
				  strerror(errno));
	while (getline(&line, &cap, in) >= 0) {
		lineno++;
		if (parse_line(path, lineno, line, sel, keep, err)) {
			rc = -1;
			break;
		}
	}
	if (!rc && ferror(in))
		rc = ss_err_set(err, SS_ERR_IO, "cannot read filter file '%s': %s", path,
				strerror(errno));
	free(line);
	if (in != stdin)
		fclose(in);
	return rc;
}

/*
 * select.c - --include/--exclude patterns: PCRE2, implicitly anchored,
 * matched against "schema.name" and against the bare name.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "dump/dump.h"
#include "util/err.h"
#include "util/xmalloc.h"

int ss_patlist_add(struct ss_patlist *l, const char *opt, const char *re, struct ss_err *err)
{
	char *anchored = ss_xasprintf("^(?:%s)$", re);
	int code;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)anchored, PCRE2_ZERO_TERMINATED, 0, &code,
				      &off, NULL);

	free(anchored);
	if (!c) {
		PCRE2_UCHAR msg[256];
		size_t at = off >= 4 ? off - 4 : 0;	/* offset within the user's pattern */

		pcre2_get_error_message(code, msg, sizeof(msg));
		if (at > strlen(re))
			at = strlen(re);
		return ss_err_set(err, SS_ERR_USAGE, "--%s '%s': %s at offset %zu", opt, re,
				  (const char *)msg, at);
	}
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 4;
		l->codes = ss_xrealloc(l->codes, l->alloc * sizeof(*l->codes));
		l->src = ss_xrealloc(l->src, l->alloc * sizeof(*l->src));
		l->hits = ss_xrealloc(l->hits, l->alloc * sizeof(*l->hits));
	}
	l->codes[l->n] = c;
	l->src[l->n] = re;
	l->hits[l->n] = 0;
	l->n++;
	return 0;
}

static int match1(pcre2_code *c, const char *s)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(c, NULL);
	int rc = pcre2_match(c, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);

	pcre2_match_data_free(md);
	return rc >= 0;
}

int ss_patlist_match(struct ss_patlist *l, const char *schema, const char *name)
{
	char *qual = schema ? ss_xasprintf("%s.%s", schema, name) : NULL;
	int hit = 0;

	for (size_t i = 0; i < l->n; i++)
		if ((qual && match1(l->codes[i], qual)) || match1(l->codes[i], name)) {
			l->hits[i]++;
			hit = 1;
		}
	free(qual);
	return hit;
}

void ss_patlist_release(struct ss_patlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		pcre2_code_free(l->codes[i]);
	free(l->codes);
	free(l->src);
	free(l->hits);
	memset(l, 0, sizeof(*l));
}

int ss_dump_select_compile(struct ss_dump_select *s, const struct ss_strlist *include_schema,
			   const struct ss_strlist *exclude_schema,
			   const struct ss_strlist *include_table,
			   const struct ss_strlist *exclude_table, struct ss_err *err)
{
	const struct { struct ss_patlist *l; const char *opt; const struct ss_strlist *res; } lists[] = {
		{ &s->include_schema, "include-schema", include_schema },
		{ &s->exclude_schema, "exclude-schema", exclude_schema },
		{ &s->include_table, "include-table", include_table },
		{ &s->exclude_table, "exclude-table", exclude_table },
	};

	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		for (size_t k = 0; k < lists[i].res->n; k++)
			if (ss_patlist_add(lists[i].l, lists[i].opt, lists[i].res->items[k], err))
				return -1;
	return 0;
}

int ss_dump_select_all(const struct ss_dump_select *s)
{
	return !s->include_schema.n && !s->exclude_schema.n && !s->include_table.n &&
	       !s->exclude_table.n;
}

int ss_dump_select_schema(struct ss_dump_select *s, const char *schema)
{
	if (s->include_schema.n && !ss_patlist_match(&s->include_schema, NULL, schema))
		return 0;
	return !ss_patlist_match(&s->exclude_schema, NULL, schema);
}

int ss_dump_select_table(struct ss_dump_select *s, const char *schema, const char *name)
{
	if (s->include_table.n && !ss_patlist_match(&s->include_table, schema, name))
		return 0;
	return !ss_patlist_match(&s->exclude_table, schema, name);
}

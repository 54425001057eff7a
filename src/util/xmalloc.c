/*
 * xmalloc.c - allocation wrappers that exit on out-of-memory.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlparse.h"
#include "util/cleanup.h"
#include "util/xmalloc.h"

static void out_of_memory(size_t size)
{
	fprintf(stderr, "ssync: out of memory (allocating %zu bytes)\n", size);
	ss_cleanup_run();
	exit(1);
}

void *ss_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory(size);
	return p;
}

void *ss_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory(n * size);
	return p;
}

void *ss_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		out_of_memory(size);
	return q;
}

char *ss_xstrdup(const char *s)
{
	return ss_xstrndup(s, strlen(s));
}

char *ss_xstrndup(const char *s, size_t n)
{
	char *p = ss_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ss_xvasprintf(const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	char *p;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return ss_xstrdup("(unprintable message)");
	p = ss_xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *ss_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = ss_xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void *ss_xgrow(void *p, size_t need, size_t *alloc, size_t size)
{
	size_t n = *alloc;

	if (need <= n)
		return p;
	n = n ? n : 8;
	while (n < need)
		n *= 2;
	if (n > (size_t)-1 / size)
		out_of_memory((size_t)-1);
	p = ss_xrealloc(p, n * size);
	*alloc = n;
	return p;
}

void ss_buf_check(const struct sqlp_buf *b)
{
	if (sqlp_buf_failed(b))
		out_of_memory(b->len);
}

void ss_strlist_push_owned(struct ss_strlist *l, char *s)
{
	l->items = ss_xgrow(l->items, l->n + 2, &l->alloc, sizeof(*l->items));
	l->items[l->n++] = s;
	l->items[l->n] = NULL;
}

void ss_strlist_push(struct ss_strlist *l, const char *s)
{
	ss_strlist_push_owned(l, ss_xstrdup(s));
}

void ss_strlist_release(struct ss_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = l->alloc = 0;
}

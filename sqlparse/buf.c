/*
 * buf.c - struct sqlp_buf, the growable byte buffer used by sqlparse and
 * by src/.  See sqlparse.h for the invariants.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlparse.h"

/* Shared empty buffer: written only as data[0] = 0, which keeps it "". */
char sqlp_buf_empty[1];

void sqlp_buf_init(struct sqlp_buf *b)
{
	b->data = sqlp_buf_empty;
	b->len = 0;
	b->cap = 0;
	b->limit = 0;
	b->failed = 0;
}

void sqlp_buf_release(struct sqlp_buf *b)
{
	size_t limit = b->limit;

	if (b->cap)
		free(b->data);
	sqlp_buf_init(b);
	b->limit = limit;
}

int sqlp_buf_grow(struct sqlp_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->failed)
		return -1;
	if (extra > (size_t)-1 - b->len - 1)
		goto fail;
	need = b->len + extra + 1;
	if (b->limit && need - 1 > b->limit)
		goto fail;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > (size_t)-1 / 2 ? need : cap * 2;
	p = b->cap ? realloc(b->data, cap) : malloc(cap);
	if (!p)
		goto fail;
	if (!b->cap)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return 0;
fail:
	b->failed = 1;
	return -1;
}

void sqlp_buf_add(struct sqlp_buf *b, const void *data, size_t len)
{
	if (sqlp_buf_grow(b, len))
		return;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void sqlp_buf_addstr(struct sqlp_buf *b, const char *s)
{
	sqlp_buf_add(b, s, strlen(s));
}

void sqlp_buf_addch(struct sqlp_buf *b, int c)
{
	char ch = (char)c;

	sqlp_buf_add(b, &ch, 1);
}

void sqlp_buf_vaddf(struct sqlp_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->failed)
		return;
	va_copy(cp, ap);
	n = vsnprintf(b->cap ? b->data + b->len : NULL,
		      b->cap ? b->cap - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (b->cap && (size_t)n < b->cap - b->len) {
		if (b->limit && b->len + (size_t)n > b->limit) {
			b->data[b->len] = '\0';
			b->failed = 1;
			return;
		}
		b->len += (size_t)n;
		return;
	}
	if (sqlp_buf_grow(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sqlp_buf_addf(struct sqlp_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sqlp_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void sqlp_buf_consume(struct sqlp_buf *b, size_t n)
{
	if (n >= b->len) {
		sqlp_buf_truncate(b, 0);
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	sqlp_buf_truncate(b, b->len - n);
}

void sqlp_buf_truncate(struct sqlp_buf *b, size_t n)
{
	if (n > b->len)
		return;
	b->len = n;
	b->data[n] = '\0';
}

char *sqlp_buf_detach(struct sqlp_buf *b, size_t *len_out)
{
	char *p;
	size_t len = b->len;

	if (b->failed) {
		sqlp_buf_release(b);
		b->failed = 0;
		return NULL;
	}
	if (b->cap) {
		p = b->data;
	} else {
		p = malloc(1);
		if (p)
			p[0] = '\0';
	}
	sqlp_buf_init(b);
	if (len_out)
		*len_out = p ? len : 0;
	return p;
}

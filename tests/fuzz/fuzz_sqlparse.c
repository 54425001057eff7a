/*
 * fuzz_sqlparse.c - libFuzzer target for sqlparse, built once per dialect
 * (FUZZ_DIALECT = SQLP_POSTGRES, SQLP_MYSQL, SQLP_TSQL or SQLP_AUTO).
 *
 * Besides "no crash, no leak, no undefined behaviour, no hang", it checks
 * the lexer's contract on every input and aborts when it is broken:
 * - items tile the input (lead + text + terminator are consecutive bytes
 *   and offsets agree), positions only move forward;
 * - feeding the same bytes in chunks (of a size taken from the input)
 *   gives the very same items and the same error as the whole buffer;
 * - sqlp_table_elements() ranges stay inside the statement;
 * - a PostgreSQL statement is classified alike by the fast path for
 *   pg_dump's shapes and by the token rules alone.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlp_int.h"

#ifndef FUZZ_DIALECT
#define FUZZ_DIALECT SQLP_AUTO
#endif

struct rec {
	struct sqlp_buf out;	/* a line per item: offsets, positions, class, names */
	const unsigned char *in;	/* the bytes as the lexer reads them, or NULL */
	size_t len, at;
	uint64_t last_end;
};

static void check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "sqlparse contract broken: %s\n", what);
		abort();
	}
}

static int elem_cb(void *ctx, const struct sqlp_elem *e)
{
	size_t len = *(size_t *)ctx;

	check(e->off + e->len <= len, "element inside the statement");
	check(e->name_off + e->name_len <= len, "element name inside the statement");
	return 0;
}

/* sqlp_classify() takes pg_dump's shapes on a fast path: the rules must agree. */
static void check_fast_path(const struct sqlp_item *it)
{
	static struct sqlp_buf n1 = SQLP_BUF_INIT, n2 = SQLP_BUF_INIT;
	struct sqlp_item a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (sqlp_classify(SQLP_POSTGRES, it->text, it->len, it->session, &a, &n1) ||
	    sqlp__classify_rules(SQLP_POSTGRES, it->text, it->len, it->session, &b, &n2))
		abort();
	check(a.cls == b.cls && a.objkind == b.objkind && a.cons == b.cons && a.flags == b.flags &&
		      !strcmp(a.object, b.object) && !strcmp(a.table, b.table),
	      "fast path and rules classify alike");
}

static void record(struct rec *r, const struct sqlp_item *it)
{
	sqlp_buf_addf(&r->out, "%d %llu %llu %u:%u %u:%u %zu %zu %zu %x %s|%s|", (int)it->cls,
		      (unsigned long long)it->start, (unsigned long long)it->end, it->line, it->col,
		      it->end_line, it->end_col, it->len, it->lead_len, it->term_len, it->flags,
		      it->object, it->table);
	sqlp_buf_add(&r->out, it->text, it->len);
	sqlp_buf_addch(&r->out, '\n');
	check(it->end == it->start + it->len + it->term_len, "end = start + len + term_len");
	check(it->line >= 1 && it->col >= 1, "positions are 1-based");
	if (it->flags & SQLP_F_EMBEDDED)
		return;
	check(it->start - it->lead_len == r->last_end, "items are consecutive");
	r->last_end = it->end;
	if (r->in) {
		check(it->end <= r->len, "item inside the input");
		check(!memcmp(r->in + it->start - it->lead_len, it->lead, it->lead_len), "lead bytes");
		check((it->flags & SQLP_F_BLANKED) || !memcmp(r->in + it->start, it->text, it->len),
		      "text bytes");
		check(!memcmp(r->in + it->start + it->len, it->term, it->term_len), "terminator bytes");
	}
	if (it->cls != SQLP_C_COPY_DATA && it->cls != SQLP_C_PSQL_META && it->cls != SQLP_C_CLIENT) {
		size_t len = it->len;

		sqlp_table_elements(it->dialect, it->text, it->len, elem_cb, &len);
		if (it->dialect == SQLP_POSTGRES)
			check_fast_path(it);
	}
}

static int whole_cb(void *ctx, const struct sqlp_item *it)
{
	record(ctx, it);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sqlp_options o = { FUZZ_DIALECT, 0, 0 };
	struct rec whole, chunked;
	struct sqlp_error err;
	struct sqlp_lexer *lx;
	struct sqlp_item it;
	size_t chunk, at = 0;
	int r = SQLP_MORE, bom;

	if (size < 1)
		return 0;
	/* the first byte picks the chunk size and an initial session state */
	chunk = 1 + data[0] % 17;
	o.session = (data[0] >> 5) & 7;
	data++;
	size--;
	bom = size >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf;
	memset(&whole, 0, sizeof(whole));
	memset(&chunked, 0, sizeof(chunked));
	sqlp_buf_init(&whole.out);
	sqlp_buf_init(&chunked.out);
	/* tiling is checked against the bytes only for UTF-8 input (the
	 * lexer's rule: a BOM, else NULs of BOM-less UTF-16 in 4 bytes) */
	if (bom || !((size >= 2 && ((data[0] == 0xff && data[1] == 0xfe) ||
				    (data[0] == 0xfe && data[1] == 0xff))) ||
		     (size >= 4 && ((data[0] && data[0] < 0x80 && !data[1] && data[2] &&
				     data[2] < 0x80 && !data[3]) ||
				    (!data[0] && data[1] && data[1] < 0x80 && !data[2] && data[3] &&
				     data[3] < 0x80))))) {
		whole.in = data + (bom ? 3 : 0);
		whole.len = size - (bom ? 3 : 0);
	}
	if (sqlp_split(data, size, &o, whole_cb, &whole, &err) < 0)
		sqlp_buf_addf(&whole.out, "ERROR %d %u:%u %s\n", (int)err.code, err.line, err.col,
			      err.msg);

	lx = sqlp_lexer_new(&o);
	if (!lx)
		abort();
	for (;;) {
		if (r == SQLP_MORE) {
			if (at < size) {
				size_t k = size - at < chunk ? size - at : chunk;

				if (sqlp_lexer_feed(lx, data + at, k)) {
					r = SQLP_ERROR;
					break;
				}
				at += k;
			} else {
				sqlp_lexer_finish(lx);
				if (sqlp_lexer_error(lx)->code) {
					r = SQLP_ERROR;
					break;
				}
			}
		}
		r = sqlp_lexer_next(lx, &it);
		if (r == SQLP_ITEM)
			record(&chunked, &it);
		else if (r == SQLP_DONE || r == SQLP_ERROR)
			break;
	}
	if (r == SQLP_ERROR) {
		const struct sqlp_error *e = sqlp_lexer_error(lx);

		sqlp_buf_addf(&chunked.out, "ERROR %d %u:%u %s\n", (int)e->code, e->line, e->col,
			      e->msg);
	}
	sqlp_lexer_free(lx);
	if (whole.out.len != chunked.out.len || memcmp(whole.out.data, chunked.out.data, whole.out.len)) {
		fprintf(stderr, "whole:\n%s\nchunks of %zu:\n%s\n", whole.out.data, chunk,
			chunked.out.data);
		check(0, "chunked feeding gives the same items as the whole buffer");
	}
	sqlp_buf_release(&whole.out);
	sqlp_buf_release(&chunked.out);
	return 0;
}

/*
 * sqlp_render.h - helpers of the sqlparse tests: render items as golden
 * text, split a buffer whole or fed in chunks, and check that the items
 * tile the input.  Include in one file per test program.
 *
 * Golden line per item (tests/sqlparse/<dialect>/NAME.out):
 *   L:C-L:C [start,end) class kind object [on table] flags term | text
 * and, when splitting fails, a last line "ERROR L:C: message" (NAME.err).
 */
#ifndef SQLP_RENDER_H
#define SQLP_RENDER_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlparse.h"

#define SQLP_TEST_UNUSED __attribute__((unused))

static const char *const render_flag_names[] = {
	"unterminated", "more", "cont", "embedded", "blanked", "batch-end", "if-not-exists",
	"or-replace", "not-valid", "concurrently", "only", "clustered", "guarded",
	"multi-action", "exec-comment", "definer", "temporary", "partition-of", "copy-stdin",
};

/* Append s[0..n) with control characters escaped, at most max bytes shown. */
SQLP_TEST_UNUSED static void render_escaped(struct sqlp_buf *out, const char *s, size_t n, size_t max)
{
	size_t i;

	for (i = 0; i < n && i < max; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			sqlp_buf_addstr(out, "\\n");
		else if (c == '\r')
			sqlp_buf_addstr(out, "\\r");
		else if (c == '\t')
			sqlp_buf_addstr(out, "\\t");
		else if (c < 0x20 || c == 0x7f)
			sqlp_buf_addf(out, "\\x%02x", c);
		else
			sqlp_buf_addch(out, c);
	}
	if (n > max)
		sqlp_buf_addstr(out, "...");
}

SQLP_TEST_UNUSED static void render_item(struct sqlp_buf *out, const struct sqlp_item *it)
{
	size_t i;
	int first = 1;

	sqlp_buf_addf(out, "%u:%u-%u:%u [%llu,%llu) %s", it->line, it->col, it->end_line,
		      it->end_col, (unsigned long long)it->start, (unsigned long long)it->end,
		      sqlp_class_name(it->cls));
	if (it->objkind)
		sqlp_buf_addf(out, " (%s)", sqlp_objkind_name(it->objkind));
	if (it->cons)
		sqlp_buf_addf(out, " <%s>", sqlp_cons_name(it->cons));
	if (*it->object)
		sqlp_buf_addf(out, " %s", it->object);
	if (*it->table && strcmp(it->table, it->object))
		sqlp_buf_addf(out, " on %s", it->table);
	for (i = 0; i < sizeof(render_flag_names) / sizeof(render_flag_names[0]); i++) {
		if (it->flags & (1u << i)) {
			sqlp_buf_addf(out, "%s%s", first ? " {" : ",", render_flag_names[i]);
			first = 0;
		}
	}
	if (!first)
		sqlp_buf_addch(out, '}');
	if (it->session)
		sqlp_buf_addf(out, " s=%u", it->session);
	if (it->batch)
		sqlp_buf_addf(out, " b=%u", it->batch);
	if (it->repeat > 1)
		sqlp_buf_addf(out, " x%u", it->repeat);
	if (it->term_len) {
		sqlp_buf_addstr(out, " term=");
		render_escaped(out, it->term, it->term_len, 40);
	}
	sqlp_buf_addstr(out, " | ");
	render_escaped(out, it->text, it->len, 60);
	sqlp_buf_addch(out, '\n');
}

SQLP_TEST_UNUSED static void render_error(struct sqlp_buf *out, const struct sqlp_error *e)
{
	sqlp_buf_addf(out, "ERROR %u:%u: %s\n", e->line, e->col, e->msg);
}

/* State of a tiling check: the items must cover the input in order. */
struct tiling {
	const char *in;		/* the input as the lexer sees it (UTF-8, no BOM) */
	size_t len;
	size_t at;		/* where the next item's lead must start */
	int broken;
};

SQLP_TEST_UNUSED static void tiling_check(struct tiling *t, const struct sqlp_item *it)
{
	size_t lead_at;

	if (!t->in || (it->flags & SQLP_F_EMBEDDED))
		return;
	lead_at = (size_t)it->start - it->lead_len;
	if (lead_at != t->at || it->end > t->len || it->start + it->len + it->term_len != it->end ||
	    memcmp(t->in + lead_at, it->lead, it->lead_len) ||
	    ((it->flags & SQLP_F_BLANKED) == 0 && memcmp(t->in + it->start, it->text, it->len)) ||
	    memcmp(t->in + it->start + it->len, it->term, it->term_len))
		t->broken = 1;
	t->at = (size_t)it->end;
}

struct render_ctx {
	struct sqlp_buf *out;
	struct tiling *tile;
};

SQLP_TEST_UNUSED static int render_cb(void *ctx, const struct sqlp_item *it)
{
	struct render_ctx *rc = ctx;

	render_item(rc->out, it);
	if (rc->tile)
		tiling_check(rc->tile, it);
	return 0;
}

/* Render a whole-buffer split (sqlp_split). */
SQLP_TEST_UNUSED static void render_split(struct sqlp_buf *out, const char *buf, size_t len, enum sqlp_dialect d,
			 struct tiling *tile)
{
	struct sqlp_options o = { d, 0, 0 };
	struct sqlp_error e;
	struct render_ctx rc = { out, tile };

	if (sqlp_split(buf, len, &o, render_cb, &rc, &e))
		render_error(out, &e);
}

/* Render the same input fed in chunks of n bytes. */
SQLP_TEST_UNUSED static void render_stream(struct sqlp_buf *out, const char *buf, size_t len, enum sqlp_dialect d,
			  size_t n)
{
	struct sqlp_options o = { d, 0, 0 };
	struct sqlp_lexer *lx = sqlp_lexer_new(&o);
	struct sqlp_item it;
	size_t at = 0;
	int r = SQLP_MORE;

	if (!lx) {
		sqlp_buf_addstr(out, "ERROR out of memory\n");
		return;
	}
	for (;;) {
		if (r == SQLP_MORE) {
			if (at < len) {
				size_t k = len - at < n ? len - at : n;

				if (sqlp_lexer_feed(lx, buf + at, k)) {
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
			render_item(out, &it);
		else if (r == SQLP_DONE || r == SQLP_ERROR)
			break;
	}
	if (r == SQLP_ERROR)
		render_error(out, sqlp_lexer_error(lx));
	sqlp_lexer_free(lx);
}

SQLP_TEST_UNUSED static char *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sqlp_buf b = SQLP_BUF_INIT;
	char chunk[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sqlp_buf_add(&b, chunk, n);
	fclose(f);
	return sqlp_buf_detach(&b, len);
}

/* The bytes the lexer sees, for tiling: NULL for UTF-16 input. */
SQLP_TEST_UNUSED static const char *tiling_input(const char *buf, size_t len, size_t *out_len)
{
	const unsigned char *p = (const unsigned char *)buf;

	/* the lexer's rule: a BOM, else NULs of BOM-less UTF-16 in 4 bytes */
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		*out_len = len - 3;
		return buf + 3;
	}
	if (len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
		return NULL;
	if (len >= 4 && ((p[0] && p[0] < 0x80 && !p[1] && p[2] && p[2] < 0x80 && !p[3]) ||
			 (!p[0] && p[1] && p[1] < 0x80 && !p[2] && p[3] && p[3] < 0x80)))
		return NULL;
	*out_len = len;
	return buf;
}

#endif /* SQLP_RENDER_H */

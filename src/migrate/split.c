/*
 * split.c - statement boundaries of migration bodies; see split.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "drivers/mysql/mysql.h"
#include "migrate/split.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"

static void add_piece(struct ss_mig_pieces *out, size_t off, size_t len)
{
	out->v = ss_xgrow(out->v, out->n + 1, &out->alloc, sizeof(*out->v));
	out->v[out->n].off = off;
	out->v[out->n].len = len;
	out->n++;
}

void ss_mig_split_semicolons(const char *s, size_t len, struct ss_mig_pieces *out)
{
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == ';') {
			add_piece(out, start, i + 1 - start);
			start = i + 1;
		}
	}
	if (start < len)
		add_piece(out, start, len - start);
}

struct walk {
	struct ss_mig_pieces *out;
	size_t bom;		/* bytes sqlparse skipped (its offsets start after them) */
	unsigned batch;		/* T-SQL: the batch the last piece holds, 0 for none */
};

/* PostgreSQL: one piece per item; COPY data stays with its COPY. */
static int pg_item(void *ctx, const struct sqlp_item *it)
{
	struct walk *w = ctx;
	size_t start = w->bom + (size_t)it->start, end = w->bom + (size_t)it->end;

	if (it->cls == SQLP_C_COPY_DATA && w->out->n) {
		struct ss_mig_piece *last = &w->out->v[w->out->n - 1];

		last->len = end - last->off;
		return 0;
	}
	add_piece(w->out, start, end - start);
	return 0;
}

/*
 * T-SQL: one piece per batch, from its first statement through its last
 * one's ";" (the GO line is the client's, never sent); "GO n" runs the
 * batch n times, as sqlcmd does.
 */
static int tsql_item(void *ctx, const struct sqlp_item *it)
{
	struct walk *w = ctx;
	size_t start = w->bom + (size_t)it->start, n = it->len, end;

	if (it->term_len && it->term[0] == ';')
		n += it->term_len;
	else
		while (n > 0 && (it->text[n - 1] == ' ' || it->text[n - 1] == '\t' ||
				 it->text[n - 1] == '\r' || it->text[n - 1] == '\n'))
			n--;	/* the line end before GO */
	end = start + n;

	if (w->batch == it->batch && w->out->n) {
		struct ss_mig_piece *last = &w->out->v[w->out->n - 1];

		last->len = end - last->off;
	} else {
		add_piece(w->out, start, end - start);
		w->batch = it->batch;
	}
	if ((it->flags & SQLP_F_BATCH_END) && it->repeat > 1) {
		struct ss_mig_piece batch = w->out->v[w->out->n - 1];

		for (unsigned i = 1; i < it->repeat; i++)
			add_piece(w->out, batch.off, batch.len);
	}
	return 0;
}

/* Past the blank lines and GO lines that start at off (the rest of the current line too). */
static size_t skip_go_lines(const char *s, size_t len, size_t off)
{
	for (;;) {
		size_t i = off, eol;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i + 1 < len && (s[i] | 0x20) == 'g' && (s[i + 1] | 0x20) == 'o' &&
		    (i + 2 == len || !((s[i + 2] | 0x20) >= 'a' && (s[i + 2] | 0x20) <= 'z') ||
		     s[i + 2] == ' ')) {
			/* a GO line: skip to its end */
		} else if (i < len && s[i] != '\n') {
			return i;
		}
		eol = i;
		while (eol < len && s[eol] != '\n')
			eol++;
		if (eol >= len)
			return len;
		off = eol + 1;
	}
}

int ss_mig_split_statements(enum ss_mig_dialect dialect, const char *s, size_t len,
			    struct ss_mig_pieces *out, struct ss_err *err)
{
	struct sqlp_options opts = { SQLP_POSTGRES, 0, 0 };
	struct sqlp_error perr;
	struct walk w = { out, 0, 0 };

	if (dialect == SS_MIG_DIALECT_MYSQL) {
		/* As the server cuts a multi-statement send, not as the client would. */
		struct ss_my_stmts stmts = { NULL, 0, 0 };

		if (ss_my_statements(s, len, &stmts, err)) {
			ss_my_stmts_release(&stmts);
			return -1;
		}
		for (size_t i = 0; i < stmts.n; i++)
			add_piece(out, stmts.v[i].off, stmts.v[i].len);
		ss_my_stmts_release(&stmts);
		return 0;
	}
	if (dialect == SS_MIG_DIALECT_PG) {
		/*
		 * Not yet: PostgreSQL reports its own positions, and its
		 * x-multi-statement keeps golang-migrate's cut at every ";"
		 * until the PostgreSQL engine opts in (pg_item is ready).
		 */
		return ss_err_set(err, SS_ERR_UNSUPPORTED, "no PostgreSQL statement splitter yet");
	}
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		w.bom = 3;
	if (dialect == SS_MIG_DIALECT_TSQL)
		opts.dialect = SQLP_TSQL;
	if (sqlp_split(s, len, &opts, dialect == SS_MIG_DIALECT_TSQL ? tsql_item : pg_item, &w,
		       &perr) < 0) {
		if (dialect == SS_MIG_DIALECT_TSQL) {
			/*
			 * Not golang-migrate's cut at ";" (the caller's fallback),
			 * which would tear procedure bodies apart: send the rest
			 * as one batch and let the server name what is wrong.
			 */
			size_t end = out->n ? out->v[out->n - 1].off + out->v[out->n - 1].len : 0;

			end = skip_go_lines(s, len, end);
			if (end < len)
				add_piece(out, end, len - end);
			return 0;
		}
		return ss_err_set_at(err, SS_ERR_PARSE, NULL, perr.line, perr.col, "%s", perr.msg);
	}
	return 0;
}

void ss_mig_pieces_release(struct ss_mig_pieces *p)
{
	free(p->v);
	memset(p, 0, sizeof(*p));
}

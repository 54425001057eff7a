/*
 * split.c - statement boundaries of migration bodies; see split.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "migrate/split.h"
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

int ss_mig_split_statements(enum ss_mig_dialect dialect, const char *s, size_t len,
			    struct ss_mig_pieces *out, struct ss_err *err)
{
	/*
	 * SEAM (issue 3): call sqlparse's splitter here, with the dialect,
	 * once its API is on main; map each statement it yields to a piece
	 * (byte offset of its first token, length through its terminator).
	 */
	(void)dialect;
	(void)s;
	(void)len;
	(void)out;
	return ss_err_set(err, SS_ERR_UNSUPPORTED, "no SQL splitter in this build yet");
}

void ss_mig_pieces_release(struct ss_mig_pieces *p)
{
	free(p->v);
	memset(p, 0, sizeof(*p));
}

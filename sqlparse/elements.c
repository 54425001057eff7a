/*
 * elements.c - the elements of a CREATE TABLE list (columns, constraints,
 * LIKE, MySQL's inline keys) and its AUTO_INCREMENT option, found with
 * the classifier's tokenizer and rules (classify.c), for the filter that
 * moves constraints out of a table.
 */
#include <string.h>

#include "classify.h"

/* At "period": PERIOD FOR SYSTEM_TIME (...), not a column named period? */
static int period_for(const struct cx *c)
{
	struct cx peek = *c;

	next(&peek);
	return is(&peek, "for");
}

/* What an element of a CREATE TABLE list is, from its first tokens. */
static void elem_kind(struct cx *c, struct sqlp_elem *el)
{
	const char *base = c->s;
	int named = 0;

	el->kind = SQLP_E_CONSTRAINT;
	el->cons = SQLP_K_NONE;
	el->name_off = el->name_len = 0;
	if (accept(c, "constraint")) {
		if (c->t.t == T_WORD || c->t.t == T_QIDENT) {
			if (!(is(c, "primary") || is(c, "unique") || is(c, "foreign") ||
			      is(c, "check") || is(c, "exclude"))) {
				el->name_off = (size_t)(c->t.p - base);
				el->name_len = c->t.n;
				next(c);
			}
		}
		named = 1;
	}
	if (accept_seq(c, "primary key")) {
		el->cons = SQLP_K_PRIMARY_KEY;
	} else if (accept(c, "unique")) {
		el->cons = SQLP_K_UNIQUE;
		if (!accept(c, "key"))
			accept(c, "index");
	} else if (accept_seq(c, "foreign key")) {
		el->cons = SQLP_K_FOREIGN_KEY;
	} else if (accept(c, "check")) {
		el->cons = SQLP_K_CHECK;
	} else if (accept(c, "exclude")) {
		el->cons = SQLP_K_EXCLUSION;
	} else if (!named && c->d != SQLP_POSTGRES && (accept(c, "key") || accept(c, "index"))) {
		/*
		 * MySQL KEY|INDEX [name] (...), T-SQL INDEX name [NON]CLUSTERED (...):
		 * both words are reserved there, so a column of that name is quoted.
		 * PostgreSQL has no inline index: "key text" is a column.
		 */
		el->cons = SQLP_K_INDEX;
	} else if (!named && c->d == SQLP_MYSQL && (accept(c, "fulltext") || accept(c, "spatial"))) {
		el->cons = sqlp__kw(c->prev.p, c->prev.n, "fulltext") ? SQLP_K_FULLTEXT
								      : SQLP_K_SPATIAL;
		if (!accept(c, "key"))
			accept(c, "index");
	} else if (!named && is(c, "like")) {
		el->kind = SQLP_E_LIKE;
		return;
	} else if (!named && is(c, "period") && period_for(c)) {
		el->kind = SQLP_E_OTHER;
		return;
	} else if (!named) {
		/* a column: its name */
		el->kind = SQLP_E_COLUMN;
		el->name_off = (size_t)(c->t.p - base);
		el->name_len = c->t.t == T_WORD || c->t.t == T_QIDENT ? c->t.n : 0;
		return;
	} else {
		el->kind = SQLP_E_OTHER;
		return;
	}
	/* MySQL and T-SQL name keys after the keyword: UNIQUE KEY name (...) */
	if (!named && el->cons != SQLP_K_PRIMARY_KEY && el->cons != SQLP_K_CHECK &&
	    (c->t.t == T_WORD || c->t.t == T_QIDENT) && !is(c, "using") && !is(c, "clustered") &&
	    !is(c, "nonclustered")) {
		el->name_off = (size_t)(c->t.p - base);
		el->name_len = c->t.n;
	}
}

int sqlp_table_elements(enum sqlp_dialect d, const char *text, size_t len, sqlp_elem_fn fn,
			void *ctx)
{
	struct sqlp_item dummy;
	unsigned session = 0, saved = 0;
	struct name names[2];
	struct cx c;
	int rc;

	memset(&dummy, 0, sizeof(dummy));
	memset(&c, 0, sizeof(c));
	memset(&names, 0, sizeof(names));
	c.obj = &names[0];
	c.tbl = &names[1];
	c.d = d == SQLP_AUTO ? SQLP_POSTGRES : d;
	c.ct = sqlp__tk_class[(unsigned)c.d < SQLP_DIALECT_COUNT ? c.d : SQLP_AUTO];
	c.s = c.p = text;
	c.e = text + len;
	c.sessp = &session;
	c.saved = &saved;
	c.first_exec = -1;
	c.it = &dummy;
	next(&c);
	if (!is(&c, "create"))
		return 1;
	sqlp__do_create(&c);
	if (dummy.objkind != SQLP_O_TABLE || !is_punct(&c, '('))
		return 1;
	next(&c);
	while (c.t.t != T_END && !is_punct(&c, ')')) {
		struct sqlp_elem el;
		const char *start = c.t.p, *end;
		struct cx at = c;
		int depth = 0;

		/* find the end: ',' or ')' at depth 0 */
		while (c.t.t != T_END) {
			if (is_punct(&c, '('))
				depth++;
			else if (is_punct(&c, ')') && depth-- == 0)
				break;
			else if (is_punct(&c, ',') && depth == 0)
				break;
			next(&c);
		}
		end = c.t.t == T_END ? c.e : c.t.p;
		while (end > start && sqlp__is_space(end[-1]))
			end--;
		memset(&el, 0, sizeof(el));
		elem_kind(&at, &el);
		el.off = (size_t)(start - text);
		el.len = (size_t)(end - start);
		if ((rc = fn(ctx, &el)))
			return rc;
		if (is_punct(&c, ','))
			next(&c);
	}
	if (!is_punct(&c, ')'))
		return 0;
	next(&c);
	/* table options: AUTO_INCREMENT[=]N, which a filter moves to cutover */
	while (c.t.t != T_END) {
		if (is(&c, "auto_increment")) {
			struct sqlp_elem el;
			const char *start = c.t.p;

			next(&c);
			if (is_punct(&c, '='))
				next(&c);
			if (c.t.t == T_NUM) {
				memset(&el, 0, sizeof(el));
				el.kind = SQLP_E_AUTO_INCREMENT;
				el.off = (size_t)(start - text);
				el.len = (size_t)(c.t.p + c.t.n - start);
				if ((rc = fn(ctx, &el)))
					return rc;
			}
		}
		next(&c);
	}
	return 0;
}

/*
 * tables.c - the rewrites of ssync filter: inline keys and foreign keys of
 * a CREATE TABLE moved to one ALTER TABLE in the post-sync part, table
 * options removed (AUTO_INCREMENT=N), and a multi-action ALTER TABLE split
 * into one statement per fate.  Everything else is copied as it is.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filter/filter.h"
#include "filter/filter_int.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* The kind of a constraint of kind k written as [s, s+n). */
static int cons_kind_of(const struct ss_filter *f, enum sqlp_cons k, const char *s, size_t n)
{
	switch (k) {
	case SQLP_K_PRIMARY_KEY:
		return SQLP_C_PRIMARY_KEY;
	case SQLP_K_UNIQUE:
		if (f->dialect == SQLP_TSQL && ss_filter_has_clustered(s, n))
			return SS_FK_CLUSTERED_INDEX;
		return SQLP_C_UNIQUE;
	case SQLP_K_FOREIGN_KEY:
		return SQLP_C_FOREIGN_KEY;
	case SQLP_K_CHECK:
		return SQLP_C_CHECK;
	case SQLP_K_EXCLUSION:
		return SQLP_C_EXCLUSION;
	case SQLP_K_DEFAULT:
		return SQLP_C_DEFAULT;
	case SQLP_K_INDEX:
	case SQLP_K_FULLTEXT:
	case SQLP_K_SPATIAL:
		return SQLP_C_INDEX;
	default:
		return -1;
	}
}

static int cons_kind(const struct ss_filter *f, const struct sqlp_item *it,
		     const struct sqlp_elem *e)
{
	return cons_kind_of(f, e->cons, it->text + e->off, e->len);
}

static int collect_elem(void *ctx, const struct sqlp_elem *e)
{
	struct ss_filter *f = ctx;

	f->elems = ss_xgrow(f->elems, f->nelems + 1, &f->aelems, sizeof(*f->elems));
	f->elems[f->nelems].e = *e;
	f->elems[f->nelems].kind = -1;
	f->elems[f->nelems].fate = SS_FATE_KEEP;
	f->nelems++;
	return 0;
}

void ss_filter_quote_name(const struct ss_filter *f, struct sqlp_buf *b, const char *s, size_t n)
{
	char open = '"', close = '"';

	if (f->dialect == SQLP_MYSQL)
		open = close = '`';
	else if (f->dialect == SQLP_TSQL) {
		open = '[';
		close = ']';
	}
	sqlp_buf_addch(b, open);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == close)
			sqlp_buf_addch(b, close);
		sqlp_buf_addch(b, s[i]);
	}
	sqlp_buf_addch(b, close);
}

/* Append count words "2 index, 1 foreign-key" for elements of fate. */
static void elem_counts(struct ss_filter *f, enum ss_fate fate, struct sqlp_buf *b)
{
	int first = 1;

	for (int k = 0; k < SS_FK_COUNT; k++) {
		unsigned n = 0;

		for (size_t i = 0; i < f->nelems; i++)
			if (f->elems[i].kind == k && f->elems[i].fate == fate)
				n++;
		for (size_t i = 0; i < f->nccs; i++)
			if (f->ccs[i].kind == k && f->ccs[i].fate == fate)
				n++;
		if (n) {
			sqlp_buf_addf(b, "%s%u %s", first ? "" : ", ", n, ss_filter_kind_name(k));
			first = 0;
		}
	}
}

/* Does the word at p (any case) equal w (lower case), followed by a non-word byte? */
static inline int word_at_n(const char *p, const char *e, const char *w, size_t n)
{
	size_t i;

	if ((size_t)(e - p) < n)
		return 0;
	for (i = 0; i < n; i++)
		if ((p[i] | 0x20) != w[i])
			return 0;
	if (p + n == e)
		return 1;
	return !(((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z') || (p[n] >= '0' && p[n] <= '9') ||
		 p[n] == '_' || p[n] == '$');
}

#define word_at(p, e, w) word_at_n((p), (e), (w), sizeof(w) - 1)

/*
 * Is the word w (lower case, n bytes) anywhere in [p, e), in any case?  Its
 * byte at anchor, a letter rare in DDL, is looked for with memchr first.
 * A hit in a string or a comment is a false alarm: it costs a parse.
 */
static int has_word(const char *p, const char *e, const char *w, size_t n, size_t anchor)
{
	for (int pass = 0; pass < 2; pass++) {
		char c = pass ? (char)(w[anchor] - 32) : w[anchor];

		for (const char *q = p + anchor; q < e && (q = memchr(q, c, (size_t)(e - q))); q++) {
			const char *s = q - anchor;
			unsigned char b = s > p ? (unsigned char)s[-1] : ' ';

			if (!((b | 0x20) >= 'a' && (b | 0x20) <= 'z') && !(b >= '0' && b <= '9') &&
			    b != '_' && b != '$' && b < 0x80 && word_at_n(s, e, w, n))
				return 1;
		}
	}
	return 0;
}

/*
 * Could a rewrite change this CREATE TABLE?  Only if it holds, anywhere,
 * the keyword of a kind that is not kept where it is written: UNIQUE,
 * FOREIGN (KEY), REFERENCES (also in a column), EXCLUDE, PRIMARY (KEY),
 * CHECK; MySQL's KEY, INDEX, FULLTEXT, SPATIAL; T-SQL's DEFAULT; or in
 * MySQL AUTO_INCREMENT=N after the list.  Each word is looked for by a
 * letter of it that is rare in DDL (memchr); a hit in a name, a string or
 * a comment is a false alarm that costs a parse, nothing else.
 */
static const struct {
	const char *word;
	unsigned char len, anchor;
	unsigned char where;	/* 1 every dialect, 2 not PostgreSQL, 3 MySQL, 4 T-SQL */
	int kind;
} words[] = {
	{ "unique", 6, 3, 1, SQLP_C_UNIQUE },
	{ "unique", 6, 3, 4, SS_FK_CLUSTERED_INDEX },
	{ "foreign", 7, 5, 1, SQLP_C_FOREIGN_KEY },
	{ "references", 10, 2, 1, SQLP_C_FOREIGN_KEY },
	{ "exclude", 7, 1, 1, SQLP_C_EXCLUSION },
	{ "primary", 7, 3, 1, SQLP_C_PRIMARY_KEY },
	{ "key", 3, 0, 3, SQLP_C_PRIMARY_KEY },
	{ "check", 5, 4, 1, SQLP_C_CHECK },
	{ "key", 3, 0, 2, SQLP_C_INDEX },
	{ "index", 5, 4, 2, SQLP_C_INDEX },
	{ "fulltext", 8, 7, 2, SQLP_C_INDEX },
	{ "spatial", 7, 1, 2, SQLP_C_INDEX },
	{ "default", 7, 2, 4, SQLP_C_DEFAULT },
};
enum { NW = sizeof(words) / sizeof(words[0]) };

/* Which words matter for the config (asked once; bit NW: AUTO_INCREMENT, bit NW+1: known). */
static void table_moves(struct ss_filter *f)
{
	f->tmoves = 1u << (NW + 1);
	for (int w = 0; w < NW; w++)
		if (ss_filter_kind_fate(&f->cfg, words[w].kind) != SS_FATE_KEEP)
			f->tmoves |= 1u << w;
	if (ss_filter_kind_fate(&f->cfg, SS_FK_AUTO_INCREMENT) != SS_FATE_KEEP)
		f->tmoves |= 1u << NW;
}

static int table_may_change(struct ss_filter *f, const struct sqlp_item *it)
{
	const char *p = it->text, *e = it->text + it->len;
	enum sqlp_dialect d = it->dialect;

	if (!f->tmoves)
		table_moves(f);
	if (d == SQLP_MYSQL && (f->tmoves & (1u << NW))) {
		const char *q = e;

		while (q > p && q[-1] != ')')
			q--;
		for (; q + 14 <= e; q++)
			if ((*q | 0x20) == 'a' && word_at(q, e, "auto_increment"))
				return 1;
	}
	for (int w = 0; w < NW; w++) {
		unsigned char where = words[w].where;

		if (!(f->tmoves & (1u << w)) || (where == 2 && d == SQLP_POSTGRES) ||
		    (where == 3 && d != SQLP_MYSQL) || (where == 4 && d != SQLP_TSQL))
			continue;
		if (has_word(p, e, words[w].word, words[w].len, words[w].anchor))
			return 1;
	}
	return 0;
}


/* A fate for an inline constraint of kind k: as its kind says, within the table's. */
static enum ss_fate inline_fate(const struct ss_filter *f, int k, const struct ss_decision *d)
{
	enum ss_fate fate = ss_filter_kind_fate(&f->cfg, k);

	if (fate == SS_FATE_EXCLUDE)
		fate = SS_FATE_STRIP;
	if (fate == SS_FATE_DEFER && d->fate == SS_FATE_DEFER)
		fate = SS_FATE_KEEP;	/* the whole table is deferred */
	return fate;
}

#define MAX_COLCONS 16

/*
 * The constraints inside column i that its kind moves out; returns how
 * many (0 when the column does not read as expected: it stays whole).
 */
static size_t collect_column(struct ss_filter *f, const struct sqlp_item *it,
			     const struct ss_decision *d, size_t i)
{
	const struct sqlp_elem *e = &f->elems[i].e;
	struct ss_colcons cc[MAX_COLCONS];
	size_t n, name_len = 0, moved = 0;

	n = ss_filter_column_constraints(it->dialect, it->text + e->off, e->len, &name_len, cc,
					 MAX_COLCONS);
	if (n == SS_COLCONS_ERROR)
		return 0;
	if (n > MAX_COLCONS)
		n = MAX_COLCONS;	/* the rest stay where they are */
	for (size_t j = 0; j < n; j++) {
		int k = cons_kind_of(f, cc[j].cons, it->text + e->off + cc[j].off, cc[j].len);
		enum ss_fate fate;
		struct ss_ccons *c;

		if (k < 0)
			continue;
		fate = inline_fate(f, k, d);
		if (fate == SS_FATE_DEFER && it->dialect == SQLP_MYSQL &&
		    cc[j].cons == SQLP_K_FOREIGN_KEY) {
			/*
			 * MySQL up to 8.4 ignores a REFERENCES in a column definition,
			 * MariaDB 10.5 and later create the foreign key: moving it would
			 * change what one of them builds, so it stays (and is counted).
			 */
			f->st.column_refs++;
			fate = SS_FATE_KEEP;
		}
		if (fate != SS_FATE_KEEP && it->dialect == SQLP_TSQL &&
		    (cc[j].cons == SQLP_K_UNIQUE || cc[j].cons == SQLP_K_PRIMARY_KEY) &&
		    has_word(it->text + e->off, it->text + e->off + e->len, "rowguidcol", 10, 3) &&
		    has_word(it->text, it->text + it->len, "filestream", 10, 0)) {
			/* FILESTREAM needs its unique ROWGUIDCOL when the table is created */
			continue;
		}
		if (fate == SS_FATE_KEEP)
			continue;
		f->ccs = ss_xgrow(f->ccs, f->nccs + 1, &f->accs, sizeof(*f->ccs));
		c = &f->ccs[f->nccs++];
		c->elem = i;
		c->col_len = name_len;
		c->c = cc[j];
		c->kind = k;
		c->fate = fate;
		moved++;
	}
	return moved;
}

/* Append the column text of element i without its constraints that are moved or removed. */
static void add_column_without(struct ss_filter *f, const struct sqlp_item *it, size_t i,
			       size_t *ci, struct sqlp_buf *out)
{
	const char *t = it->text + f->elems[i].e.off;
	size_t from = 0;

	for (; *ci < f->nccs && f->ccs[*ci].elem == i; (*ci)++) {
		const struct ss_colcons *c = &f->ccs[*ci].c;
		size_t a = c->prev_end, b;

		/* the blanks before it go with it; a comment before it stays */
		for (b = c->prev_end; b < c->off; b++)
			if (t[b] != ' ' && t[b] != '\t' && t[b] != '\r' && t[b] != '\n')
				break;
		if (b < c->off)
			for (a = c->off; a > from && (t[a - 1] == ' ' || t[a - 1] == '\t'); a--)
				;
		if (a < from)
			a = from;
		sqlp_buf_add(out, t + from, a - from);
		from = c->off + c->len;
	}
	sqlp_buf_add(out, t + from, f->elems[i].e.len - from);
}

/* Append the table constraint form of a column's constraint c. */
static void add_table_form(struct ss_filter *f, const struct sqlp_item *it, const struct ss_ccons *c,
			   struct sqlp_buf *out)
{
	const char *t = it->text + f->elems[c->elem].e.off;
	size_t pos = c->c.off;

	for (int j = 0; j < c->c.nins; j++) {
		size_t at = c->c.ins[j].at;

		sqlp_buf_add(out, t + pos, at - pos);
		pos = at;
		switch (c->c.ins[j].what) {
		case SS_INS_COLUMN_LIST:
			sqlp_buf_addstr(out, " (");
			sqlp_buf_add(out, t, c->col_len);
			sqlp_buf_addch(out, ')');
			break;
		case SS_INS_COLUMN_LIST_BEFORE:
			sqlp_buf_addch(out, '(');
			sqlp_buf_add(out, t, c->col_len);
			sqlp_buf_addstr(out, ") ");
			break;
		case SS_INS_FOREIGN_KEY:
			sqlp_buf_addstr(out, "FOREIGN KEY (");
			sqlp_buf_add(out, t, c->col_len);
			sqlp_buf_addstr(out, ") ");
			break;
		case SS_INS_FOR_COLUMN:
			sqlp_buf_addstr(out, " FOR ");
			sqlp_buf_add(out, t, c->col_len);
			break;
		case SS_INS_PRIMARY:
			sqlp_buf_addstr(out, "PRIMARY ");
			break;
		}
	}
	sqlp_buf_add(out, t + pos, c->c.off + c->c.len - pos);
}

/* Between the ADDs of the ALTER TABLE: T-SQL's one ADD takes a list. */
static void add_separator(struct ss_filter *f, int *first)
{
	if (f->dialect == SQLP_TSQL)
		sqlp_buf_addf(&f->alter, *first ? "%s\tADD " : ",%s\t", f->em.eol);
	else
		sqlp_buf_addf(&f->alter, *first ? "%s\tADD " : ",%s\tADD ", f->em.eol);
	*first = 0;
}

/* Remember a removed constraint by name (T-SQL CHECK CONSTRAINT and comments follow it). */
static void remember_removed(struct ss_filter *f, const struct sqlp_item *it, int kind,
			     enum ss_fate fate, const char *name, size_t name_len)
{
	struct ss_fmap_ent *me;
	char *nm;

	if (fate == SS_FATE_DEFER || !name_len)
		return;	/* deferred: what names it is deferred anyway */
	nm = ss_xstrndup(name, name_len);
	if (ss_filter_obj_key(f, &f->key, kind == SQLP_C_INDEX ? SQLP_O_INDEX : SQLP_O_CONSTRAINT, nm,
			      it->object)) {
		me = ss_filter_objs_put(f, f->key.data, f->key.len);
		me->fate = (unsigned char)fate;
		me->kind = (short)kind;
		me->val = ss_fmap_strdup(&f->objs, nm, strlen(nm));
	}
	free(nm);
}

static int my_ident_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || c >= 0x80;
}

/* The name at t (a `quoted` or plain MySQL name): *n bytes from the returned start. */
static const char *my_name_at(const char *t, const char *e, size_t *n)
{
	const char *q;

	if (t < e && *t == '`') {
		for (q = t + 1; q < e && *q != '`'; q++)
			;
		*n = (size_t)(q - t - 1);
		return t + 1;
	}
	for (q = t; q < e && my_ident_byte((unsigned char)*q); q++)
		;
	*n = (size_t)(q - t);
	return t;
}

/* Does the MySQL column definition t..t+len say AUTO_INCREMENT (outside its strings)? */
static int my_column_auto_increment(const char *t, size_t len)
{
	const char *p = t, *e = t + len;

	while (p < e) {
		if (*p == '\'' || *p == '"' || *p == '`') {
			char qc = *p++;

			while (p < e && *p != qc)
				p += *p == '\\' && qc != '`' ? 2 : 1;
			p++;
		} else if (my_ident_byte((unsigned char)*p)) {
			const char *w = p;

			while (p < e && my_ident_byte((unsigned char)*p))
				p++;
			if (p - w == 14 && !strncasecmp(w, "auto_increment", 14))
				return 1;
		} else {
			p++;
		}
	}
	return 0;
}

/* Is the first column of the key element e (text t) the column col? */
static int my_key_starts_with(const char *t, const struct sqlp_elem *e, const char *col, size_t coln)
{
	const char *p = t + e->off, *end = t + e->off + e->len, *nm;
	size_t n;

	if (e->name_len)
		p = t + e->name_off + e->name_len;
	while (p < end && *p != '(')
		p++;
	if (p == end)
		return 0;
	for (p++; p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'); p++)
		;
	nm = my_name_at(p, end, &n);
	return n == coln && !strncasecmp(nm, col, n);
}

/*
 * MySQL refuses a table whose AUTO_INCREMENT column is not the first column
 * of some key ("there can be only one auto column and it must be defined as
 * a key"): when no key left in the CREATE TABLE starts with it, the first
 * moved or removed key that does stays in place.
 */
static void keep_auto_increment_key(struct ss_filter *f, const struct sqlp_item *it,
				    struct ss_decision *d, size_t *nmoved, size_t *nremoved)
{
	const char *col = NULL;
	size_t coln = 0, i, ai = 0, cand = (size_t)-1;

	for (i = 0; i < f->nelems && !col; i++) {
		const struct sqlp_elem *e = &f->elems[i].e;

		if (e->kind == SQLP_E_COLUMN &&
		    my_column_auto_increment(it->text + e->off, e->len)) {
			col = my_name_at(it->text + e->off, it->text + e->off + e->len, &coln);
			ai = i;
		}
	}
	if (!col || !coln)
		return;
	for (i = 0; i < f->nccs; i++)
		if (f->ccs[i].elem == ai)
			return;	/* a key in its own definition: left as it is */
	for (i = 0; i < f->nelems; i++) {
		const struct ss_elem *el = &f->elems[i];

		if (el->e.kind != SQLP_E_CONSTRAINT || el->e.cons == SQLP_K_FOREIGN_KEY ||
		    el->e.cons == SQLP_K_CHECK || el->e.cons == SQLP_K_FULLTEXT ||
		    el->e.cons == SQLP_K_SPATIAL || !my_key_starts_with(it->text, &el->e, col, coln))
			continue;
		if (el->fate == SS_FATE_KEEP)
			return;
		if (cand == (size_t)-1)
			cand = i;
	}
	if (cand == (size_t)-1)
		return;
	if (f->elems[cand].fate == SS_FATE_DEFER)
		(*nmoved)--;
	else
		(*nremoved)--;
	f->elems[cand].fate = SS_FATE_KEEP;
	{
		size_t rl = strlen(d->reason);

		REASON(f, d->reason + rl, sizeof(d->reason) - rl,
		       "; the key on AUTO_INCREMENT column %.*s kept in place (MySQL needs one)",
		       (int)coln, col);
	}
}

/*
 * Move the inline keys and foreign keys of a CREATE TABLE whose fate says
 * so into one ALTER TABLE ... ADD for the post-sync part, and drop what is
 * stripped (AUTO_INCREMENT=N).  Fills f->text (the new CREATE TABLE) and
 * f->alter (the ALTER TABLE, empty if none); returns 1 if rewritten.
 */
int ss_filter_rewrite_table(struct ss_filter *f, const struct sqlp_item *it, struct ss_decision *d)
{
	size_t first = (size_t)-1, last = 0, nmoved = 0, nremoved = 0, ncol = 0, i, ci;
	unsigned long refs0 = f->st.column_refs;
	int ai = 0;

	if (!table_may_change(f, it))
		return 0;
	f->nelems = 0;
	f->nccs = 0;
	if (sqlp_table_elements(it->dialect, it->text, it->len, collect_elem, f) != 0 || !f->nelems)
		return 0;
	for (i = 0; i < f->nelems; i++) {
		struct ss_elem *el = &f->elems[i];

		if (el->e.kind == SQLP_E_AUTO_INCREMENT) {
			el->kind = SS_FK_AUTO_INCREMENT;
			el->fate = ss_filter_kind_fate(&f->cfg, SS_FK_AUTO_INCREMENT);
			if (el->fate == SS_FATE_DEFER)
				el->fate = SS_FATE_KEEP;
			if (el->fate != SS_FATE_KEEP) {
				el->fate = SS_FATE_STRIP;
				ai = 1;
			}
			continue;
		}
		if (first == (size_t)-1)
			first = i;
		last = i;
		if (el->e.kind == SQLP_E_COLUMN) {
			ncol += collect_column(f, it, d, i);
			continue;
		}
		if (el->e.kind != SQLP_E_CONSTRAINT)
			continue;
		el->kind = cons_kind(f, it, &el->e);
		if (el->kind < 0)
			continue;
		el->fate = inline_fate(f, el->kind, d);
		if (el->fate == SS_FATE_DEFER)
			nmoved++;
		else if (el->fate == SS_FATE_STRIP)
			nremoved++;
	}
	for (i = 0; i < f->nccs; i++) {
		if (f->ccs[i].fate == SS_FATE_DEFER)
			nmoved++;
		else
			nremoved++;
	}
	if (it->dialect == SQLP_MYSQL && (nmoved || nremoved))
		keep_auto_increment_key(f, it, d, &nmoved, &nremoved);
	if (f->st.column_refs > refs0) {
		size_t rl = strlen(d->reason);

		REASON(f, d->reason + rl, sizeof(d->reason) - rl,
		       "; %lu REFERENCES in column definitions left in place (MySQL ignores them, "
		       "MariaDB creates them)", f->st.column_refs - refs0);
	}
	if (!nmoved && !nremoved && !ai)
		return 0;

	/* the new CREATE TABLE: kept elements with the separators that preceded them */
	sqlp_buf_reset(&f->text);
	if (first == (size_t)-1) {
		sqlp_buf_add(&f->text, it->text, it->len);
	} else {
		const struct sqlp_elem *e0 = &f->elems[first].e, *el = &f->elems[last].e;
		size_t prev_end = 0;
		int any = 0;

		ci = 0;
		sqlp_buf_add(&f->text, it->text, e0->off);
		for (i = first; i <= last; i++) {
			const struct sqlp_elem *e = &f->elems[i].e;

			if (e->kind == SQLP_E_AUTO_INCREMENT)
				continue;
			if (f->elems[i].fate == SS_FATE_KEEP) {
				if (any)
					sqlp_buf_add(&f->text, it->text + prev_end, e->off - prev_end);
				add_column_without(f, it, i, &ci, &f->text);
				any = 1;
			}
			prev_end = e->off + e->len;
		}
		/* the tail, without a stripped AUTO_INCREMENT=N */
		{
			size_t from = el->off + el->len;

			for (i = 0; i < f->nelems; i++) {
				const struct sqlp_elem *e = &f->elems[i].e;
				size_t a, b;

				if (e->kind != SQLP_E_AUTO_INCREMENT || f->elems[i].fate != SS_FATE_STRIP ||
				    e->off < from)
					continue;
				a = e->off;
				b = e->off + e->len;
				/* take one separator with it: blanks before, or a comma and blanks */
				while (a > from && (it->text[a - 1] == ' ' || it->text[a - 1] == '\t'))
					a--;
				if (a > from && it->text[a - 1] == ',') {
					a--;
				} else if (a == e->off) {
					while (b < it->len && (it->text[b] == ' ' || it->text[b] == '\t'))
						b++;
				}
				sqlp_buf_add(&f->text, it->text + from, a - from);
				from = b;
			}
			sqlp_buf_add(&f->text, it->text + from, it->len - from);
		}
	}

	/* the ALTER TABLE for the post-sync part, in the order of the CREATE TABLE */
	sqlp_buf_reset(&f->alter);
	if (nmoved) {
		int n = ss_name_parse(&f->nm, it->object), first_add = 1;

		sqlp_buf_addstr(&f->alter, "ALTER TABLE ");
		for (int p = 0; p < n; p++) {
			if (p)
				sqlp_buf_addch(&f->alter, '.');
			ss_filter_quote_name(f, &f->alter, f->nm.part[p], f->nm.len[p]);
		}
		ci = 0;
		for (i = 0; i < f->nelems; i++) {
			if (f->elems[i].fate == SS_FATE_DEFER) {
				add_separator(f, &first_add);
				sqlp_buf_add(&f->alter, it->text + f->elems[i].e.off, f->elems[i].e.len);
			}
			for (; ci < f->nccs && f->ccs[ci].elem == i; ci++) {
				if (f->ccs[ci].fate != SS_FATE_DEFER)
					continue;
				add_separator(f, &first_add);
				add_table_form(f, it, &f->ccs[ci], &f->alter);
			}
		}
	}

	/* count, and remember the removed constraints by name */
	for (i = 0; i < f->nelems; i++) {
		const struct ss_elem *el = &f->elems[i];

		if (el->kind < 0 || el->kind == SS_FK_AUTO_INCREMENT || el->fate == SS_FATE_KEEP)
			continue;
		f->st.by_kind[el->kind][el->fate]++;
		remember_removed(f, it, el->kind, el->fate, it->text + el->e.name_off, el->e.name_len);
	}
	for (i = 0; i < f->nccs; i++) {
		const struct ss_ccons *c = &f->ccs[i];

		f->st.by_kind[c->kind][c->fate]++;
		remember_removed(f, it, c->kind, c->fate,
				 it->text + f->elems[c->elem].e.off + c->c.name_off, c->c.name_len);
	}
	if (ai)
		f->st.by_kind[SS_FK_AUTO_INCREMENT][SS_FATE_STRIP]++;
	f->st.rewrites++;

	/* say what happened */
	sqlp_buf_reset(&f->note);
	sqlp_buf_addstr(&f->note, "; rewritten:");
	if (nmoved) {
		sqlp_buf_addstr(&f->note, " moved ");
		elem_counts(f, SS_FATE_DEFER, &f->note);
		sqlp_buf_addstr(&f->note, " to an ALTER TABLE in the post-sync part");
	}
	if (nremoved) {
		sqlp_buf_addstr(&f->note, nmoved ? "; removed " : " removed ");
		elem_counts(f, SS_FATE_STRIP, &f->note);
	}
	if (ncol)
		sqlp_buf_addf(&f->note, " (%zu from column definitions)", ncol);
	if (ai)
		sqlp_buf_addstr(&f->note, nmoved || nremoved ? "; removed AUTO_INCREMENT=N" :
				" removed AUTO_INCREMENT=N");
	ss_buf_check(&f->text);
	ss_buf_check(&f->alter);
	ss_buf_check(&f->note);
	{
		size_t rl = strlen(d->reason);

		snprintf(d->reason + rl, sizeof(d->reason) - rl, "%s", f->note.data);
	}
	return 1;
}

/* --- multi-action ALTER TABLE ---------------------------------------------------- */

#define MAX_ACTIONS 256

/* Is this action the table option AUTO_INCREMENT[=]N? */
static int is_auto_increment(const char *s, size_t n)
{
	size_t i = 14;

	if (n < 15 || strncasecmp(s, "auto_increment", 14))
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && s[i] == '=')
		i++;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i < n && s[i] >= '0' && s[i] <= '9';
}

/*
 * An ALTER TABLE with several actions of different fates (phpMyAdmin's
 * "ADD PRIMARY KEY (id), ADD KEY k (a)", "MODIFY id ... AUTO_INCREMENT,
 * AUTO_INCREMENT=5", T-SQL's "ADD CONSTRAINT pk PRIMARY KEY (id),
 * CONSTRAINT fk FOREIGN KEY ..."): one ALTER TABLE per fate, in place.
 * Returns 1 when it wrote and reported the item, 0 to let it go whole, -1
 * on error.
 */
int ss_filter_split_alter(struct ss_filter *f, const struct sqlp_item *it, const struct ss_decision *d,
		       struct ss_err *err)
{
	struct ss_action acts[MAX_ACTIONS];
	unsigned char fates[MAX_ACTIONS];
	short kinds[MAX_ACTIONS];
	size_t prefix_len = 0, n, i;
	struct sqlp_item probe, own;
	struct sqlp_buf names = SQLP_BUF_INIT;
	struct ss_decision od;
	int mixed = 0, wrote = 0, g;
	unsigned written = 0;

	if (d->fate == SS_FATE_EXCLUDE || (!*it->object && !*it->table))
		return 0;
	n = ss_filter_split_actions(it->dialect, it->text, it->len, &prefix_len, acts, MAX_ACTIONS);
	if (n < 2 || n > MAX_ACTIONS)
		return 0;
	/* the fate the table imposes, whatever the actions are */
	own = *it;
	own.cls = SQLP_C_ALTER_TABLE;
	own.objkind = SQLP_O_TABLE;
	own.object = *it->table ? it->table : it->object;
	own.table = "";
	own.flags &= ~(unsigned)SQLP_F_NOT_VALID;
	ss_filter_decide(f, &own, &od);
	for (i = 0; i < n; i++) {
		const char *a = it->text + acts[i].off;
		enum ss_fate fate;
		int k;

		if (is_auto_increment(a, acts[i].len)) {
			k = SS_FK_AUTO_INCREMENT;
		} else {
			sqlp_buf_reset(&f->scratch);
			sqlp_buf_add(&f->scratch, it->text, prefix_len);
			sqlp_buf_add(&f->scratch, a, acts[i].len);
			ss_buf_check(&f->scratch);
			memset(&probe, 0, sizeof(probe));
			if (sqlp_classify(it->dialect, f->scratch.data, f->scratch.len, it->session, &probe,
					  &names)) {
				sqlp_buf_release(&names);
				return ss_err_set(err, SS_ERR_INTERNAL, "out of memory");
			}
			probe.dialect = it->dialect;
			probe.text = f->scratch.data;
			probe.len = f->scratch.len;
			k = ss_filter_item_kind(&probe);
		}
		fate = ss_filter_kind_fate(&f->cfg, k);
		if (fate == SS_FATE_KEEP && f->cfg.post_sync && k != SS_FK_AUTO_INCREMENT &&
		    f->cfg.op[ss_filter_class_kind_any(k)] != SS_OP_PRE &&
		    ss_filter_ends_not_valid(it->dialect, a, acts[i].len))
			fate = SS_FATE_DEFER;
		if (fate == SS_FATE_DEFER && !f->cfg.post_sync)
			fate = SS_FATE_KEEP;
		if (od.fate > fate)
			fate = od.fate;
		fates[i] = (unsigned char)fate;
		kinds[i] = (short)k;
		if (i && fates[i] != fates[0])
			mixed = 1;
	}
	sqlp_buf_release(&names);
	if (!mixed)
		return 0;

	/* one statement per fate that is written, in the order pre, post */
	for (g = SS_FATE_KEEP; g <= SS_FATE_DEFER; g++) {
		struct sqlp_item syn = *it;
		size_t prev_end = 0;
		int any = 0, o;
		char lead[256];

		sqlp_buf_reset(&f->alter);
		sqlp_buf_add(&f->alter, it->text, prefix_len);
		for (i = 0; i < n; i++) {
			if (fates[i] == g) {
				if (any)
					sqlp_buf_add(&f->alter, it->text + prev_end, acts[i].off - prev_end);
				sqlp_buf_add(&f->alter, it->text + acts[i].off, acts[i].len);
				any = 1;
			}
			prev_end = acts[i].off + acts[i].len;
		}
		ss_buf_check(&f->alter);
		if (!any)
			continue;
		o = g == SS_FATE_DEFER ? SS_OUT_POST : SS_OUT_PRE;
		syn.text = f->alter.data;
		syn.len = f->alter.len;
		if (wrote) {
			snprintf(lead, sizeof(lead), "%s%s-- ssync filter: split from the ALTER TABLE at %s:%u%s",
				 f->em.eol, f->em.eol, f->name ? f->name : "-", it->line, f->em.eol);
			syn.lead = lead;
			syn.lead_len = strlen(lead);
		}
		if (ss_emit_item(&f->em, o, &syn, wrote ? NULL : f->prefix.data,
				 wrote ? 0 : f->prefix.len, NULL, 0, err))
			return -1;
		wrote = 1;
		written |= 1u << o;
	}
	/* the outputs that got nothing: as handle() does for a statement not theirs */
	for (int o = 0; o < f->em.nout; o++) {
		if (written & (1u << o))
			continue;
		if (f->first_item && ss_emit_raw(&f->em, o, it->lead, it->lead_len, err))
			return -1;
		if (it->dialect == SQLP_TSQL && (it->flags & SQLP_F_BATCH_END) &&
		    ss_emit_batch_end(&f->em, o, it->batch, it->repeat, err))
			return -1;
	}
	sqlp_buf_reset(&f->prefix);
	f->first_item = 0;
	{
		struct ss_decision rd = *d;
		size_t rl;

		rd.fate = (enum ss_fate)fates[0];
		for (i = 1; i < n; i++)
			if (fates[i] < rd.fate)
				rd.fate = (enum ss_fate)fates[i];	/* the least severe: where it went */
		snprintf(rd.reason, sizeof(rd.reason), "rewritten: split by fate:");
		for (i = 0; i < n; i++) {
			rl = strlen(rd.reason);
			snprintf(rd.reason + rl, sizeof(rd.reason) - rl, "%s %s %s", i ? "," : "",
				 ss_filter_kind_name(kinds[i]), ss_fate_name((enum ss_fate)fates[i]));
			f->st.by_kind[kinds[i]][fates[i]]++;
		}
		ss_filter_report(f, it, &rd);
	}
	f->st.rewrites++;
	return 1;
}

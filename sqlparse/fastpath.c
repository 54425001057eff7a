/*
 * fastpath.c - the PostgreSQL statements pg_dump writes by the thousand,
 * classified straight from their bytes:
 *
 *	CREATE [UNIQUE] INDEX name ON [ONLY] schema.table ...
 *	CREATE TABLE schema.table (...
 *	CREATE SEQUENCE schema.seq ...
 *	ALTER TABLE [ONLY] schema.table ADD CONSTRAINT name
 *		PRIMARY KEY | UNIQUE | FOREIGN KEY | CHECK | EXCLUDE ...
 *	ALTER TABLE [ONLY] schema.table ALTER ...
 *	ALTER SEQUENCE schema.seq OWNED BY schema.table.column
 *
 * A shape is taken only in its plain form: keywords in any case with
 * whitespace between them, no comments, names made of parts [a-z_][a-z0-9_]*
 * (no quoting, no case folding) that are not the keyword a rule would take
 * them for (an index named "on" or "concurrently", a sequence named "if").  Then the answer of
 * the rules in classify.c is known without the tokenizer; for anything else
 * sqlp__fast_pg() returns 0 and leaves the item alone, and those rules run.
 * The two must agree: tests/unit/test_sqlparse_fast.c compares them on
 * variants of every shape.
 */
#include <string.h>

#include "classify.h"

struct fp {
	struct cx *c;
	const char *p;	/* the next byte to read */
};

static inline void fp_ws(struct fp *f)
{
	const unsigned char *ct = f->c->ct;
	const char *p = f->p, *e = f->c->e;

	while (p < e && (ct[(unsigned char)*p] & TK_SPACE))
		p++;
	f->p = p;
}

/* Copy n bytes that lie inside p..e (no byte after them may be read). */
static inline void copy_in(char *dst, const char *p, size_t n)
{
	uint64_t w;

	if (n < 8) {
		/* two copies that overlap: the first and the last bytes */
		if (n >= 4) {
			uint32_t a, b;

			memcpy(&a, p, 4);
			memcpy(&b, p + n - 4, 4);
			memcpy(dst, &a, 4);
			memcpy(dst + n - 4, &b, 4);
		} else if (n) {
			char a = p[0], b = p[n / 2], c = p[n - 1];

			dst[0] = a;
			dst[n / 2] = b;
			dst[n - 1] = c;
		}
		return;
	}
	for (; n > 8; n -= 8, p += 8, dst += 8) {
		memcpy(&w, p, 8);
		memcpy(dst, &w, 8);
	}
	memcpy(&w, p + n - 8, 8);
	memcpy(dst + n - 8, &w, 8);
}

/* The keyword at kwp (padded, as for is()) as a whole word, after blanks. */
static inline __attribute__((always_inline)) int fp_kw(struct fp *f, const char *kwp, size_t n)
{
	const char *e = f->c->e, *q;

	fp_ws(f);
	q = f->p;
	if ((size_t)(e - q) < n || !kw_eq(q, f->c->s, e, n, kwp) ||
	    (q + n < e && (f->c->ct[(unsigned char)q[n]] & TK_WORD)))
		return 0;
	f->p = q + n;
	return 1;
}

#define KW(f, kw) fp_kw((f), "" kw KW_PAD, sizeof(kw) - 1)

/* The first byte from p on that is not [a-z0-9_] (what a plain name is made of), or e. */
static inline const char *plain_end(const char *p, const char *e)
{
	const unsigned char *q = (const unsigned char *)p, *end = (const unsigned char *)e;

#ifdef __SSE2__
	const __m128i a = _mm_set1_epi8((char)(0x80 - 'a')), a26 = _mm_set1_epi8(-128 + 26);
	const __m128i d = _mm_set1_epi8((char)(0x80 - '0')), d10 = _mm_set1_epi8(-128 + 10);
	const __m128i us = _mm_set1_epi8('_');

	while (end - q >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)q);
		__m128i plain = _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(x, a), a26),
					     _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(x, d), d10),
							  _mm_cmpeq_epi8(x, us)));
		unsigned stop = ~(unsigned)_mm_movemask_epi8(plain) & 0xffff;

		if (stop)
			return (const char *)q + __builtin_ctz(stop);
		q += 16;
	}
#endif
	while (q < end && ((*q >= 'a' && *q <= 'z') || sqlp__is_digit(*q) || *q == '_'))
		q++;
	return (const char *)q;
}

/*
 * A plain name part after blanks: a word of [a-z0-9_] that the tokenizer
 * reads as a word (not the prefix of a string), appended to nm as
 * name_part() does.  0 if there is none.
 */
static int fp_part(struct fp *f, struct name *nm)
{
	const char *e = f->c->e, *p, *q;

	fp_ws(f);
	p = f->p;
	if (p == e || !((*p >= 'a' && *p <= 'z') || *p == '_'))
		return 0;
	/* a word byte after the plain run is one that is not plain */
	q = plain_end(p + 1, e);
	if ((q < e && ((f->c->ct[(unsigned char)*q] & TK_WORD) || *q == '\'')) ||
	    nm->n + (size_t)(q - p) + 2 >= sizeof(nm->s))
		return 0;
	if (nm->parts++)
		nm->s[nm->n++] = '.';
	nm->last = nm->n;
	copy_in(nm->s + nm->n, p, (size_t)(q - p));
	nm->n += (size_t)(q - p);
	nm->s[nm->n] = 0;
	f->p = q;
	return 1;
}

/*
 * A qualified name (parts joined by '.' with nothing between) read as
 * parse_name() reads it: 0 unless the token after it is sure not to be a
 * '.' that would continue it (blanks, then no '.' and no comment).
 */
static int fp_name(struct fp *f, struct name *nm)
{
	const char *e = f->c->e;

	nm->n = nm->last = 0;
	nm->parts = 0;
	nm->s[0] = 0;
	if (!fp_part(f, nm))
		return 0;
	while (f->p < e && *f->p == '.') {
		f->p++;
		if (f->p == e || !(f->c->ct[(unsigned char)*f->p] & TK_START) || !fp_part(f, nm))
			return 0;
	}
	fp_ws(f);
	return f->p == e || (*f->p != '.' && *f->p != '-' && *f->p != '/');
}

/* The first part of nm is the keyword kw (n bytes; a plain name is lower case). */
static inline int first_is_n(const struct name *nm, const char *kw, size_t n)
{
	return (nm->parts == 1 ? nm->n == n : nm->n > n && nm->s[n] == '.') && !memcmp(nm->s, kw, n);
}

#define first_is(nm, kw) first_is_n((nm), "" kw "", sizeof(kw) - 1)

/*
 * Is there a comma at parenthesis depth 0 from p on (a second ALTER TABLE
 * action)?  1 or 0; -1 when a quote, dollar sign or comment makes the bytes
 * alone unsure (the tokenizer must read them).
 */
static int comma_at_depth0(const char *p, const char *e)
{
	unsigned depth = 0;

	if (!memchr(p, ',', (size_t)(e - p)))
		return 0;
	for (; p < e; p++) {
		switch (*p) {
		case '\'':
		case '"':
		case '$':
			return -1;
		case '-':
			if (p + 1 < e && p[1] == '-')
				return -1;
			break;
		case '/':
			if (p + 1 < e && p[1] == '*')
				return -1;
			break;
		case '(':
			depth++;
			break;
		case ')':
			depth -= depth != 0;
			break;
		case ',':
			if (!depth)
				return 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* CREATE [UNIQUE] INDEX name ON [ONLY] table: as sqlp__do_create() and on_table(). */
static int fp_index(struct fp *f, int unique)
{
	struct cx *c = f->c;
	int only;

	if (!fp_name(f, c->obj) || c->obj->parts != 1 || first_is(c->obj, "on") ||
	    first_is(c->obj, "concurrently") || first_is(c->obj, "if") || !KW(f, "on"))
		return 0;
	only = KW(f, "only");
	if (!fp_name(f, c->tbl))
		return 0;
	set(c, unique ? SQLP_C_UNIQUE_INDEX : SQLP_C_INDEX, SQLP_O_INDEX);
	if (only)
		c->it->flags |= SQLP_F_ONLY;
	return 1;
}

/* ALTER TABLE [ONLY] t ADD CONSTRAINT n ... / ALTER ...: as do_alter_table(). */
static int fp_alter_table(struct fp *f)
{
	struct cx *c = f->c;
	enum sqlp_cons k;
	enum sqlp_class cls;
	int only = KW(f, "only"), multi;

	if (!fp_name(f, c->tbl) || first_is(c->tbl, "if"))
		return 0;
	if (KW(f, "alter")) {
		/* ALTER COLUMN ...: an alter-table, unless a second action follows */
		if ((multi = comma_at_depth0(f->p, c->e)) < 0)
			return 0;
		set(c, SQLP_C_ALTER_TABLE, SQLP_O_TABLE);
		name_copy(c->obj, c->tbl);
		c->it->flags |= (only ? SQLP_F_ONLY : 0) | (multi ? SQLP_F_MULTI_ACTION : 0);
		return 1;
	}
	if (!KW(f, "add") || !KW(f, "constraint") || !fp_name(f, c->obj) || c->obj->parts != 1 ||
	    first_is(c->obj, "if"))
		return 0;
	if (KW(f, "primary")) {
		if (!KW(f, "key"))
			return 0;
		k = SQLP_K_PRIMARY_KEY;
		cls = SQLP_C_PRIMARY_KEY;
	} else if (KW(f, "unique")) {
		k = SQLP_K_UNIQUE;
		cls = SQLP_C_UNIQUE;
	} else if (KW(f, "foreign")) {
		if (!KW(f, "key"))
			return 0;
		k = SQLP_K_FOREIGN_KEY;
		cls = SQLP_C_FOREIGN_KEY;
	} else if (KW(f, "check")) {
		k = SQLP_K_CHECK;
		cls = SQLP_C_CHECK;
	} else if (KW(f, "exclude")) {
		k = SQLP_K_EXCLUSION;
		cls = SQLP_C_EXCLUSION;
	} else {
		return 0;
	}
	/* alter_add() looks for NOT VALID after a foreign key or a check */
	if ((k == SQLP_K_FOREIGN_KEY || k == SQLP_K_CHECK) &&
	    sqlp__tk_rest_from(f->p, c->e, "valid", 5))
		return 0;
	if ((multi = comma_at_depth0(f->p, c->e)) < 0)
		return 0;
	set(c, cls, SQLP_O_CONSTRAINT);
	c->it->cons = k;
	c->it->flags |= (only ? SQLP_F_ONLY : 0) | (multi ? SQLP_F_MULTI_ACTION : 0);
	return 1;
}

/* ALTER SEQUENCE s OWNED BY t.c: as do_alter(). */
static int fp_alter_sequence(struct fp *f)
{
	struct cx *c = f->c;
	struct name col;

	if (!fp_name(f, c->obj) || first_is(c->obj, "if") ||
	    sqlp__tk_rest_from(f->p, c->e, "owner", 5) || !KW(f, "owned") || !KW(f, "by") ||
	    !fp_name(f, &col) || col.parts < 2)
		return 0;
	set(c, SQLP_C_SEQUENCE_OWNED, SQLP_O_SEQUENCE);
	name_parent(c->tbl, &col);
	return 1;
}

int sqlp__fast_pg(struct cx *c)
{
	struct fp f = { c, c->s };
	int unique;

	if (c->e - c->s < 16)
		return 0;
	if (KW(&f, "create")) {
		unique = KW(&f, "unique");
		if (KW(&f, "index"))
			return fp_index(&f, unique);
		if (unique)
			return 0;
		if (KW(&f, "table")) {
			/* CREATE TABLE t (: not PARTITION OF, not AS */
			if (!fp_name(&f, c->obj) || first_is(c->obj, "if") || f.p == c->e ||
			    *f.p != '(')
				return 0;
			set(c, SQLP_C_TABLE, SQLP_O_TABLE);
			return 1;
		}
		if (KW(&f, "sequence")) {
			if (!fp_name(&f, c->obj) || first_is(c->obj, "if"))
				return 0;
			set(c, SQLP_C_SEQUENCE, SQLP_O_SEQUENCE);
			return 1;
		}
		return 0;
	}
	if (KW(&f, "alter")) {
		if (KW(&f, "table"))
			return fp_alter_table(&f);
		if (KW(&f, "sequence"))
			return fp_alter_sequence(&f);
	}
	return 0;
}

/*
 * fastpath.c - the PostgreSQL statements pg_dump writes by the thousand,
 * classified straight from their bytes:
 *
 *	CREATE [UNIQUE] INDEX name ON [ONLY] schema.table ...
 *	CREATE TABLE schema.table (...
 *	CREATE SEQUENCE schema.seq ...
 *	ALTER TABLE [ONLY] schema.table ADD CONSTRAINT name
 *		PRIMARY KEY | UNIQUE | FOREIGN KEY | CHECK | EXCLUDE ...
 *	ALTER TABLE [ONLY] schema.table ALTER ... | OWNER TO ... |
 *		ATTACH PARTITION schema.table ...
 *	ALTER SEQUENCE schema.seq OWNED BY schema.table.column
 *
 * A shape is taken only in its plain form: keywords in any case with
 * whitespace between them, no comments, names made of parts [a-z_][a-z0-9_]*
 * (no quoting, no case folding) that are not the keyword a rule would take
 * them for (an index named "on" or "concurrently", a sequence named "if").
 * Then the answer of the rules in classify.c is known without the
 * tokenizer; for anything else fast_pg() returns 0 and leaves the item
 * alone, and those rules run.
 * The two must agree: tests/unit/test_sqlparse_fast.c compares them on
 * variants of every shape.
 *
 * A plain qualified name is a run of the text as it stands, so the names
 * are not built up part by part: the item's names are copied from the
 * text once, at the end.
 */
#include <string.h>

#include "classify.h"

/* The byte classes of PostgreSQL: a constant address, nothing to load. */
#define CT sqlp__tk_class[SQLP_POSTGRES]

struct fp {
	const char *s, *e;	/* the statement */
	const char *p;		/* the next byte to read */
};

/* A plain qualified name in the text. */
struct fpn {
	const char *p;
	size_t n;
	size_t first;		/* length of the first part (n if there is one part) */
	size_t last;		/* offset of the last part (0 if there is one part) */
};

static inline __attribute__((always_inline)) void fp_ws(struct fp *f)
{
	const char *p = f->p, *e = f->e;

	while (p < e && (CT[(unsigned char)*p] & TK_SPACE))
		p++;
	f->p = p;
}

/* Copy n bytes that lie inside p..e (no byte after them may be read). */
static inline __attribute__((always_inline)) void copy_in(char *dst, const char *p, size_t n)
{
	uint64_t w, v;

	if (n >= 16) {
#ifdef __SSE2__
		for (; n > 16; n -= 16, p += 16, dst += 16)
			_mm_storeu_si128((__m128i *)dst, _mm_loadu_si128((const __m128i *)p));
		_mm_storeu_si128((__m128i *)(dst + n - 16),
				 _mm_loadu_si128((const __m128i *)(p + n - 16)));
		return;
#else
		for (; n > 8; n -= 8, p += 8, dst += 8) {
			memcpy(&w, p, 8);
			memcpy(dst, &w, 8);
		}
#endif
	}
	/* two copies that overlap: the first and the last bytes */
	if (n >= 8) {
		memcpy(&w, p, 8);
		memcpy(&v, p + n - 8, 8);
		memcpy(dst, &w, 8);
		memcpy(dst + n - 8, &v, 8);
	} else if (n >= 4) {
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
}

/*
 * Every step below leaves f->p after the blanks that follow what it read,
 * so that the next one starts at a token.
 */

/* The keyword at kwp (padded, as for is()) as a whole word, and the blanks after it. */
static inline __attribute__((always_inline)) int fp_kw(struct fp *f, const char *kwp, size_t n)
{
	const char *e = f->e, *q = f->p;

	if ((size_t)(e - q) < n || !kw_eq(q, f->s, e, n, kwp) ||
	    (q + n < e && (CT[(unsigned char)q[n]] & TK_WORD)))
		return 0;
	f->p = q + n;
	fp_ws(f);
	return 1;
}

#define KW(f, kw) fp_kw((f), "" kw KW_PAD, sizeof(kw) - 1)

/*
 * The keywords of lit (lower case, with a space after each) as pg_dump
 * writes them, one space after each: a single compare of at most 16
 * bytes, then the blanks after.  0 (f->p unmoved) otherwise: the caller
 * then reads them with KW(), which takes any blanks.
 */
static inline __attribute__((always_inline)) int fp_lit(struct fp *f, const char *lit, size_t n)
{
	const char *e = f->e, *q = f->p;

	if ((size_t)(e - q) < n || !kw_eq(q, f->s, e, n, lit))
		return 0;
	f->p = q += n;
	if (q < e && (CT[(unsigned char)*q] & TK_SPACE))
		fp_ws(f);
	return 1;
}

/* kws and its space fit in 16 bytes (else the array size is -1: no build) */
#define LIT(f, kws)                                                                                \
	fp_lit((f), "" kws " " KW_PAD, sizeof(kws) + 0 * sizeof(char[sizeof(kws) <= 16 ? 1 : -1]))
/* A keyword that is usually there, usually with one space after it. */
#define KWF(f, kw) (LIT((f), kw) || KW((f), kw))

/* The next byte, lower-cased if a letter, or 0 at the end. */
static inline unsigned char fp_peek(const struct fp *f)
{
	return f->p < f->e ? (unsigned char)(*f->p | 0x20) : 0;
}

/* '.' would continue a name, '-' and '/' may start a comment. */
static inline int fp_dash_dot(char ch)
{
	return ch == '.' || ch == '-' || ch == '/';
}

static inline int plain_start(char ch)
{
	return (ch >= 'a' && ch <= 'z') || ch == '_';
}

/*
 * A qualified name, read as parse_name() reads it: parts of
 * [a-z_][a-z0-9_]* joined by single dots, that the tokenizer reads as
 * words (no word byte and no quote right after it), and then, after
 * blanks, nothing that could continue it (no '.') or start a comment.
 * 0 if there is none.  The text is at least 16 bytes long (fast_pg() sees
 * to it), so its last 16 bytes can always be loaded.  With one (a
 * constant), a name of one part: a dot ends the run, and then the name is
 * refused as one that continues.
 */
static inline __attribute__((always_inline)) int fp_name_in(struct fp *f, struct fpn *nm, int one)
{
	const char *e = f->e, *p = f->p, *q = p, *end;
	size_t first = 0, last = 0;

	if (p == e || !plain_start(*p))
		return 0;
#if defined(__SSE2__)
	{
		const __m128i a = _mm_set1_epi8((char)(0x80 - 'a')), a26 = _mm_set1_epi8(-128 + 26);
		const __m128i d = _mm_set1_epi8((char)(0x80 - '0')), d10 = _mm_set1_epi8(-128 + 10);
		const __m128i us = _mm_set1_epi8('_'), dot = _mm_set1_epi8('.');
		__m128i x, isdot;
		unsigned sh = 0, run, stop, dots;

		for (;;) {
			if (e - q >= 16) {
				x = _mm_loadu_si128((const __m128i *)q);
			} else if (q < e) {
				x = load_last(q, e, &sh);
			} else {
				end = e;
				break;
			}
			run = (unsigned)_mm_movemask_epi8(
				_mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(x, a), a26),
							  _mm_cmpeq_epi8(x, us)),
					     _mm_cmplt_epi8(_mm_add_epi8(x, d), d10)));
			dots = 0;
			if (!one) {
				isdot = _mm_cmpeq_epi8(x, dot);
				run |= (unsigned)_mm_movemask_epi8(isdot);
				dots = (unsigned)_mm_movemask_epi8(isdot);
			}
			if (sh) {
				run >>= sh;
				dots >>= sh;
			}
			/* the bytes past the text (sh of them) count as a stop */
			stop = run ^ 0xffff;
			if (stop)
				dots &= (1u << __builtin_ctz(stop)) - 1;
			/* a dot must be followed by a letter or '_' (of the run) */
			for (; dots; dots &= dots - 1) {
				const char *at = q + __builtin_ctz(dots);

				if (at + 1 == e || !plain_start(at[1]))
					return 0;
				if (!first)
					first = (size_t)(at - p);
				last = (size_t)(at + 1 - p);
			}
			if (stop) {
				end = q + __builtin_ctz(stop);
				break;
			}
			q += 16;
		}
	}
#else
	for (;; q++) {
		if (!one && q < e && *q == '.') {
			if (q + 1 == e || !plain_start(q[1]))
				return 0;
			if (!first)
				first = (size_t)(q - p);
			last = (size_t)(q + 1 - p);
		} else if (q == e || !(plain_start(*q) || sqlp__is_digit(*q))) {
			break;
		}
	}
	end = q;
#endif
	/* the rules keep names shorter than a struct name holds */
	if (end - p >= NAME_MAX_BYTES - 2)
		return 0;
	if (end < e && *end == ' ' &&
	    (end + 1 == e || !((CT[(unsigned char)end[1]] & TK_SPACE) || fp_dash_dot(end[1])))) {
		/* one space, then something else: what pg_dump writes */
		f->p = end + 1;
	} else {
		if (end < e && ((CT[(unsigned char)*end] & TK_WORD) || *end == '\''))
			return 0;
		f->p = end;
		fp_ws(f);
		if (f->p < e && fp_dash_dot(*f->p))
			return 0;
	}
	nm->p = p;
	nm->n = (size_t)(end - p);
	nm->first = first ? first : nm->n;
	nm->last = last;
	return 1;
}

#define fp_name(f, nm) fp_name_in((f), (nm), 0)
#define fp_name1(f, nm) fp_name_in((f), (nm), 1)

/* The first part of nm is the keyword kw (n bytes; a plain name is lower case). */
static inline int first_is_n(const struct fpn *nm, const char *kw, size_t n)
{
	return nm->first == n && !memcmp(nm->p, kw, n);
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

/*
 * For a foreign key or a check: does "valid" (any case) occur from p on
 * (alter_add() then looks for NOT VALID: 1), and is there a comma at all
 * (*comma)?  One pass for what sqlp__tk_rest_from(p, e, "valid", 5) and
 * the memchr() of comma_at_depth0() find.  The text is at least 16 bytes
 * long (its last 16 can be loaded).
 */
static int fp_valid_or_comma(const char *p, const char *e, int *comma)
{
#ifdef __SSE2__
	const __m128i v = _mm_set1_epi8('v'), fold = _mm_set1_epi8(0x20), cm = _mm_set1_epi8(',');
	unsigned sh = 0, seen = 0;
	const char *q;

	for (q = p; q < e; q += 16) {
		__m128i x = e - q >= 16 ? _mm_loadu_si128((const __m128i *)q) : load_last(q, e, &sh);
		unsigned mv;

		mv = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(x, fold), v)) >> sh;
		seen |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, cm)) >> sh;
		for (; mv; mv &= mv - 1) {
			const char *at = q + __builtin_ctz(mv);

			if (e - at >= 5 && kw_prefix(at, 5, "valid"))
				return 1;
		}
		if (sh)
			break;
	}
	*comma = seen != 0;
	return 0;
#else
	if (sqlp__tk_rest_from(p, e, "valid", 5))
		return 1;
	*comma = memchr(p, ',', (size_t)(e - p)) != NULL;
	return 0;
#endif
}

/* Does the plain (lower-case) name at p, n bytes, hold the word w (5 bytes)? */
static int plain_has5(const char *p, size_t n, const char *w)
{
	const char *e = p + n;

	while (e - p >= 5 && (p = memchr(p, w[0], (size_t)(e - p - 4))) != NULL) {
		if (!memcmp(p, w, 5))
			return 1;
		p++;
	}
	return 0;
}

/*
 * The item's names, "object\0table", copied from the text into names and
 * pointed to by it (as the rules leave them).  1, or -1 if the buffer
 * cannot grow.
 */
static inline __attribute__((always_inline)) int fp_out(struct sqlp_item *it, struct sqlp_buf *b,
							 const char *o, size_t on, const char *t,
							 size_t tn)
{
	size_t n = on + 1 + tn;
	char *d;

	if (b->cap <= n + 1 || b->limit || b->failed) {
		sqlp_buf_reset(b);
		if (sqlp_buf_grow(b, n))
			return -1;
	}
	d = b->data;
	b->len = n;
	it->object = d;
	it->table = d + on + 1;
	copy_in(d, o, on);
	d[on] = 0;
	copy_in(d + on + 1, t, tn);
	d[n] = 0;
	return 1;
}

static inline void fp_set(struct sqlp_item *it, enum sqlp_class cls, enum sqlp_objkind kind,
			  enum sqlp_cons k)
{
	it->cls = cls;
	it->objkind = kind;
	it->cons = k;
}

/* CREATE [UNIQUE] INDEX name ON [ONLY] table: as sqlp__do_create() and on_table(). */
static int fp_index(struct fp *f, int unique, struct sqlp_item *it, struct sqlp_buf *names)
{
	struct fpn obj, tbl;
	int only;

	if (!fp_name1(f, &obj) || first_is(&obj, "on") ||
	    first_is(&obj, "concurrently") || first_is(&obj, "if"))
		return 0;
	if (!KWF(f, "on"))
		return 0;
	only = fp_peek(f) == 'o' && KWF(f, "only");
	if (!fp_name(f, &tbl))
		return 0;
	fp_set(it, unique ? SQLP_C_UNIQUE_INDEX : SQLP_C_INDEX, SQLP_O_INDEX, SQLP_K_NONE);
	if (only)
		it->flags |= SQLP_F_ONLY;
	return fp_out(it, names, obj.p, obj.n, tbl.p, tbl.n);
}

/*
 * ALTER TABLE [ONLY] t ADD CONSTRAINT n ... / ALTER ... / OWNER TO ... /
 * ATTACH PARTITION p ...: as do_alter_table().
 */
static int fp_alter_table(struct fp *f, struct sqlp_item *it, struct sqlp_buf *names)
{
	struct fpn obj, tbl;
	enum sqlp_cons k;
	enum sqlp_class cls;
	int only = fp_peek(f) == 'o' && KWF(f, "only"), multi;

	if (!fp_name(f, &tbl) || first_is(&tbl, "if"))
		return 0;
	if (!LIT(f, "add constraint")) {
		/* one action that names no constraint: the table is the object,
		 * or the partition attached to it */
		obj = tbl;
		switch (fp_peek(f)) {
		case 'a':
			if (KW(f, "alter")) {
				cls = SQLP_C_ALTER_TABLE;
				break;
			}
			if (KWF(f, "attach") && KWF(f, "partition")) {
				if (!fp_name(f, &obj))
					return 0;
				cls = SQLP_C_ATTACH_PARTITION;
				break;
			}
			if (KW(f, "add") && KW(f, "constraint"))
				goto constraint;
			return 0;
		case 'o':
			if (!KWF(f, "owner") || !KW(f, "to"))
				return 0;
			cls = SQLP_C_OWNER;
			break;
		default:
			return 0;
		}
		/* unless a second action follows */
		if ((multi = comma_at_depth0(f->p, f->e)) < 0)
			return 0;
		fp_set(it, cls, SQLP_O_TABLE, SQLP_K_NONE);
		it->flags |= (only ? SQLP_F_ONLY : 0) | (multi ? SQLP_F_MULTI_ACTION : 0);
		return fp_out(it, names, obj.p, obj.n, tbl.p, tbl.n);
	}
constraint:
	if (!fp_name1(f, &obj) || first_is(&obj, "if"))
		return 0;
	switch (fp_peek(f)) {
	case 'p':
		if (!LIT(f, "primary key") && (!KW(f, "primary") || !KW(f, "key")))
			return 0;
		k = SQLP_K_PRIMARY_KEY;
		cls = SQLP_C_PRIMARY_KEY;
		break;
	case 'u':
		if (!KWF(f, "unique"))
			return 0;
		k = SQLP_K_UNIQUE;
		cls = SQLP_C_UNIQUE;
		break;
	case 'f':
		if (!LIT(f, "foreign key") && (!KW(f, "foreign") || !KW(f, "key")))
			return 0;
		k = SQLP_K_FOREIGN_KEY;
		cls = SQLP_C_FOREIGN_KEY;
		break;
	case 'c':
		if (!KWF(f, "check"))
			return 0;
		k = SQLP_K_CHECK;
		cls = SQLP_C_CHECK;
		break;
	case 'e':
		if (!KWF(f, "exclude"))
			return 0;
		k = SQLP_K_EXCLUSION;
		cls = SQLP_C_EXCLUSION;
		break;
	default:
		return 0;
	}
	/* alter_add() looks for NOT VALID after a foreign key or a check */
	if (k == SQLP_K_FOREIGN_KEY || k == SQLP_K_CHECK) {
		int comma;

		if (fp_valid_or_comma(f->p, f->e, &comma))
			return 0;
		multi = comma ? comma_at_depth0(f->p, f->e) : 0;
	} else {
		multi = comma_at_depth0(f->p, f->e);
	}
	if (multi < 0)
		return 0;
	fp_set(it, cls, SQLP_O_CONSTRAINT, k);
	it->flags |= (only ? SQLP_F_ONLY : 0) | (multi ? SQLP_F_MULTI_ACTION : 0);
	return fp_out(it, names, obj.p, obj.n, tbl.p, tbl.n);
}

/* ALTER SEQUENCE s OWNED BY t.c: as do_alter(). */
static int fp_alter_sequence(struct fp *f, struct sqlp_item *it, struct sqlp_buf *names)
{
	struct fpn obj, col;
	const char *rest;

	if (!fp_name(f, &obj) || first_is(&obj, "if"))
		return 0;
	rest = f->p;
	if ((!LIT(f, "owned by") && (!KW(f, "owned") || !KW(f, "by"))) || !fp_name(f, &col) ||
	    !col.last)
		return 0;
	/*
	 * do_alter() takes OWNER TO anywhere after the name: when the column
	 * ends the text, only the column's name (blanks before and after it,
	 * and "owned by") can hold the word
	 */
	if (f->p == f->e ? plain_has5(col.p, col.n, "owner") :
			   sqlp__tk_rest_from(rest, f->e, "owner", 5))
		return 0;
	fp_set(it, SQLP_C_SEQUENCE_OWNED, SQLP_O_SEQUENCE, SQLP_K_NONE);
	/* the table: the column's name without its last part */
	return fp_out(it, names, obj.p, obj.n, col.p, col.last - 1);
}

/*
 * The object kinds named by one word that the rules read with
 * parse_name(), as pg_dump writes them after COMMENT ON and GRANT ... ON:
 * the kind, f->p past it; SQLP_O_NONE (f->p unmoved) for any other.
 */
static enum sqlp_objkind fp_kind(struct fp *f)
{
	switch (fp_peek(f)) {
	case 't':
		return KWF(f, "table") ? SQLP_O_TABLE : SQLP_O_NONE;
	case 's':
		if (KWF(f, "sequence"))
			return SQLP_O_SEQUENCE;
		return KWF(f, "schema") ? SQLP_O_SCHEMA : SQLP_O_NONE;
	case 'c':
		return KWF(f, "column") ? SQLP_O_COLUMN : SQLP_O_NONE;
	case 'i':
		return KWF(f, "index") ? SQLP_O_INDEX : SQLP_O_NONE;
	case 'v':
		return KWF(f, "view") ? SQLP_O_VIEW : SQLP_O_NONE;
	default:
		return SQLP_O_NONE;
	}
}

/* COMMENT ON kind name IS ...: as comment_target(). */
static int fp_comment(struct fp *f, struct sqlp_item *it, struct sqlp_buf *names)
{
	enum sqlp_objkind k = fp_kind(f);
	struct fpn obj;
	size_t tn = 0;

	if (k == SQLP_O_NONE || !fp_name(f, &obj))
		return 0;
	if (k == SQLP_O_COLUMN)
		tn = obj.last ? obj.last - 1 : 0;	/* the table: all but the column */
	else if (k == SQLP_O_TABLE || k == SQLP_O_VIEW)
		tn = obj.n;
	fp_set(it, SQLP_C_COMMENT, k, SQLP_K_NONE);
	return fp_out(it, names, obj.p, obj.n, obj.p, tn);
}

/*
 * GRANT|REVOKE privileges ON TABLE|SEQUENCE|SCHEMA name ...: as
 * do_grant().  The privileges must be plain words and commas, so that the
 * first word "on" is the one the rules seek.
 */
static int fp_grant(struct fp *f, struct sqlp_item *it, struct sqlp_buf *names)
{
	const char *p = f->p, *e = f->e;
	enum sqlp_objkind k;
	struct fpn obj;

	for (;;) {
		const char *w;

		while (p < e && ((CT[(unsigned char)*p] & TK_SPACE) || *p == ','))
			p++;
		if (p == e || !sqlp__is_alpha(*p))
			return 0;
		for (w = p; p < e && (sqlp__is_alpha(*p) || sqlp__is_digit(*p) || *p == '_'); p++)
			;
		if (p - w == 2 && (w[0] | 0x20) == 'o' && (w[1] | 0x20) == 'n')
			break;
	}
	/* a word ends at a blank (or a comma, which no privilege list ends with) */
	if (p == e || !(CT[(unsigned char)*p] & TK_SPACE))
		return 0;
	f->p = p;
	fp_ws(f);
	/* ON ALL TABLES IN SCHEMA, ON FUNCTION f(...), ON name: the rules */
	k = fp_kind(f);
	if ((k != SQLP_O_TABLE && k != SQLP_O_SEQUENCE && k != SQLP_O_SCHEMA) || !fp_name(f, &obj))
		return 0;
	fp_set(it, SQLP_C_GRANT, k, SQLP_K_NONE);
	return fp_out(it, names, obj.p, obj.n, obj.p, k == SQLP_O_TABLE ? obj.n : 0);
}

/* CREATE TABLE t ( / CREATE SEQUENCE s: the name, not IF NOT EXISTS. */
static int fp_create(struct fp *f, int table, struct sqlp_item *it, struct sqlp_buf *names)
{
	struct fpn obj;

	/* CREATE TABLE t (: not PARTITION OF, not AS */
	if (!fp_name(f, &obj) || first_is(&obj, "if") ||
	    (table && (f->p == f->e || *f->p != '(')))
		return 0;
	if (table)
		fp_set(it, SQLP_C_TABLE, SQLP_O_TABLE, SQLP_K_NONE);
	else
		fp_set(it, SQLP_C_SEQUENCE, SQLP_O_SEQUENCE, SQLP_K_NONE);
	return fp_out(it, names, obj.p, obj.n, "", 0);
}

/*
 * The item and names filled as the rules fill them: 1; 0 if the rules
 * must read the statement (it and names untouched); -1 if names cannot
 * grow.
 */
static inline __attribute__((always_inline)) int fast_pg(const char *text, size_t len,
							  struct sqlp_item *it,
							  struct sqlp_buf *names)
{
	struct fp f = { text, text + len, text };

	if (len < 16)
		return 0;
	fp_ws(&f);
	/* one look at the first letter instead of trying each keyword */
	switch (fp_peek(&f)) {
	case 'c':
		/* the most frequent as one compare each */
		if (LIT(&f, "create index"))
			return fp_index(&f, 0, it, names);
		if (LIT(&f, "create table"))
			return fp_create(&f, 1, it, names);
		if (LIT(&f, "create sequence"))
			return fp_create(&f, 0, it, names);
		if (LIT(&f, "comment on"))
			return fp_comment(&f, it, names);
		if (!KWF(&f, "create"))
			return 0;
		switch (fp_peek(&f)) {
		case 'u':
			if (!LIT(&f, "unique index") && (!KW(&f, "unique") || !KW(&f, "index")))
				return 0;
			return fp_index(&f, 1, it, names);
		case 'i':
			return KWF(&f, "index") ? fp_index(&f, 0, it, names) : 0;
		case 't':
			return KWF(&f, "table") ? fp_create(&f, 1, it, names) : 0;
		case 's':
			return KWF(&f, "sequence") ? fp_create(&f, 0, it, names) : 0;
		default:
			return 0;
		}
	case 'g':
		return KWF(&f, "grant") ? fp_grant(&f, it, names) : 0;
	case 'r':
		return KWF(&f, "revoke") ? fp_grant(&f, it, names) : 0;
	case 'a':
		if (LIT(&f, "alter table"))
			return fp_alter_table(&f, it, names);
		if (LIT(&f, "alter sequence"))
			return fp_alter_sequence(&f, it, names);
		if (!KWF(&f, "alter"))
			return 0;
		switch (fp_peek(&f)) {
		case 't':
			return KWF(&f, "table") ? fp_alter_table(&f, it, names) : 0;
		case 's':
			return KWF(&f, "sequence") ? fp_alter_sequence(&f, it, names) : 0;
		default:
			return 0;
		}
	default:
		return 0;
	}
}

int sqlp__classify_pg(enum sqlp_dialect d, const char *text, size_t len, unsigned *session,
		      unsigned *saved, struct sqlp_item *it, struct sqlp_buf *names)
{
	int r = fast_pg(text, len, it, names);

	if (r)
		return r < 0 ? -1 : 0;
	return sqlp__classify_by_rules(d, text, len, session, saved, it, names);
}

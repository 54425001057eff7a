/*
 * classify.h - the tokenizer and name handling (tokens.c) that the
 * classification rules (classify.c) are written with.  Not part of the
 * API.
 */
#ifndef SQLP_CLASSIFY_H
#define SQLP_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sqlp_int.h"

enum tk { T_END, T_WORD, T_QIDENT, T_STRING, T_NUM, T_PUNCT, T_VAR };

struct tok {
	enum tk t;
	const char *p;		/* the token as written */
	size_t n;
	int plain;		/* a T_WORD of [a-z0-9_] only: a name part as it stands */
};

/* Byte classes of the tokenizer (sqlp__tk_class[dialect][byte]). */
enum { TK_WORD = 1, TK_START = 2, TK_NOTPLAIN = 4, TK_BLANK = 8, TK_SPACE = 16, TK_PUNCT = 32 };
extern const unsigned char sqlp__tk_class[SQLP_DIALECT_COUNT][256];

#define NAME_MAX_BYTES 512

/* A qualified name being read: display form plus where its last part starts. */
struct name {
	char s[NAME_MAX_BYTES];
	size_t n;
	size_t last;		/* offset of the last part in s */
	int parts;
};

struct cx {
	enum sqlp_dialect d;
	const unsigned char *ct;	/* sqlp__tk_class[d] */
	const char *s, *e, *p;	/* text, its end, the tokenizer's position */
	struct tok t;		/* current token */
	struct tok prev;	/* the one before */
	unsigned session;
	int exec;		/* MySQL: inside an executable comment */
	long first_exec;	/* version of the first executable comment, -1 if none */
	int depth;		/* nesting of sp_executesql / IF unwrapping */
	struct sqlp_item *it;
	struct name *obj, *tbl;	/* not copied with the tokenizer state */
	unsigned *sessp, *saved;
};

/*
 * The end of the word that starts at p; *notplain set if it has a byte
 * that keeps it from being a plain lower-case name.  16 bytes at a time
 * where they are there: names in dumps run long.
 */
static inline const char *word_end(const struct cx *c, const char *p, const char *e, int *notplain)
{
	const unsigned char *q = (const unsigned char *)p, *end = (const unsigned char *)e;
	const unsigned char *ct = c->ct;
	unsigned seen = 0;

#ifdef __SSE2__
	if (c->d != SQLP_TSQL) {
		const __m128i a = _mm_set1_epi8((char)(0x80 - 'a')), a26 = _mm_set1_epi8(-128 + 26);
		const __m128i d = _mm_set1_epi8((char)(0x80 - '0')), d10 = _mm_set1_epi8(-128 + 10);
		const __m128i bit5 = _mm_set1_epi8(0x20), us = _mm_set1_epi8('_'),
			      dollar = _mm_set1_epi8('$'), zero = _mm_setzero_si128();

		while (end - q >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)q);
			__m128i lower = _mm_or_si128(x, bit5);
			__m128i alpha = _mm_cmplt_epi8(_mm_add_epi8(lower, a), a26);
			__m128i high = _mm_cmplt_epi8(x, zero), dl = _mm_cmpeq_epi8(x, dollar);
			/* upper-case letters, '$' and non-ASCII bytes keep a name from being plain */
			__m128i odd = _mm_or_si128(_mm_andnot_si128(_mm_cmpeq_epi8(x, lower), alpha),
						   _mm_or_si128(high, dl));
			__m128i word = _mm_or_si128(
				_mm_or_si128(alpha, _mm_cmplt_epi8(_mm_add_epi8(x, d), d10)),
				_mm_or_si128(_mm_or_si128(high, dl), _mm_cmpeq_epi8(x, us)));
			unsigned stop = ~(unsigned)_mm_movemask_epi8(word) & 0xffff;
			unsigned o = (unsigned)_mm_movemask_epi8(odd);

			if (stop) {
				unsigned n = (unsigned)__builtin_ctz(stop);

				*notplain = (seen | (o & ((1u << n) - 1))) != 0;
				return (const char *)q + n;
			}
			seen |= o;
			q += 16;
		}
		seen = seen ? TK_NOTPLAIN : 0;
	}
#endif
	while (q < end && (ct[*q] & TK_WORD))
		seen |= ct[*q++];
	*notplain = (seen & TK_NOTPLAIN) != 0;
	return (const char *)q;
}

#ifdef __SSE2__
/*
 * For a scan of q..e with fewer than 16 bytes left (q < e) in a text of
 * 16 or more: its last 16 bytes, *sh set to how many of them lie before
 * q (shift the block's byte masks right by it: what lies past e then
 * reads as zero bits).
 */
static inline __m128i load_last(const char *q, const char *e, unsigned *sh)
{
	*sh = 16 - (unsigned)(e - q);
	return _mm_loadu_si128((const __m128i *)(e - 16));
}
#endif

/* The tokenizer's position, to read ahead and come back. */
struct tkpos {
	const char *p;
	struct tok t, prev;
	int exec;
	long first_exec;
};

static inline void tk_save(const struct cx *c, struct tkpos *s)
{
	s->p = c->p;
	s->t = c->t;
	s->prev = c->prev;
	s->exec = c->exec;
	s->first_exec = c->first_exec;
}

static inline void tk_restore(struct cx *c, const struct tkpos *s)
{
	c->p = s->p;
	c->t = s->t;
	c->prev = s->prev;
	c->exec = s->exec;
	c->first_exec = s->first_exec;
}

/* tokens.c */
void sqlp__tk_next(struct cx *c);
int sqlp__tk_rest_has(const struct cx *c, const char *w, size_t n);
/* Do the bytes q..e hold w (n bytes, lower case), ignoring case? */
int sqlp__tk_rest_from(const char *q, const char *e, const char *w, size_t n);
int sqlp__tk_accept_seq(struct cx *c, const char *kws);
void sqlp__tk_skip_parens(struct cx *c);
/* kwp: the keyword padded with NULs to 16 bytes (seek() does it) */
int sqlp__tk_seek(struct cx *c, const char *kwp, size_t n);
void sqlp__tk_name_part(const struct cx *c, struct name *nm, const struct tok *t);
int sqlp__tk_parse_name(struct cx *c, struct name *nm);
void sqlp__tk_name_parent(struct name *tbl, const struct name *nm);
enum sqlp_objkind sqlp__tk_parse_kind(struct cx *c);

/* classify.c: the rules for CREATE ..., c at CREATE (elements.c reads a table's this way) */
void sqlp__do_create(struct cx *c);
/* classify.c: the rules for one statement, c at its first token */
void sqlp__classify_stmt(struct cx *c);
/* classify_tsql.c: a T-SQL batch led by settings, named by what follows them (start: c at first) */
void sqlp__ts_past_settings(struct cx *c, struct cx start);
/* classify.c: the rules alone (sqlp__classify() without the fast path) */
int sqlp__classify_by_rules(enum sqlp_dialect d, const char *text, size_t len, unsigned *session,
			    unsigned *saved, struct sqlp_item *it, struct sqlp_buf *names);
/*
 * fastpath.c: sqlp__classify() for PostgreSQL (d): the common pg_dump
 * statements read from their bytes, the others by the rules
 */
int sqlp__classify_pg(enum sqlp_dialect d, const char *text, size_t len, unsigned *session,
		      unsigned *saved, struct sqlp_item *it, struct sqlp_buf *names);

/* Short names for the tokenizer (tokens.c) in the rules. */
static inline void next(struct cx *c)
{
	sqlp__tk_next(c);
}

/* The n bytes at p equal the first n of w (lower case), ignoring case. */
static inline int kw_prefix(const char *p, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)p[i];

		if (ch >= 'A' && ch <= 'Z')
			ch |= 0x20;
		if (ch != (unsigned char)w[i])
			return 0;
	}
	return 1;
}

/* Accept keywords kws ("if not exists": all of them, or none). */
static inline int accept_seq_n(struct cx *c, const char *kws, size_t n1)
{
	/* most calls fail on the first word, n1 bytes long */
	if (c->t.t != T_WORD || c->t.n != n1 || !kw_prefix(c->t.p, n1, kws))
		return 0;
	return sqlp__tk_accept_seq(c, kws);
}

/* accept_seq() and seek() take literals: the lengths fold to constants. */
#define accept_seq(c, kws) accept_seq_n((c), "" kws "", __builtin_strcspn(kws, " "))
#define seek(c, kw) sqlp__tk_seek((c), "" kw KW_PAD, sizeof(kw) - 1)

static inline void skip_parens(struct cx *c)
{
	sqlp__tk_skip_parens(c);
}


static inline void name_part(const struct cx *c, struct name *nm, const struct tok *t)
{
	sqlp__tk_name_part(c, nm, t);
}

static inline int parse_name(struct cx *c, struct name *nm)
{
	return sqlp__tk_parse_name(c, nm);
}

static inline void name_parent(struct name *tbl, const struct name *nm)
{
	sqlp__tk_name_parent(tbl, nm);
}

static inline enum sqlp_objkind parse_kind(struct cx *c)
{
	return sqlp__tk_parse_kind(c);
}

/*
 * Can a token from the current one on be the punctuation or keyword w (a
 * literal)?  No if the bytes left hold no w, ignoring case: the rules use
 * this to skip reading to the end of a statement for a flag it cannot have.
 */
#define rest_has(c, w) sqlp__tk_rest_has((c), "" w "", sizeof(w) - 1)

/* Jump to the end of the statement (where nothing after reads the state). */
static inline void skip_to_end(struct cx *c)
{
	c->prev = c->t;
	c->p = c->e;
	c->t.t = T_END;
	c->t.p = c->e;
	c->t.n = 0;
}

/* Is the current token the keyword kw (n bytes, lower case)? */
static inline int is_n(const struct cx *c, const char *kw, size_t n)
{
	return c->t.t == T_WORD && c->t.n == n && sqlp__kw(c->t.p, n, kw);
}

static inline int accept_n(struct cx *c, const char *kw, size_t n)
{
	if (!is_n(c, kw, n))
		return 0;
	sqlp__tk_next(c);
	return 1;
}

/*
 * Keyword literals compared 8 bytes at a time: kwp is the keyword padded
 * with NULs to 16 bytes, so its words fold to constants; the letters of
 * the keyword (0x61-0x7a) accept either case (0x20 or'ed into the token's
 * byte), other bytes must be equal, as in sqlp__kw().
 */
#define KW_PAD "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"

static inline uint64_t kw_word(const char *kwp, size_t at)
{
	uint64_t v;

	memcpy(&v, kwp + at, 8);
	return v;
}

/* 0x20 in each byte of k that is a lower-case letter (no carries: k < 0x80). */
static inline uint64_t kw_fold(uint64_t k)
{
	return ((k + 0x1f1f1f1f1f1f1f1fULL) & ~(k + 0x0505050505050505ULL) & 0x8080808080808080ULL) >>
	       2;
}

/*
 * The n bytes at p (inside the text s..e) equal the keyword at kwp, padded
 * with NULs to 16 bytes.  Reads stay inside s..e: a keyword of 8 to 16
 * bytes is compared as its first and last 8 bytes, a shorter one as the 8
 * bytes that start (or end) at it, the rest masked off.
 */
static inline __attribute__((always_inline)) int kw_eq(const char *p, const char *s,
							   const char *e, size_t n, const char *kwp)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x, k;

	if (n >= 8 && n <= 16) {
		uint64_t y, k1 = kw_word(kwp, n - 8);

		k = kw_word(kwp, 0);
		memcpy(&x, p, 8);
		memcpy(&y, p + n - 8, 8);
		return ((x | kw_fold(k)) == k) && ((y | kw_fold(k1)) == k1);
	}
	if (n && n < 8 && (e - p >= 8 || p + n - s >= 8)) {
		k = kw_word(kwp, 0);
		if (e - p >= 8) {
			memcpy(&x, p, 8);
			x &= (1ULL << (8 * n)) - 1;
		} else {
			memcpy(&x, p + n - 8, 8);
			x >>= 8 * (8 - n);
		}
		return (x | kw_fold(k)) == k;
	}
#else
	(void)s;
	(void)e;
#endif
	return sqlp__kw(p, n, kwp);
}

static inline int is_lit(const struct cx *c, const char *kwp, size_t n)
{
	return c->t.t == T_WORD && c->t.n == n && kw_eq(c->t.p, c->s, c->e, n, kwp);
}

static inline int accept_lit(struct cx *c, const char *kwp, size_t n)
{
	if (!is_lit(c, kwp, n))
		return 0;
	sqlp__tk_next(c);
	return 1;
}

/* is() and accept() take a literal, whose length is known at compile time. */
#define is(c, kw) is_lit((c), "" kw KW_PAD, sizeof(kw) - 1)
#define accept(c, kw) accept_lit((c), "" kw KW_PAD, sizeof(kw) - 1)

static inline int is_punct(const struct cx *c, char ch)
{
	return c->t.t == T_PUNCT && c->t.n >= 1 && c->t.p[0] == ch;
}

static inline void name_copy(struct name *dst, const struct name *src)
{
	dst->n = src->n;
	dst->last = src->last;
	dst->parts = src->parts;
	memcpy(dst->s, src->s, src->n + 1);
}

static inline void set(struct cx *c, enum sqlp_class cls, enum sqlp_objkind kind)
{
	c->it->cls = cls;
	c->it->objkind = kind;
}

#endif /* SQLP_CLASSIFY_H */

/*
 * lexer.h - the lexer's state, shared by lexer.c (the engine: positions,
 * items, quoted constructs, COPY data, input decoding, the API) and the
 * code scanners of each dialect (lex_pg.c, lex_my.c, lex_ts.c).  Not part
 * of the API.  See lexer.c for the invariants.
 */
#ifndef SQLP_LEXER_H
#define SQLP_LEXER_H

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sqlp_int.h"

enum state {
	ST_CODE,		/* code; in_stmt says whether a statement has begun */
	ST_LINE_COMMENT,	/* -- or # to end of line */
	ST_BLOCK_COMMENT,	/* slash-star; nests (depth) except in MySQL */
	ST_SQ,			/* '...' (esc: backslash escapes) */
	ST_DQ,			/* "..." identifier, or MySQL string (esc) */
	ST_BQ,			/* `...` */
	ST_BRACKET,		/* [...] */
	ST_DOLLAR,		/* $tag$ ... $tag$ */
	ST_COPY_SKIP,		/* rest of the line that ended a COPY ... FROM stdin */
	ST_COPY,		/* COPY data lines up to \. */
};

/* What an open construct is called in "unterminated ..." messages. */
enum open_kind {
	OK_SQ, OK_ESTR, OK_DQ_IDENT, OK_DQ_STR, OK_BQ, OK_BRACKET, OK_DOLLAR, OK_COMMENT,
	OK_EXEC_COMMENT,
};

enum { ENC_UNKNOWN, ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE };

/* Byte classes in code. */
enum {
	K_NONE = 0, K_SQ, K_DQ, K_BQ, K_BRACKET, K_DOLLAR, K_DASH, K_SLASH, K_SEMI, K_BSLASH,
	K_LPAREN, K_RPAREN, K_HASH, K_STAR, K_WORD, K_COLON, K_BANG, K_DELIM,
};

/*
 * skip_plain() tests 16 bytes at a time: a byte in KRANGE_LO..KRANGE_HI
 * (most special bytes: quotes, '$', '(', ')', '-', '/'), or one of up to
 * KSET_MAX others, is a candidate, checked against the table.
 */
#define KRANGE_LO 0x22
#define KRANGE_HI 0x2f
#define KSET_MAX 4

/* scan() results besides SQLP_ITEM (1), 0 (suspended) and -1 (error). */
#define CONT 2
#define NOT_GO 3
#define NO_COMMENT 4

struct blank {
	uint64_t a, b;		/* bytes [a, b) of the pending statement are a client line */
};

struct sqlp_lexer {
	struct sqlp_options opt;
	enum sqlp_dialect dialect;	/* SQLP_AUTO until detected */
	char reason[200];		/* what auto-detection saw */
	struct sqlp_error err;
	int failed, done;

	/* input */
	struct sqlp_buf in;		/* owned bytes (streaming, or decoded UTF-16) */
	const unsigned char *d;		/* the input from offset base */
	uint64_t base;
	size_t n;			/* bytes at d */
	int eof;			/* finish() was called (and the input is sound) */
	int finished;			/* finish() was called */
	unsigned char before;		/* the byte before d[0]; '\n' at the start */

	/* decoding */
	int enc;
	unsigned char pend[4];		/* bytes held back: BOM sniffing, half a UTF-16 unit */
	int npend;
	unsigned hisur;			/* a UTF-16 high surrogate waiting for its pair */
	int bad_enc;			/* input stopped at an encoding error ... */
	uint64_t bad_off;		/* ... at this offset of the decoded text ... */
	const char *bad_msg;		/* ... reported by next() once all before it is out */

	/* scanning */
	int state;
	uint64_t head, pos;
	int in_stmt;
	uint64_t stmt;			/* first byte of the statement */
	uint64_t floor;			/* look-behind never reads before this */
	uint64_t open;			/* where the current quote or comment opened */
	enum open_kind open_kind;
	int esc;			/* the current string takes backslash escapes */
	unsigned depth;			/* block comment nesting */
	unsigned paren, begin_depth;
	struct sqlp_buf tag;		/* the open dollar quote's $tag$ */
	const unsigned char *k;		/* byte classes in force */
	unsigned char k_fast[256];	/* ... without words */
	unsigned char k_words[256];	/* ... with words */
#ifdef __SSE2__
	/* k_fast for skip_plain: the special bytes outside KRANGE_LO..HI (each
	 * in 16 lanes), nkset of them, 0 if more than KSET_MAX; and two bytes
	 * inside the range that are not special ('.' and ',', frequent in
	 * names and lists), or 0, dropped from the candidates */
	__m128i kvec[KSET_MAX];
	__m128i kplain[2];
#endif
	int nkset;

	/* the scan that last reached the end of the input: see scan_from() */
	uint64_t scan_at, scan_to;
	int scan_kind;

	/* PostgreSQL: the word around the last "$" that dollar_in_ident() read */
	uint64_t dword_dollar, dword_start, dword_floor;
	int dword_letter;

	/* PostgreSQL: psql's CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC rule */
	unsigned nwords;
	char ids[4];
	int track_begin;

	/* MySQL */
	char delim[SQLP_DELIM_MAX + 1];
	size_t delim_len;
	uint64_t my_delim_arg;		/* a statement begun by DELIMITER mid-line: its argument */
	int delim_never;		/* the client's delimiter holds a newline: never matches */
	int exec;			/* inside an executable comment */
	uint64_t exec_open;		/* where it opened ... */
	unsigned exec_line, exec_col;	/* ... (items may end inside it) */
	int stmt_exec;			/* the statement touched one */

	/* T-SQL */
	unsigned batch, batch_items;
	int nosplit;			/* the batch is one item (module body) */
	int fw;				/* matching the batch's first words */
	int begin_pend, end_pend;
	int tpend;			/* a statement ended by ';' waits for the next token */
	uint64_t pend_te, pend_end;

	/* COPY */
	unsigned copy_pending;		/* COPY ... FROM stdin statements awaiting data */
	struct sqlp_buf copy_q;		/* their tables, NUL-separated */
	size_t copy_q_head;
	struct sqlp_buf copy_table;	/* table of the block being read */
	uint64_t piece, copy_scan;
	size_t copy_nl;			/* newlines in [piece, copy_scan) */
	int copy_cont;

	/* session state */
	unsigned session, saved_mode;

	/* position cursor: cur is at line cur_line, column cur_col */
	uint64_t cur;
	unsigned cur_line, cur_col;
	/* a second one for the client lines inside a pending statement, which
	 * leave cur where the statement starts: ecur, at or after cur */
	uint64_t ecur;
	unsigned ecur_line, ecur_col;
	/* PostgreSQL: the newlines of the lead read so far (whitespace between
	 * statements), and where the line after the last one starts, so a
	 * statement's position needs no second pass over its lead; lead_ok is
	 * 0 once a block comment or a dropped statement may hide newlines */
	unsigned lead_nl;
	uint64_t lead_ls;
	int lead_ok;

	/* output */
	struct sqlp_item out;
	struct sqlp_buf names, scratch;
	struct blank *blanks;
	size_t nblanks, ablanks;
};

#define PTR(lx, off) ((lx)->d + (size_t)((off) - (lx)->base))
#define OFF(lx, p) ((lx)->base + (uint64_t)((p) - (lx)->d))
#define END(lx) ((lx)->d + (lx)->n)
/* Stop scanning until more input comes, resuming at p. */
#define SUSPEND(lx, p) do { (lx)->pos = OFF((lx), (p)); return 0; } while (0)

/*
 * Is the word at p the prefix of a PostgreSQL string (E'', B'', X'', N'',
 * U&'' or U&"") rather than a word?  Needs p + 2 < e for U&.
 */
static inline int sqlp__pg_string_prefix(const unsigned char *p, const unsigned char *e)
{
	unsigned char c = *p | 0x20;

	if (e - p >= 2 && p[1] == '\'')
		return c == 'e' || c == 'b' || c == 'x' || c == 'n';
	return c == 'u' && e - p >= 3 && p[1] == '&' && (p[2] == '\'' || p[2] == '"');
}

/* lexer.c */
int sqlp__fail(struct sqlp_lexer *lx, enum sqlp_errcode code, uint64_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int sqlp__nomem(struct sqlp_lexer *lx);
void sqlp__position_of(const struct sqlp_lexer *lx, uint64_t off, unsigned *line, unsigned *col);
void sqlp__build_tables(struct sqlp_lexer *lx);
/* A statement [stmt, te) with terminator [te, end): fill, blank, classify. */
int sqlp__emit_stmt(struct sqlp_lexer *lx, uint64_t te, uint64_t end, unsigned flags);
/* The pending statement [stmt, te) + [te, end) as an item of class cls named object. */
int sqlp__emit_stmt_as(struct sqlp_lexer *lx, enum sqlp_class cls, uint64_t te, uint64_t end,
		       const char *object, size_t olen);
/* A client line [st, te) (psql meta-command, DELIMITER, sqlcmd line). */
int sqlp__emit_client(struct sqlp_lexer *lx, enum sqlp_class cls, uint64_t st, uint64_t te,
		      const char *object, size_t olen, unsigned flags);
int sqlp__push_copy(struct sqlp_lexer *lx, const char *table);
void sqlp__start_stmt(struct sqlp_lexer *lx, const unsigned char *p);
/* Forget the pending statement (psql \r, mysql \c): its text becomes lead. */
void sqlp__drop_stmt(struct sqlp_lexer *lx);

/*
 * Code of each dialect, from pos: returns SQLP_ITEM with lx->out filled,
 * CONT after switching state, 0 when it needs more input (pos set), -1
 * on error.
 */
int sqlp__code_pg(struct sqlp_lexer *lx);
int sqlp__code_my(struct sqlp_lexer *lx);
int sqlp__code_ts(struct sqlp_lexer *lx);
/* T-SQL: hand out the statement that waited after its ';', resuming at p. */
int sqlp__ts_flush_pend(struct sqlp_lexer *lx, const unsigned char *p, unsigned flags,
			unsigned repeat);

static inline const unsigned char *skip_ws(const unsigned char *p, const unsigned char *e)
{
	while (p < e && sqlp__is_space(*p))
		p++;
	return p;
}

/*
 * A run of blanks at p: returns its end, adds its newlines to *nl and
 * sets *ls past the last of them.
 */
static inline const unsigned char *blank_run(const unsigned char *p, const unsigned char *e,
					     unsigned *nl, const unsigned char **ls)
{
#ifdef __SSE2__
	/* 16 bytes at a time: blanks are ' ' and 0x09-0x0d (\t \n \v \f \r) */
	const __m128i vnl = _mm_set1_epi8('\n'), vsp = _mm_set1_epi8(' ');
	const __m128i bias = _mm_set1_epi8((char)(0x80 - '\t'));
	const __m128i top = _mm_set1_epi8(-128 + 5);

	while (e - p >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)p);
		unsigned ws = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_cmpeq_epi8(x, vsp), _mm_cmplt_epi8(_mm_add_epi8(x, bias), top)));
		unsigned nlm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vnl));
		unsigned stop = ~ws & 0xffff, n = stop ? (unsigned)__builtin_ctz(stop) : 16;

		nlm &= (1u << n) - 1;
		if (nlm)
			*ls = p + 32 - __builtin_clz(nlm);
		for (; nlm; nlm &= nlm - 1)
			(*nl)++;
		p += n;
		if (stop)
			return p;
	}
#endif
	for (; p < e && sqlp__is_space(*p); p++) {
		if (*p == '\n') {
			(*nl)++;
			*ls = p + 1;
		}
	}
	return p;
}

/* Only blanks between the last newline (or the start) and p. */
static inline int at_line_start(const struct sqlp_lexer *lx, const unsigned char *p)
{
	while (p > lx->d && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\f' || p[-1] == '\v'))
		p--;
	return p == lx->d ? lx->before == '\n' : p[-1] == '\n';
}

/* What scan_from() resumes: the runs that may reach the end of the input. */
enum { SCAN_LINE = 1, SCAN_WORD, SCAN_TAG, SCAN_COMMAND };

/*
 * Where a scan of the run at p may start.  A construct whose end is not in
 * the input yet suspends the scanner at its start, to be read again when
 * more input comes; for one long construct fed in many chunks that is
 * quadratic.  So a scan that reaches the end of the input records how far
 * it read (scan_stop()), and the next scan of the same kind at the same
 * place goes on from there: the bytes of the input never change.
 */
static inline const unsigned char *scan_from(const struct sqlp_lexer *lx, const unsigned char *p,
					     int kind)
{
	return lx->scan_at == OFF(lx, p) && lx->scan_kind == kind ? PTR(lx, lx->scan_to) : p;
}

static inline void scan_stop(struct sqlp_lexer *lx, const unsigned char *p, const unsigned char *q,
			     int kind)
{
	lx->scan_at = OFF(lx, p);
	lx->scan_to = OFF(lx, q);
	lx->scan_kind = kind;
}

/*
 * The end of the line at p (its '\n', or e at the end of input), or NULL
 * if the line is not complete yet.
 */
static inline const unsigned char *line_end(struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *e = END(lx), *from = scan_from(lx, p, SCAN_LINE);
	const unsigned char *nl = memchr(from, '\n', (size_t)(e - from));

	if (nl)
		return nl;
	if (lx->eof)
		return e;
	scan_stop(lx, p, e, SCAN_LINE);
	return NULL;
}

/* Drop a '\r' before the '\n' at le. */
static inline const unsigned char *chomp(const unsigned char *p, const unsigned char *le)
{
	return le > p && le[-1] == '\r' ? le - 1 : le;
}

static inline void open_construct(struct sqlp_lexer *lx, int state, const unsigned char *p,
			   enum open_kind kind, int esc)
{
	lx->state = state;
	lx->open = OFF(lx, p);
	lx->open_kind = kind;
	lx->esc = esc;
	lx->depth = 1;
}

#ifdef __SSE2__
/*
 * The candidate special bytes of x for skip_plain(): in KRANGE_LO..HI but
 * not one of the two plain bytes of kplain, or one of those of kvec.  A
 * superset of the bytes of k_fast that are not K_NONE.
 */
static inline unsigned kcand(const struct sqlp_lexer *lx, __m128i x)
{
	const __m128i *v = lx->kvec, *pl = lx->kplain;
	const __m128i shift = _mm_set1_epi8((char)(0x80 - KRANGE_LO));
	const __m128i top = _mm_set1_epi8((char)(-128 + KRANGE_HI - KRANGE_LO + 1));
	__m128i range = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(x, pl[0]), _mm_cmpeq_epi8(x, pl[1])),
					 _mm_cmplt_epi8(_mm_add_epi8(x, shift), top));
	__m128i m = _mm_or_si128(_mm_or_si128(range, _mm_cmpeq_epi8(x, v[0])),
				 _mm_or_si128(_mm_cmpeq_epi8(x, v[1]),
					      _mm_or_si128(_mm_cmpeq_epi8(x, v[2]), _mm_cmpeq_epi8(x, v[3]))));

	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/*
 * Skip the bytes that do not matter in code (the byte-class table).  With
 * the table without words, 16 bytes at a time: most statement text is
 * names and blanks between a few special bytes.
 */
static inline const unsigned char *skip_plain(const struct sqlp_lexer *lx, const unsigned char *p,
					      const unsigned char *e)
{
	const unsigned char *k = lx->k;

#ifdef __SSE2__
	if (k == lx->k_fast && lx->nkset) {
		while (e - p >= 16) {
			unsigned bits = kcand(lx, _mm_loadu_si128((const __m128i *)p));

			for (; bits; bits &= bits - 1) {
				const unsigned char *c = p + __builtin_ctz(bits);

				if (k[*c])
					return c;
			}
			p += 16;
		}
	}
#endif
	while (p < e && !k[*p])
		p++;
	return p;
}

/*
 * skip_plain() for PostgreSQL statement text: also steps over parentheses
 * (counting them in lx->paren, as the '(' and ')' cases of the code
 * scanner do), so that a run of names and parentheses costs one pass.
 * Returns the first other special byte, or e.
 */
static inline const unsigned char *skip_plain_parens(struct sqlp_lexer *lx, const unsigned char *p,
						     const unsigned char *e)
{
	const unsigned char *k = lx->k;
	unsigned paren = lx->paren;

	if (k != lx->k_fast || !lx->nkset)
		return skip_plain(lx, p, e);
#ifdef __SSE2__
	{
		while (e - p >= 16) {
			unsigned bits = kcand(lx, _mm_loadu_si128((const __m128i *)p));

			for (; bits; bits &= bits - 1) {
				const unsigned char *c = p + __builtin_ctz(bits);
				unsigned char kc = k[*c];

				if (kc == K_NONE)
					continue;
				if (kc == K_LPAREN) {
					paren++;
					continue;
				}
				if (kc == K_RPAREN) {
					paren -= paren != 0;
					continue;
				}
				lx->paren = paren;
				return c;
			}
			p += 16;
		}
	}
#endif
	for (; p < e; p++) {
		unsigned char kc = k[*p];

		if (kc == K_NONE)
			continue;
		if (kc == K_LPAREN) {
			paren++;
			continue;
		}
		if (kc == K_RPAREN) {
			paren -= paren != 0;
			continue;
		}
		break;
	}
	lx->paren = paren;
	return p;
}

/*
 * memchr() for the short runs of code (comment lines, quoted names): the
 * first 64 bytes inline, 16 at a time, then the library's.
 */
static inline const unsigned char *find_byte(const unsigned char *p, const unsigned char *e, int c)
{
#ifdef __SSE2__
	const __m128i v = _mm_set1_epi8((char)c);
	int i;

	for (i = 0; i < 4 && e - p >= 16; i++, p += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p), v));

		if (m)
			return p + __builtin_ctz(m);
	}
#endif
	return memchr(p, c, (size_t)(e - p));
}

/*
 * Where a "--" comment at p ends (its '\n'), when that is in the input
 * already; NULL otherwise (not a comment, or the line_comment state reads
 * it).  Skipping the comment here saves the round trip through scan().
 */
static inline const unsigned char *line_comment_end(const unsigned char *p, const unsigned char *e)
{
	if (e - p < 3 || p[0] != '-' || p[1] != '-')
		return NULL;
	if (p[2] == '\n')
		return p + 2;	/* pg_dump's "--" lines */
	return find_byte(p + 2, e, '\n');
}

/*
 * The end of a quoted run without backslash escapes opening at p (quote
 * q), when its closing quote is in the input and is not doubled; NULL
 * otherwise (the quoted state reads it).
 */
static inline const unsigned char *quote_end(const unsigned char *p, const unsigned char *e, int q)
{
	const unsigned char *c = find_byte(p + 1, e, q);

	if (!c || c + 1 >= e || c[1] == q)
		return NULL;
	return c + 1;
}

/*
 * "--" or slash-star at p (PostgreSQL and T-SQL comments): switch to the
 * comment's state and return CONT; 0 to wait for the next byte; NO_COMMENT
 * if neither starts there.
 */
static inline int sql_comment_start(struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *e = END(lx);

	if (e - p < 2 && !lx->eof)
		SUSPEND(lx, p);
	if (p + 1 < e && p[0] == '-' && p[1] == '-') {
		lx->state = ST_LINE_COMMENT;
		lx->pos = OFF(lx, p + 2);
		return CONT;
	}
	if (p + 1 < e && p[0] == '/' && p[1] == '*') {
		open_construct(lx, ST_BLOCK_COMMENT, p, OK_COMMENT, 0);
		lx->pos = OFF(lx, p + 2);
		return CONT;
	}
	return NO_COMMENT;
}

/*
 * The lead of a PostgreSQL statement: blanks and "--" comment lines
 * (pg_dump writes three lines of them before each object), stepped over
 * in one loop that counts the newlines for fill().  Stops at any other
 * byte, or at a "--" whose line is not all in the input yet.
 */
static inline const unsigned char *skip_lead_pg(struct sqlp_lexer *lx, const unsigned char *p,
						const unsigned char *e)
{
	const unsigned char *ls = NULL, *comment_end = NULL;
	unsigned nl = 0;

	while (p < e) {
		if (*p == '\n') {
			/* most leads are a newline or two between comment lines */
			nl++;
			ls = ++p;
		} else if (*p == '-') {
			const unsigned char *q = line_comment_end(p, e);

			if (!q)
				break;
			p = comment_end = q;
		} else if (sqlp__is_space(*p)) {
			p = blank_run(p, e, &nl, &ls);
		} else {
			break;
		}
	}
	if (comment_end)
		lx->floor = OFF(lx, comment_end);
	if (ls) {
		lx->lead_nl += nl;
		lx->lead_ls = OFF(lx, ls);
	}
	return p;
}

#endif /* SQLP_LEXER_H */

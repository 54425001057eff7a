/*
 * lexer.c - the streaming splitter: bytes in, items out (statements,
 * client lines, COPY data), for PostgreSQL as psql reads a script, MySQL
 * as the mysql/mariadb client reads one, and T-SQL as sqlcmd does.
 *
 * Invariants:
 * - d[0..n) holds the decoded input from offset base on.  Nothing before
 *   head (the start of the next item's lead) is needed again; feed()
 *   drops it.  All stored positions are absolute offsets.
 * - pos moves forward over bytes whose meaning is decided.  When a
 *   decision needs bytes not fed yet, scanning stops with pos on the
 *   undecided byte and resumes there: results do not depend on how the
 *   input was cut.  The one step back is T-SQL's: a statement ended by
 *   ';' is handed out only once the next token shows it is not ELSE.
 * - Positions are counted by a cursor that moves forward once over each
 *   item (text.c's counters).
 * - In code, a 256-entry byte-class table says which bytes matter; inside
 *   strings, comments, dollar quotes and COPY data, memchr() skips to the
 *   next byte that can.
 *
 * Must stay in sync with classify.c (the session effects and COPY flag it
 * reports) and with the semantics documented in sqlparse.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

static const char *const open_names[] = {
	[OK_SQ] = "quoted string",
	[OK_ESTR] = "escape string E'...'",
	[OK_DQ_IDENT] = "quoted identifier",
	[OK_DQ_STR] = "double-quoted string",
	[OK_BQ] = "quoted identifier `...`",
	[OK_BRACKET] = "bracketed identifier [...]",
	[OK_DOLLAR] = "dollar-quoted string",
	[OK_COMMENT] = "/* comment",
	[OK_EXEC_COMMENT] = "/*! executable comment",
};
_Static_assert(sizeof(open_names) / sizeof(open_names[0]) == OK_EXEC_COMMENT + 1,
	       "a name per construct");

/* ------------------------------------------------------------------ */
/* positions and errors */

static void count_to(const struct sqlp_lexer *lx, const unsigned char *p, const unsigned char *q,
		     unsigned *line, unsigned *col)
{
	struct sqlp__lc at = { *line, *col };

	at = sqlp__advance(lx->d, p, (size_t)(q - p), at);
	*line = at.line;
	*col = at.col;
}

static void cursor_to(struct sqlp_lexer *lx, uint64_t off)
{
	count_to(lx, PTR(lx, lx->cur), PTR(lx, off), &lx->cur_line, &lx->cur_col);
	lx->cur = off;
}

/* Position of off (>= the cursor) without moving the cursor. */
void sqlp__position_of(const struct sqlp_lexer *lx, uint64_t off, unsigned *line, unsigned *col)
{
	*line = lx->cur_line;
	*col = lx->cur_col;
	if (off > lx->cur)
		count_to(lx, PTR(lx, lx->cur), PTR(lx, off), line, col);
}

int sqlp__fail(struct sqlp_lexer *lx, enum sqlp_errcode code, uint64_t off, const char *fmt, ...)
{
	va_list ap;

	if (lx->failed)
		return -1;
	lx->failed = 1;
	lx->err.code = code;
	va_start(ap, fmt);
	vsnprintf(lx->err.msg, sizeof(lx->err.msg), fmt, ap);
	va_end(ap);
	lx->err.offset = off;
	lx->err.line = lx->err.col = 0;
	if (off >= lx->base && off >= lx->cur && off <= lx->base + lx->n)
		sqlp__position_of(lx, off, &lx->err.line, &lx->err.col);
	return -1;
}

int sqlp__nomem(struct sqlp_lexer *lx)
{
	return sqlp__fail(lx, SQLP_ERR_NOMEM, lx->pos, "out of memory");
}

/* ------------------------------------------------------------------ */
/* byte-class tables */

void sqlp__build_tables(struct sqlp_lexer *lx)
{
	unsigned char *f = lx->k_fast, *w = lx->k_words, special[KSET_MAX];
	int c;

	memset(f, K_NONE, 256);
	f['\''] = K_SQ;
	f['"'] = K_DQ;
	f['-'] = K_DASH;
	f['/'] = K_SLASH;
	switch (lx->dialect) {
	case SQLP_POSTGRES:
		f['$'] = K_DOLLAR;
		f[';'] = K_SEMI;
		f['\\'] = K_BSLASH;
		f['('] = K_LPAREN;
		f[')'] = K_RPAREN;
		break;
	case SQLP_MYSQL:
		f['`'] = K_BQ;
		f['#'] = K_HASH;
		f['\\'] = K_BSLASH;
		f['*'] = K_STAR;
		if (f[(unsigned char)lx->delim[0]] == K_NONE)
			f[(unsigned char)lx->delim[0]] = K_DELIM;
		break;
	case SQLP_TSQL:
		f['['] = K_BRACKET;
		f[';'] = K_SEMI;
		f['('] = K_LPAREN;
		f[')'] = K_RPAREN;
		f[':'] = K_COLON;
		f['!'] = K_BANG;
		break;
	default:
		break;
	}
	memcpy(w, f, 256);
	for (c = 0; c < 256; c++)
		if (sqlp__is_alpha(c) || c == '_' || c >= 0x80 ||
		    (lx->dialect == SQLP_TSQL && (c == '@' || c == '#')))
			w[c] = K_WORD;
	/* T-SQL always reads words (BEGIN/END depth, GO, ELSE). */
	if (lx->dialect == SQLP_TSQL)
		memcpy(f, w, 256);
	lx->k = f;
	/* the special bytes of f outside the range, as vectors, for skip_plain */
	lx->nkset = 0;
	for (c = 0; c < 256; c++) {
		if (f[c] == K_NONE || (c >= KRANGE_LO && c <= KRANGE_HI))
			continue;
		if (lx->nkset == KSET_MAX) {
			lx->nkset = 0;
			break;
		}
		special[lx->nkset++] = (unsigned char)c;
	}
#ifdef __SSE2__
	for (c = 0; lx->nkset && c < KSET_MAX; c++)
		lx->kvec[c] = _mm_set1_epi8((char)special[c < lx->nkset ? c : 0]);
	/* '.' and ',' are candidates of the range only where they are special */
	lx->kplain[0] = _mm_set1_epi8(f['.'] == K_NONE ? '.' : 0);
	lx->kplain[1] = _mm_set1_epi8(f[','] == K_NONE ? ',' : 0);
#else
	(void)special;	/* without SSE2, skip_plain reads f alone */
#endif
}

/* ------------------------------------------------------------------ */
/* emitting items */

static int set_names(struct sqlp_lexer *lx, const char *object, size_t olen, const char *table,
		     size_t tlen)
{
	size_t toff;

	sqlp_buf_reset(&lx->names);
	sqlp_buf_add(&lx->names, object, olen);
	sqlp_buf_addch(&lx->names, 0);
	toff = lx->names.len;
	sqlp_buf_add(&lx->names, table, tlen);
	if (sqlp_buf_failed(&lx->names))
		return sqlp__nomem(lx);
	lx->out.object = lx->names.data;
	lx->out.table = lx->names.data + toff;
	return 0;
}

/* fill() sets every field by name: repeat must stay the last one. */
_Static_assert(offsetof(struct sqlp_item, repeat) + sizeof(unsigned) == sizeof(struct sqlp_item),
	       "fill() sets every field of struct sqlp_item");

/*
 * Fill lx->out: lead [head, st), text [st, te), terminator [te, end).  An
 * embedded item (a client line inside a pending statement) leaves head
 * and the cursor alone.
 */
static void fill(struct sqlp_lexer *lx, enum sqlp_class cls, uint64_t st, uint64_t te,
		 uint64_t end, unsigned flags)
{
	struct sqlp_item *o = &lx->out;
	int embedded = (flags & SQLP_F_EMBEDDED) != 0;

	/* every field, one by one: a memset costs a string instruction per item */
	o->cls = cls;
	o->objkind = SQLP_O_NONE;
	o->cons = SQLP_K_NONE;
	o->flags = flags;
	o->object = o->table = "";
	o->text = (const char *)PTR(lx, st);
	o->len = (size_t)(te - st);
	o->lead = (const char *)PTR(lx, embedded ? st : lx->head);
	o->lead_len = embedded ? 0 : (size_t)(st - lx->head);
	o->term = (const char *)PTR(lx, te);
	o->term_len = (size_t)(end - te);
	o->start = st;
	o->end = end;
	o->line = o->col = o->end_line = o->end_col = 0;
	o->dialect = lx->dialect;
	o->session = lx->session;
	o->batch = lx->dialect == SQLP_TSQL ? lx->batch : 0;
	o->repeat = 0;
	if (embedded) {
		/* from the last client line of the statement, not from its start:
		 * many of them cost one pass */
		if (lx->ecur < lx->cur || lx->ecur > st) {
			lx->ecur = lx->cur;
			lx->ecur_line = lx->cur_line;
			lx->ecur_col = lx->cur_col;
		}
		count_to(lx, PTR(lx, lx->ecur), PTR(lx, st), &lx->ecur_line, &lx->ecur_col);
		lx->ecur = st;
		o->line = lx->ecur_line;
		o->col = lx->ecur_col;
		o->end_line = o->line;
		o->end_col = o->col;
		if (end > st)
			count_to(lx, PTR(lx, st), PTR(lx, end - 1), &o->end_line, &o->end_col);
		return;
	}
	if (cls == SQLP_C_OTHER && lx->dialect == SQLP_POSTGRES && lx->lead_ok) {
		/* a statement: code_pg counted the newlines of its lead */
		if (lx->lead_nl) {
			lx->cur_line += lx->lead_nl;
			lx->cur_col = 1 + (st > lx->lead_ls ? (unsigned)sqlp__count_chars(
							   PTR(lx, lx->lead_ls), (size_t)(st - lx->lead_ls))
							 : 0);
		} else if (st > lx->cur) {
			lx->cur_col += (unsigned)sqlp__count_chars(PTR(lx, lx->cur), (size_t)(st - lx->cur));
		}
		lx->cur = st;
	} else {
		cursor_to(lx, st);
	}
	o->line = lx->cur_line;
	o->col = lx->cur_col;
	if (end > st) {
		unsigned char last = *PTR(lx, end - 1);

		cursor_to(lx, end - 1);
		o->end_line = lx->cur_line;
		o->end_col = lx->cur_col;
		/* past the last byte */
		lx->cur = end;
		if (last == '\n') {
			lx->cur_line++;
			lx->cur_col = 1;
		} else if ((last & 0xc0) != 0x80) {
			lx->cur_col++;
		}
	} else {
		o->end_line = o->line;
		o->end_col = o->col;
	}
	lx->head = end;
	lx->lead_nl = 0;
	lx->lead_ok = 1;
}

static void reset_stmt(struct sqlp_lexer *lx)
{
	lx->in_stmt = 0;
	lx->paren = 0;
	lx->begin_depth = 0;
	lx->nwords = 0;
	lx->track_begin = 0;
	lx->begin_pend = lx->end_pend = 0;
	lx->fw = 0;
	lx->stmt_exec = lx->exec;
	lx->nblanks = 0;
	lx->k = lx->k_fast;
}

int sqlp__push_copy(struct sqlp_lexer *lx, const char *table)
{
	if (lx->copy_pending == 0) {
		sqlp_buf_reset(&lx->copy_q);
		lx->copy_q_head = 0;
	}
	sqlp_buf_addstr(&lx->copy_q, table);
	sqlp_buf_addch(&lx->copy_q, 0);
	if (sqlp_buf_failed(&lx->copy_q))
		return sqlp__nomem(lx);
	lx->copy_pending++;
	return 0;
}

/* A statement [stmt, te) with terminator [te, end): fill, blank, classify. */
int sqlp__emit_stmt(struct sqlp_lexer *lx, uint64_t te, uint64_t end, unsigned flags)
{
	struct sqlp_item *o = &lx->out;
	unsigned session = lx->session;

	if (lx->dialect == SQLP_MYSQL && (lx->stmt_exec || lx->exec))
		flags |= SQLP_F_EXEC_COMMENT;
	fill(lx, SQLP_C_OTHER, lx->stmt, te, end, flags);
	if (lx->nblanks) {
		size_t i;

		sqlp_buf_reset(&lx->scratch);
		sqlp_buf_add(&lx->scratch, o->text, o->len);
		if (sqlp_buf_failed(&lx->scratch))
			return sqlp__nomem(lx);
		for (i = 0; i < lx->nblanks; i++) {
			size_t a = (size_t)(lx->blanks[i].a - o->start);

			memset(lx->scratch.data + a, ' ', (size_t)(lx->blanks[i].b - lx->blanks[i].a));
		}
		o->text = lx->scratch.data;
		o->flags |= SQLP_F_BLANKED;
	}
	if (sqlp__classify(lx->dialect, o->text, o->len, &session, &lx->saved_mode, o, &lx->names))
		return sqlp__nomem(lx);
	o->flags |= flags;
	lx->session = session;
	if ((o->flags & SQLP_F_COPY_STDIN) && sqlp__push_copy(lx, o->object))
		return -1;
	if (lx->dialect == SQLP_TSQL)
		lx->batch_items++;
	reset_stmt(lx);
	return SQLP_ITEM;
}

/* A client line [st, te) (psql meta-command, DELIMITER, sqlcmd line). */
int sqlp__emit_stmt_as(struct sqlp_lexer *lx, enum sqlp_class cls, uint64_t te, uint64_t end,
		       const char *object, size_t olen)
{
	fill(lx, cls, lx->stmt, te, end, 0);
	if (set_names(lx, object, olen, "", 0))
		return -1;
	reset_stmt(lx);
	return SQLP_ITEM;
}

int sqlp__emit_client(struct sqlp_lexer *lx, enum sqlp_class cls, uint64_t st, uint64_t te,
		      const char *object, size_t olen, unsigned flags)
{
	if (flags & SQLP_F_EMBEDDED) {
		if (lx->nblanks == lx->ablanks) {
			size_t na = lx->ablanks ? lx->ablanks * 2 : 4;
			struct blank *nb = realloc(lx->blanks, na * sizeof(*nb));

			if (!nb)
				return sqlp__nomem(lx);
			lx->blanks = nb;
			lx->ablanks = na;
		}
		lx->blanks[lx->nblanks].a = st;
		lx->blanks[lx->nblanks].b = te;
		lx->nblanks++;
	}
	fill(lx, cls, st, te, te, flags);
	if (set_names(lx, object, olen, "", 0))
		return -1;
	return SQLP_ITEM;
}

/* ------------------------------------------------------------------ */
/* starting statements */

void sqlp__drop_stmt(struct sqlp_lexer *lx)
{
	reset_stmt(lx);
	lx->lead_ok = 0;	/* its text, newlines and all, becomes lead */
}

/* A word start: a letter, '_' or a non-ASCII byte. */
static inline int word_start(unsigned char c)
{
	return sqlp__is_alpha(c) || c == '_' || c >= 0x80;
}

/* Do the 6 bytes at p (of 8 readable) say "create", in any case? */
static inline int is_create(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x;

	/* all six are letters: or-ing 0x20 folds exactly their upper case */
	memcpy(&x, p, 8);
	return ((x | 0x202020202020ULL) & 0xffffffffffffULL) == 0x657461657263ULL;
#else
	return sqlp__kw(p, 6, "create");
#endif
}

/*
 * Must the words of a PostgreSQL statement starting at p be read (by
 * pg_word(), to see CREATE [OR REPLACE] FUNCTION|PROCEDURE)?  No when it
 * starts with a word that is not "create" (its first byte says), or with
 * "create", blanks and a word that starts with a byte that neither OR,
 * FUNCTION nor PROCEDURE starts with: pg_word() would switch to the table
 * without words after that word anyway.  Yes when it starts with no word:
 * psql counts only the words outside parentheses, which may come later.
 */
static int pg_needs_words(const struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *e = END(lx), *q;
	unsigned char c;

	/* the first word outside parentheses may come later (or is not known yet) */
	if (!word_start(*p) || e - p < 3 || sqlp__pg_string_prefix(p, e))
		return 1;
	if ((*p | 0x20) != 'c')
		return 0;
	if (e - p < 8 || !is_create(p) || !sqlp__is_space(p[6]))
		return 1;
	for (q = p + 7; q < e && sqlp__is_space(*q); q++)
		;
	/* a string's prefix (CREATE E'' PROCEDURE) is no word either */
	if (e - q < 3 || sqlp__pg_string_prefix(q, e))
		return 1;
	c = *q | 0x20;
	return !word_start(*q) || c == 'o' || c == 'f' || c == 'p';
}

void sqlp__start_stmt(struct sqlp_lexer *lx, const unsigned char *p)
{
	lx->in_stmt = 1;
	lx->stmt = OFF(lx, p);
	lx->floor = lx->stmt;
	lx->stmt_exec = lx->exec;
	if (lx->dialect == SQLP_POSTGRES) {
		/* Words matter only to see CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
		lx->nwords = 0;
		memset(lx->ids, 0, sizeof(lx->ids));
		lx->track_begin = 0;
		lx->k = pg_needs_words(lx, p) ? lx->k_words : lx->k_fast;
	} else if (lx->dialect == SQLP_TSQL) {
		lx->fw = lx->batch_items == 0 ? 1 : 0;
	}
}


/* ------------------------------------------------------------------ */
/* states shared by the dialects */

static int line_comment(struct sqlp_lexer *lx)
{
	const unsigned char *p = PTR(lx, lx->pos), *e = END(lx);
	const unsigned char *nl = memchr(p, '\n', (size_t)(e - p));

	if (!nl)
		SUSPEND(lx, e);
	lx->state = ST_CODE;
	lx->floor = OFF(lx, nl);
	lx->pos = OFF(lx, nl);
	return CONT;
}

static int block_comment(struct sqlp_lexer *lx)
{
	const unsigned char *p = PTR(lx, lx->pos), *e = END(lx);
	int nests = lx->dialect != SQLP_MYSQL;

	for (;;) {
		while (p < e && *p != '*' && *p != '/')
			p++;
		if (p == e)
			SUSPEND(lx, p);
		/* MySQL: slash-star-bang or slash-star-M-bang needs 4 bytes */
		if (!nests && e - p < 4 && !lx->eof && *p == '/' && (e - p < 2 || p[1] == '*'))
			SUSPEND(lx, p);
		if (e - p < 2) {
			if (!lx->eof)
				SUSPEND(lx, p);
			p = e;
			continue;
		}
		if (*p == '*' && p[1] == '/') {
			p += 2;
			if (!nests && lx->exec) {
				/* the mysql client: a star-slash after slash-star-bang
				 * inside a comment ends that, not the comment */
				lx->exec = 0;
				continue;
			}
			if (--lx->depth == 0) {
				lx->state = ST_CODE;
				lx->floor = OFF(lx, p);
				lx->pos = OFF(lx, p);
				return CONT;
			}
		} else if (*p == '/' && p[1] == '*') {
			if (nests)
				lx->depth++;
			else if ((e - p > 2 && p[2] == '!') || (e - p > 3 && p[2] == 'M' && p[3] == '!'))
				lx->exec = 1;
			p += 2;
		} else {
			p++;
		}
	}
}

static int quoted(struct sqlp_lexer *lx)
{
	const unsigned char *p = PTR(lx, lx->pos), *e = END(lx), *q;
	int qc = lx->state == ST_SQ ? '\'' : lx->state == ST_DQ ? '"' : lx->state == ST_BQ ? '`' : ']';

	for (;;) {
		q = memchr(p, qc, (size_t)(e - p));
		if (!q)
			SUSPEND(lx, e);
		if (lx->esc) {
			const unsigned char *b = q, *lo = PTR(lx, lx->open) + 1;

			while (b > lo && b[-1] == '\\')
				b--;
			if ((q - b) & 1) {
				p = q + 1;
				continue;
			}
		}
		if (q + 1 == e) {
			if (!lx->eof)
				SUSPEND(lx, q);
		} else if (q[1] == qc) {
			p = q + 2;
			continue;
		}
		lx->state = ST_CODE;
		lx->floor = OFF(lx, q + 1);
		lx->pos = lx->floor;
		return CONT;
	}
}

static int dollar(struct sqlp_lexer *lx)
{
	const unsigned char *p = PTR(lx, lx->pos), *e = END(lx), *q;
	const char *tag = lx->tag.data;
	size_t tl = lx->tag.len;

	for (;;) {
		q = memchr(p, '$', (size_t)(e - p));
		if (!q)
			SUSPEND(lx, e);
		if ((size_t)(e - q) < tl) {
			if (!lx->eof)
				SUSPEND(lx, q);
			SUSPEND(lx, e);
		}
		if (!memcmp(q, tag, tl)) {
			lx->state = ST_CODE;
			lx->floor = OFF(lx, q + tl);
			lx->pos = lx->floor;
			return CONT;
		}
		p = q + 1;
	}
}

static int copy_skip(struct sqlp_lexer *lx)
{
	const unsigned char *p = PTR(lx, lx->pos), *e = END(lx);
	const unsigned char *nl = memchr(p, '\n', (size_t)(e - p));
	const char *t;

	if (!nl)
		SUSPEND(lx, e);
	t = lx->copy_q.data + lx->copy_q_head;
	sqlp_buf_reset(&lx->copy_table);
	sqlp_buf_addstr(&lx->copy_table, t);
	if (sqlp_buf_failed(&lx->copy_table))
		return sqlp__nomem(lx);
	lx->copy_q_head += strlen(t) + 1;
	lx->copy_pending--;
	lx->piece = lx->copy_scan = OFF(lx, nl + 1);
	lx->copy_nl = 0;
	lx->copy_cont = 0;
	lx->state = ST_COPY;
	lx->pos = lx->piece;
	return CONT;
}

/*
 * Hand out the piece [piece, te) of COPY data, with terminator [te, end).
 * The piece starts a line and holds nl newlines, counted while scanning,
 * so positions cost one line's worth of counting instead of the piece's.
 */
static int copy_emit(struct sqlp_lexer *lx, uint64_t te, uint64_t end, size_t nl,
		     unsigned flags)
{
	struct sqlp_item *o = &lx->out;
	const unsigned char *t = PTR(lx, te);
	uint64_t st = lx->piece;

	if (lx->copy_cont)
		flags |= SQLP_F_CONT;
	memset(o, 0, sizeof(*o));
	o->cls = SQLP_C_COPY_DATA;
	o->objkind = SQLP_O_TABLE;
	o->flags = flags;
	o->lead = (const char *)PTR(lx, lx->head);
	o->lead_len = (size_t)(st - lx->head);
	o->text = (const char *)PTR(lx, st);
	o->len = (size_t)(te - st);
	o->term = (const char *)t;
	o->term_len = (size_t)(end - te);
	o->start = st;
	o->end = end;
	o->dialect = lx->dialect;
	o->session = lx->session;
	cursor_to(lx, st);
	o->line = lx->cur_line;
	o->col = lx->cur_col;
	if (end > te) {
		/* the terminator "\." starts the line after the data */
		o->end_line = lx->cur_line + (unsigned)nl;
		o->end_col = 2;
	} else if (te > st) {
		/* a piece ends with the '\n' of its last line */
		const unsigned char *ls = t - 1;

		while (ls > PTR(lx, st) && ls[-1] != '\n')
			ls--;
		o->end_line = lx->cur_line + (unsigned)nl - 1;
		o->end_col = 1 + (unsigned)sqlp__count_chars(ls, (size_t)(t - 1 - ls));
	} else {
		o->end_line = o->line;
		o->end_col = o->col;
	}
	lx->cur = end;
	lx->cur_line += (unsigned)nl;
	lx->cur_col = end > te ? 3 : 1;
	lx->head = end;
	lx->lead_nl = 0;
	lx->lead_ok = 1;
	if (set_names(lx, lx->copy_table.data, lx->copy_table.len, lx->copy_table.data,
		      lx->copy_table.len))
		return -1;
	return SQLP_ITEM;
}

/*
 * COPY data: every line up to one that is exactly "\." (CR allowed).  A
 * piece ends at the last line end within SQLP_PIECE bytes of its start (or
 * after its first line, if that is longer), unless the "\." line starts
 * first: the cut depends on the data only, not on how it was fed.
 */
static int copy_data(struct sqlp_lexer *lx)
{
	const unsigned char *ps = PTR(lx, lx->piece), *q = PTR(lx, lx->copy_scan), *e = END(lx);

	for (;;) {
		const unsigned char *lim = (size_t)(e - ps) > SQLP_PIECE ? ps + SQLP_PIECE : e, *h, *cut;

		h = sqlp__line_backslash(q, lim, q == ps || q[-1] == '\n', &lx->copy_nl);
		if (h < lim) {
			int r;

			if (e - h < 4 && !lx->eof) {
				lx->copy_scan = OFF(lx, h);
				SUSPEND(lx, h);
			}
			if (!(h + 1 < e && h[1] == '.' &&
			      (h + 2 == e || h[2] == '\n' ||
			       (h[2] == '\r' && (h + 3 == e || h[3] == '\n'))))) {
				q = h + 1;
				continue;
			}
			lx->pos = OFF(lx, h + 2);
			r = copy_emit(lx, OFF(lx, h), OFF(lx, h + 2), lx->copy_nl, 0);
			lx->copy_nl = 0;
			lx->state = lx->copy_pending ? ST_COPY_SKIP : ST_CODE;
			lx->floor = lx->pos;
			return r;
		}
		if (lim == e && (size_t)(e - ps) <= SQLP_PIECE) {
			/* not enough data for a piece yet */
			lx->copy_scan = OFF(lx, e);
			SUSPEND(lx, e);
		}
		/* a full piece: cut after its last line end */
		for (cut = lim; cut > ps && cut[-1] != '\n'; cut--)
			;
		if (cut == ps) {
			/* one line longer than a piece: cut after it */
			const unsigned char *nlp = memchr(lim, '\n', (size_t)(e - lim));

			if (!nlp) {
				lx->copy_scan = OFF(lx, lim);
				if (!lx->eof)
					SUSPEND(lx, lim);
				SUSPEND(lx, e);
			}
			cut = nlp + 1;
			lx->copy_nl++;
		}
		lx->pos = lx->copy_scan = OFF(lx, cut);
		{
			int r = copy_emit(lx, OFF(lx, cut), OFF(lx, cut), lx->copy_nl, SQLP_F_MORE);

			lx->copy_nl = 0;
			lx->piece = OFF(lx, cut);
			lx->copy_cont = 1;
			return r;
		}
	}
}

/* ------------------------------------------------------------------ */
/* end of input */

static int at_eof(struct sqlp_lexer *lx)
{
	switch (lx->state) {
	case ST_CODE:
		if (lx->dialect == SQLP_MYSQL && lx->exec) {
			sqlp__fail(lx, SQLP_ERR_UNTERMINATED, lx->exec_open,
				   "unterminated /*! executable comment");
			lx->err.line = lx->exec_line;
			lx->err.col = lx->exec_col;
			return -1;
		}
		if (lx->dialect == SQLP_TSQL && lx->tpend)
			return sqlp__ts_flush_pend(lx, END(lx), SQLP_F_BATCH_END, 1);
		if (lx->in_stmt) {
			unsigned flags = SQLP_F_UNTERMINATED;
			int r;

			/* whatever the delimiter, the mysql client sends what is left at
			   the end of its input: an unterminated item, as with ';' */
			if (lx->dialect == SQLP_TSQL)
				flags |= SQLP_F_BATCH_END;
			lx->pos = OFF(lx, END(lx));
			r = sqlp__emit_stmt(lx, lx->pos, lx->pos, flags);
			if (lx->dialect == SQLP_TSQL)
				lx->out.repeat = 1;
			if (r > 0 && lx->dialect == SQLP_POSTGRES && lx->copy_pending)
				lx->state = ST_COPY_SKIP;
			return r;
		}
		if (lx->copy_pending)
			return sqlp__fail(lx, SQLP_ERR_UNTERMINATED, lx->head,
					  "COPY ... FROM stdin without data: no line \\. before the end of input");
		return 0;
	case ST_LINE_COMMENT:
		lx->state = ST_CODE;
		return CONT;
	case ST_COPY_SKIP:
	case ST_COPY:
		return sqlp__fail(lx, SQLP_ERR_UNTERMINATED, lx->head,
				  "unterminated COPY data: no line \\. before the end of input");
	case ST_DOLLAR:
		return sqlp__fail(lx, SQLP_ERR_UNTERMINATED, lx->open, "unterminated dollar-quoted string %.*s",
				  (int)(lx->tag.len > 64 ? 64 : lx->tag.len), lx->tag.data);
	default:
		return sqlp__fail(lx, SQLP_ERR_UNTERMINATED, lx->open, "unterminated %s",
				  open_names[lx->open_kind]);
	}
}

static int scan(struct sqlp_lexer *lx)
{
	for (;;) {
		int r;

		switch (lx->state) {
		case ST_CODE:
			r = lx->dialect == SQLP_POSTGRES ? sqlp__code_pg(lx)
			    : lx->dialect == SQLP_MYSQL  ? sqlp__code_my(lx)
							 : sqlp__code_ts(lx);
			break;
		case ST_LINE_COMMENT:
			r = line_comment(lx);
			break;
		case ST_BLOCK_COMMENT:
			r = block_comment(lx);
			break;
		case ST_DOLLAR:
			r = dollar(lx);
			break;
		case ST_COPY_SKIP:
			r = copy_skip(lx);
			break;
		case ST_COPY:
			r = copy_data(lx);
			break;
		default:
			r = quoted(lx);
			break;
		}
		if (r == 0 && lx->eof && lx->pos == OFF(lx, END(lx)))
			r = at_eof(lx);
		if (r != CONT)
			return r;
	}
}

/* ------------------------------------------------------------------ */
/* input and decoding */

static void set_dialect(struct sqlp_lexer *lx, enum sqlp_dialect d)
{
	lx->dialect = d;
	lx->batch = d == SQLP_TSQL ? 1 : 0;
	sqlp__build_tables(lx);
	reset_stmt(lx);
}

struct sqlp_lexer *sqlp_lexer_new(const struct sqlp_options *opts)
{
	struct sqlp_lexer *lx = calloc(1, sizeof(*lx));

	if (!lx)
		return NULL;
	if (opts)
		lx->opt = *opts;
	sqlp_buf_init(&lx->in);
	sqlp_buf_init(&lx->tag);
	sqlp_buf_init(&lx->copy_q);
	sqlp_buf_init(&lx->copy_table);
	sqlp_buf_init(&lx->names);
	sqlp_buf_init(&lx->scratch);
	lx->d = (const unsigned char *)lx->in.data;
	lx->before = '\n';
	lx->scan_at = lx->dword_dollar = lx->ecur = UINT64_MAX;
	lx->cur_line = lx->cur_col = 1;
	lx->lead_ok = 1;
	lx->session = lx->opt.session;
	lx->saved_mode = lx->session;
	strcpy(lx->delim, ";");
	lx->delim_len = 1;
	lx->state = ST_CODE;
	if (lx->opt.dialect != SQLP_AUTO && lx->opt.dialect < SQLP_DIALECT_COUNT)
		set_dialect(lx, lx->opt.dialect);
	else
		lx->dialect = SQLP_AUTO;
	return lx;
}

void sqlp_lexer_free(struct sqlp_lexer *lx)
{
	if (!lx)
		return;
	sqlp_buf_release(&lx->in);
	sqlp_buf_release(&lx->tag);
	sqlp_buf_release(&lx->copy_q);
	sqlp_buf_release(&lx->copy_table);
	sqlp_buf_release(&lx->names);
	sqlp_buf_release(&lx->scratch);
	free(lx->blanks);
	free(lx);
}

/* Make room: drop what lies before head when that is worth a move. */
static void compact(struct sqlp_lexer *lx, size_t incoming)
{
	size_t drop = (size_t)(lx->head - lx->base);

	if (!drop || (drop < lx->n / 2 && lx->in.cap - lx->in.len > incoming))
		return;
	lx->before = lx->d[drop - 1];
	sqlp_buf_consume(&lx->in, drop);
	lx->base += drop;
	lx->d = (const unsigned char *)lx->in.data;
	lx->n = lx->in.len;
}

static void put_utf8(struct sqlp_buf *b, unsigned cp)
{
	char u[4];

	if (cp < 0x80) {
		sqlp_buf_addch(b, (int)cp);
		return;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		sqlp_buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		sqlp_buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		sqlp_buf_add(b, u, 4);
	}
}

/*
 * Stop reading input at an encoding error.  It is reported by next() once
 * every item before it is out, so that the items do not depend on how the
 * input was cut into chunks.
 */
static int bad_encoding(struct sqlp_lexer *lx, const char *msg)
{
	if (!lx->bad_enc) {
		lx->bad_enc = 1;
		lx->bad_off = lx->base + lx->in.len;
		lx->bad_msg = msg;
	}
	return 0;
}

/* Transcode UTF-16 units to UTF-8 into lx->in. */
static int utf16(struct sqlp_lexer *lx, const unsigned char *p, size_t len)
{
	int be = lx->enc == ENC_UTF16BE;

	if (sqlp_buf_grow(&lx->in, len + len / 2 + 4))
		return sqlp__nomem(lx);
	while (len && !lx->bad_enc) {
		unsigned u;

		if (lx->npend == 1 || len == 1) {
			if (lx->npend == 0) {
				lx->pend[0] = *p;
				lx->npend = 1;
				return 0;
			}
			u = be ? (unsigned)lx->pend[0] << 8 | *p : (unsigned)*p << 8 | lx->pend[0];
			lx->npend = 0;
			p++;
			len--;
		} else {
			u = be ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
			p += 2;
			len -= 2;
		}
		if (lx->hisur) {
			if (u < 0xdc00 || u > 0xdfff)
				return bad_encoding(lx, "invalid UTF-16: high surrogate not followed by a low one");
			put_utf8(&lx->in, 0x10000 + ((lx->hisur - 0xd800) << 10) + (u - 0xdc00));
			lx->hisur = 0;
		} else if (u >= 0xd800 && u <= 0xdbff) {
			lx->hisur = u;
		} else if (u >= 0xdc00 && u <= 0xdfff) {
			return bad_encoding(lx, "invalid UTF-16: low surrogate without a high one");
		} else {
			put_utf8(&lx->in, u);
		}
	}
	return 0;
}

/*
 * The encoding of input starting with the n bytes at b, and the length of
 * its byte-order mark: a BOM, else the NULs of BOM-less UTF-16 text in the
 * first 4 bytes, else UTF-8.  Streaming and whole-buffer splits both ask
 * this, so they always agree.
 */
static int sniff_bytes(const unsigned char *b, size_t n, size_t *bom)
{
	*bom = 0;
	if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
		*bom = 3;
		return ENC_UTF8;
	}
	if (n >= 2 && b[0] == 0xff && b[1] == 0xfe) {
		*bom = 2;
		return ENC_UTF16LE;
	}
	if (n >= 2 && b[0] == 0xfe && b[1] == 0xff) {
		*bom = 2;
		return ENC_UTF16BE;
	}
	if (n >= 4 && b[0] && b[0] < 0x80 && !b[1] && b[2] && b[2] < 0x80 && !b[3])
		return ENC_UTF16LE;
	if (n >= 4 && !b[0] && b[1] && b[1] < 0x80 && !b[2] && b[3] && b[3] < 0x80)
		return ENC_UTF16BE;
	return ENC_UTF8;
}

static void sniff(struct sqlp_lexer *lx)
{
	size_t bom;

	lx->enc = sniff_bytes(lx->pend, (size_t)lx->npend, &bom);
	memmove(lx->pend, lx->pend + bom, (size_t)lx->npend - bom);
	lx->npend -= (int)bom;
}

static int push(struct sqlp_lexer *lx, const unsigned char *p, size_t len)
{
	compact(lx, len);
	if (lx->enc == ENC_UTF8)
		sqlp_buf_add(&lx->in, p, len);
	else if (utf16(lx, p, len))
		return -1;
	if (sqlp_buf_failed(&lx->in))
		return sqlp__nomem(lx);
	lx->d = (const unsigned char *)lx->in.data;
	lx->n = lx->in.len;
	return 0;
}

int sqlp_lexer_feed(struct sqlp_lexer *lx, const void *data, size_t len)
{
	const unsigned char *p = data;

	if (lx->failed)
		return -1;
	if (lx->finished)
		return sqlp__fail(lx, SQLP_ERR_USAGE, lx->base + lx->n, "input fed after the end of input");
	if (lx->bad_enc)
		return 0;	/* nothing after an encoding error is read */
	while (lx->enc == ENC_UNKNOWN && len) {
		lx->pend[lx->npend++] = *p++;
		len--;
		if (lx->npend == 4 || (lx->npend >= 2 && lx->pend[0] != 0xef && lx->pend[1] != 0 &&
				       lx->pend[0] != 0xff && lx->pend[0] != 0xfe && lx->pend[0] != 0))
			sniff(lx);
	}
	if (lx->enc == ENC_UNKNOWN)
		return 0;
	if (lx->npend && (lx->enc == ENC_UTF8 || lx->npend > 1)) {
		unsigned char held[4];
		int nh = lx->npend;

		memcpy(held, lx->pend, 4);
		lx->npend = 0;
		if (push(lx, held, (size_t)nh))
			return -1;
	}
	return len ? push(lx, p, len) : 0;
}

void sqlp_lexer_finish(struct sqlp_lexer *lx)
{
	if (lx->finished || lx->failed)
		return;
	if (lx->enc == ENC_UNKNOWN) {
		sniff(lx);
		if (lx->npend) {
			unsigned char held[4];
			int nh = lx->npend;

			memcpy(held, lx->pend, 4);
			lx->npend = 0;
			if (push(lx, held, (size_t)nh))
				return;
		}
	}
	if ((lx->npend || lx->hisur) && !lx->bad_enc)
		bad_encoding(lx, "invalid UTF-16: the input ends in the middle of a character");
	if (!lx->bad_enc)
		lx->eof = 1;
	lx->finished = 1;
}

static int detect(struct sqlp_lexer *lx)
{
	size_t n = lx->n < SQLP_DETECT_BYTES ? lx->n : SQLP_DETECT_BYTES;
	enum sqlp_dialect d;

	d = sqlp__detect(lx->d, n, lx->enc == ENC_UTF16LE || lx->enc == ENC_UTF16BE, lx->reason,
			 sizeof(lx->reason));
	if (d == SQLP_AUTO)
		return sqlp__fail(lx, SQLP_ERR_DIALECT, 0,
				  "cannot tell the SQL dialect (%s); name it with --dialect", lx->reason);
	set_dialect(lx, d);
	return 0;
}

int sqlp_lexer_next(struct sqlp_lexer *lx, struct sqlp_item *item)
{
	int r;

	if (lx->failed)
		return SQLP_ERROR;
	if (lx->done)
		return SQLP_DONE;
	if (lx->dialect == SQLP_AUTO) {
		if (!lx->eof && !lx->bad_enc && lx->n < SQLP_DETECT_BYTES)
			return SQLP_MORE;
		if (detect(lx))
			return SQLP_ERROR;
	}
	r = scan(lx);
	if (r == SQLP_ITEM) {
		*item = lx->out;
		return SQLP_ITEM;
	}
	if (r < 0)
		return SQLP_ERROR;
	if (lx->bad_enc) {
		sqlp__fail(lx, SQLP_ERR_ENCODING, lx->bad_off, "%s", lx->bad_msg);
		return SQLP_ERROR;
	}
	if (lx->eof) {
		lx->done = 1;
		return SQLP_DONE;
	}
	if (lx->opt.max_stmt && lx->n - (size_t)(lx->head - lx->base) > lx->opt.max_stmt) {
		sqlp__fail(lx, SQLP_ERR_TOO_LARGE, lx->head, "statement larger than %zu bytes",
			   lx->opt.max_stmt);
		return SQLP_ERROR;
	}
	return SQLP_MORE;
}

const struct sqlp_error *sqlp_lexer_error(const struct sqlp_lexer *lx)
{
	return &lx->err;
}

enum sqlp_dialect sqlp_lexer_dialect(const struct sqlp_lexer *lx)
{
	return lx->dialect;
}

const char *sqlp_lexer_detect_reason(const struct sqlp_lexer *lx)
{
	return lx->reason;
}

/* ------------------------------------------------------------------ */
/* whole buffers */

int sqlp_split(const void *buf, size_t len, const struct sqlp_options *opts, sqlp_item_fn fn,
	       void *ctx, struct sqlp_error *err)
{
	struct sqlp_lexer *lx = sqlp_lexer_new(opts);
	const unsigned char *p = buf;
	struct sqlp_item it;
	size_t bom;
	int r, rc = 0;

	if (!lx) {
		if (err) {
			memset(err, 0, sizeof(*err));
			err->code = SQLP_ERR_NOMEM;
			strcpy(err->msg, "out of memory");
		}
		return -1;
	}
	if (sniff_bytes(p, len < 4 ? len : 4, &bom) != ENC_UTF8) {
		/* UTF-16: the streaming path decodes it */
		if (sqlp_lexer_feed(lx, p, len) == 0)
			sqlp_lexer_finish(lx);
	} else {
		/* borrow the caller's bytes: no copy */
		lx->enc = ENC_UTF8;
		lx->d = p + bom;
		lx->n = len - bom;
		lx->eof = lx->finished = 1;
	}
	while (!lx->failed && (r = sqlp_lexer_next(lx, &it)) == SQLP_ITEM) {
		rc = fn(ctx, &it);
		if (rc)
			break;
	}
	if (lx->failed) {
		if (err)
			*err = lx->err;
		rc = -1;
	}
	sqlp_lexer_free(lx);
	return rc;
}

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

/* scan() results besides SQLP_ITEM (1), 0 (suspended) and -1 (error). */
#define CONT 2
#define NOT_GO 3

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

	/* PostgreSQL: psql's CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC rule */
	unsigned nwords;
	char ids[4];
	int track_begin;

	/* MySQL */
	char delim[SQLP_DELIM_MAX + 1];
	size_t delim_len;
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
	int copy_cont;

	/* session state */
	unsigned session, saved_mode;

	/* position cursor: cur is at line cur_line, column cur_col */
	uint64_t cur;
	unsigned cur_line, cur_col;

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

static void count_to(const unsigned char *p, const unsigned char *q, unsigned *line,
		     unsigned *col)
{
	size_t nl = sqlp__count_nl(p, (size_t)(q - p));

	if (nl) {
		const unsigned char *ls = q;

		while (ls[-1] != '\n')
			ls--;
		*line += (unsigned)nl;
		*col = 1 + (unsigned)sqlp__count_chars(ls, (size_t)(q - ls));
	} else {
		*col += (unsigned)sqlp__count_chars(p, (size_t)(q - p));
	}
}

static void cursor_to(struct sqlp_lexer *lx, uint64_t off)
{
	count_to(PTR(lx, lx->cur), PTR(lx, off), &lx->cur_line, &lx->cur_col);
	lx->cur = off;
}

/* Position of off (>= the cursor) without moving the cursor. */
static void position_of(const struct sqlp_lexer *lx, uint64_t off, unsigned *line, unsigned *col)
{
	*line = lx->cur_line;
	*col = lx->cur_col;
	if (off > lx->cur)
		count_to(PTR(lx, lx->cur), PTR(lx, off), line, col);
}

__attribute__((format(printf, 4, 5)))
static int fail(struct sqlp_lexer *lx, enum sqlp_errcode code, uint64_t off, const char *fmt, ...)
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
		position_of(lx, off, &lx->err.line, &lx->err.col);
	return -1;
}

static int nomem(struct sqlp_lexer *lx)
{
	return fail(lx, SQLP_ERR_NOMEM, lx->pos, "out of memory");
}

/* ------------------------------------------------------------------ */
/* byte-class tables */

static void build_tables(struct sqlp_lexer *lx)
{
	unsigned char *f = lx->k_fast, *w = lx->k_words;
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
		return nomem(lx);
	lx->out.object = lx->names.data;
	lx->out.table = lx->names.data + toff;
	return 0;
}

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

	memset(o, 0, sizeof(*o));
	o->cls = cls;
	o->flags = flags;
	o->object = o->table = "";
	o->lead = (const char *)PTR(lx, embedded ? st : lx->head);
	o->lead_len = embedded ? 0 : (size_t)(st - lx->head);
	o->text = (const char *)PTR(lx, st);
	o->len = (size_t)(te - st);
	o->term = (const char *)PTR(lx, te);
	o->term_len = (size_t)(end - te);
	o->start = st;
	o->end = end;
	o->dialect = lx->dialect;
	o->session = lx->session;
	o->batch = lx->dialect == SQLP_TSQL ? lx->batch : 0;
	if (embedded) {
		position_of(lx, st, &o->line, &o->col);
		o->end_line = o->line;
		o->end_col = o->col;
		if (end > st)
			count_to(PTR(lx, st), PTR(lx, end - 1), &o->end_line, &o->end_col);
		return;
	}
	cursor_to(lx, st);
	o->line = lx->cur_line;
	o->col = lx->cur_col;
	if (end > st) {
		cursor_to(lx, end - 1);
		o->end_line = lx->cur_line;
		o->end_col = lx->cur_col;
		cursor_to(lx, end);
	} else {
		o->end_line = o->line;
		o->end_col = o->col;
	}
	lx->head = end;
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

static int push_copy(struct sqlp_lexer *lx, const char *table)
{
	if (lx->copy_pending == 0) {
		sqlp_buf_reset(&lx->copy_q);
		lx->copy_q_head = 0;
	}
	sqlp_buf_addstr(&lx->copy_q, table);
	sqlp_buf_addch(&lx->copy_q, 0);
	if (sqlp_buf_failed(&lx->copy_q))
		return nomem(lx);
	lx->copy_pending++;
	return 0;
}

/* A statement [stmt, te) with terminator [te, end): fill, blank, classify. */
static int emit_stmt(struct sqlp_lexer *lx, uint64_t te, uint64_t end, unsigned flags)
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
			return nomem(lx);
		for (i = 0; i < lx->nblanks; i++) {
			size_t a = (size_t)(lx->blanks[i].a - o->start);

			memset(lx->scratch.data + a, ' ', (size_t)(lx->blanks[i].b - lx->blanks[i].a));
		}
		o->text = lx->scratch.data;
		o->flags |= SQLP_F_BLANKED;
	}
	if (sqlp__classify(lx->dialect, o->text, o->len, &session, &lx->saved_mode, o, &lx->names))
		return nomem(lx);
	o->flags |= flags;
	lx->session = session;
	if ((o->flags & SQLP_F_COPY_STDIN) && push_copy(lx, o->object))
		return -1;
	if (lx->dialect == SQLP_TSQL)
		lx->batch_items++;
	reset_stmt(lx);
	return SQLP_ITEM;
}

/* A client line [st, te) (psql meta-command, DELIMITER, sqlcmd line). */
static int emit_client(struct sqlp_lexer *lx, enum sqlp_class cls, uint64_t st, uint64_t te,
		       const char *object, size_t olen, unsigned flags)
{
	if (flags & SQLP_F_EMBEDDED) {
		if (lx->nblanks == lx->ablanks) {
			size_t na = lx->ablanks ? lx->ablanks * 2 : 4;
			struct blank *nb = realloc(lx->blanks, na * sizeof(*nb));

			if (!nb)
				return nomem(lx);
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
/* helpers for code */

static const unsigned char *skip_ws(const unsigned char *p, const unsigned char *e)
{
	while (p < e && sqlp__is_space(*p))
		p++;
	return p;
}

/* Only blanks between the last newline (or the start) and p. */
static int at_line_start(const struct sqlp_lexer *lx, const unsigned char *p)
{
	while (p > lx->d && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\f' || p[-1] == '\v'))
		p--;
	return p == lx->d ? lx->before == '\n' : p[-1] == '\n';
}

/*
 * The end of the line at p (its '\n', or e at the end of input), or NULL
 * if the line is not complete yet.
 */
static const unsigned char *line_end(const struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *e = END(lx);
	const unsigned char *nl = memchr(p, '\n', (size_t)(e - p));

	if (nl)
		return nl;
	return lx->eof ? e : NULL;
}

/* Drop a '\r' before the '\n' at le. */
static const unsigned char *chomp(const unsigned char *p, const unsigned char *le)
{
	return le > p && le[-1] == '\r' ? le - 1 : le;
}

static void start_stmt(struct sqlp_lexer *lx, const unsigned char *p)
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
		lx->k = sqlp__is_alpha(*p) || *p == '_' || *p >= 0x80 ? lx->k_words : lx->k_fast;
	} else if (lx->dialect == SQLP_TSQL) {
		lx->fw = lx->batch_items == 0 ? 1 : 0;
	}
}

static void open_construct(struct sqlp_lexer *lx, int state, const unsigned char *p,
			   enum open_kind kind, int esc)
{
	lx->state = state;
	lx->open = OFF(lx, p);
	lx->open_kind = kind;
	lx->esc = esc;
	lx->depth = 1;
}

/* ------------------------------------------------------------------ */
/* PostgreSQL */

/* psql's heuristic: BEGIN ... END counts only in CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
static void pg_word(struct sqlp_lexer *lx, const unsigned char *w, size_t n)
{
	const char *ids = lx->ids;

	if (lx->nwords < 4) {
		char c = 0;

		if (sqlp__kw(w, n, "create"))
			c = 'c';
		else if (sqlp__kw(w, n, "function"))
			c = 'f';
		else if (sqlp__kw(w, n, "procedure"))
			c = 'p';
		else if (sqlp__kw(w, n, "or"))
			c = 'o';
		else if (sqlp__kw(w, n, "replace"))
			c = 'r';
		lx->ids[lx->nwords] = c;
	}
	lx->nwords++;
	if (!lx->track_begin) {
		if (ids[0] == 'c' &&
		    (ids[1] == 'f' || ids[1] == 'p' ||
		     (ids[1] == 'o' && ids[2] == 'r' && (ids[3] == 'f' || ids[3] == 'p')))) {
			lx->track_begin = 1;
		} else if (ids[0] != 'c' || (lx->nwords >= 2 && ids[1] != 'o') ||
			   (lx->nwords >= 3 && ids[2] != 'r') || lx->nwords >= 4) {
			lx->k = lx->k_fast;
		}
		return;
	}
	if (lx->paren)
		return;
	if (sqlp__kw(w, n, "begin"))
		lx->begin_depth++;
	else if (sqlp__kw(w, n, "case")) {
		if (lx->begin_depth)
			lx->begin_depth++;
	} else if (sqlp__kw(w, n, "end")) {
		if (lx->begin_depth)
			lx->begin_depth--;
	}
}

/* Does "$" at p continue an identifier (a$b), as PostgreSQL reads it? */
static int dollar_in_ident(const struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *lo = PTR(lx, lx->floor), *q = p;

	while (q > lo && sqlp__is_ident(q[-1]))
		q--;
	return q < p && !sqlp__is_digit(*q);
}

/* Kind of the string whose quote is at p: escapes or not, and its name. */
static int pg_string_esc(const struct sqlp_lexer *lx, const unsigned char *p, enum open_kind *kind)
{
	const unsigned char *lo = PTR(lx, lx->floor);
	unsigned char a = p - 1 >= lo ? (p[-1] | 0x20) : 0;

	*kind = OK_SQ;
	if (a == 'e' && (p - 2 < lo || !sqlp__is_ident(p[-2]))) {
		*kind = OK_ESTR;
		return 1;
	}
	if ((a == 'b' || a == 'x') && (p - 2 < lo || !sqlp__is_ident(p[-2])))
		return 0;
	if (p - 2 >= lo && p[-1] == '&' && (p[-2] | 0x20) == 'u' &&
	    (p - 3 < lo || !sqlp__is_ident(p[-3])))
		return 0;
	return (lx->session & SQLP_S_SCS_OFF) != 0;
}

/* Does a psql \copy line read its data from the script ("from stdin")? */
static int copy_from_stdin(const unsigned char *p, const unsigned char *e)
{
	int saw_from = 0;

	while (p < e) {
		const unsigned char *w;

		while (p < e && !sqlp__is_alpha(*p))
			p++;
		w = p;
		while (p < e && sqlp__is_ident(*p))
			p++;
		if (saw_from && sqlp__kw(w, (size_t)(p - w), "stdin"))
			return 1;
		saw_from = sqlp__kw(w, (size_t)(p - w), "from");
	}
	return 0;
}

/* After a statement or meta-command that sends the query: data follows? */
static void pg_after_send(struct sqlp_lexer *lx)
{
	if (lx->copy_pending)
		lx->state = ST_COPY_SKIP;
}

/* A psql backslash command at p (outside quotes). */
static int pg_meta(struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *e = END(lx), *le, *q, *name_end;
	size_t nlen;

	if (e - p < 2 && !lx->eof)
		SUSPEND(lx, p);
	if (p + 1 < e && p[1] == ';') {
		/* \; ends a statement without sending it (psql joins them) */
		if (!lx->in_stmt) {
			lx->pos = OFF(lx, p + 2);
			return CONT;
		}
		lx->pos = OFF(lx, p + 2);
		return emit_stmt(lx, OFF(lx, p), OFF(lx, p + 2), 0);
	}
	le = line_end(lx, p);
	if (!le)
		SUSPEND(lx, p);
	le = chomp(p, le);
	for (q = p + 1; q < le && sqlp__is_alpha(*q); q++)
		;
	nlen = (size_t)(q - p - 1);
	for (name_end = p + 1; name_end < le && !sqlp__is_space(*name_end); name_end++)
		;
	if (lx->in_stmt) {
		static const char *const sends[] = { "g", "gx", "gset", "gexec", "gdesc", "gp",
						     "crosstabview", "watch", NULL };
		int i;

		for (i = 0; sends[i]; i++)
			if (sqlp__kw(p + 1, nlen, sends[i]))
				break;
		if (sends[i]) {
			/* the statement ends here; the command is read next */
			lx->pos = OFF(lx, p);
			return emit_stmt(lx, OFF(lx, p), OFF(lx, p), 0);
		}
		lx->pos = OFF(lx, le);
		return emit_client(lx, SQLP_C_PSQL_META, OFF(lx, p), OFF(lx, le), (const char *)p,
				   (size_t)(name_end - p), SQLP_F_EMBEDDED);
	}
	lx->pos = OFF(lx, le);
	if (emit_client(lx, SQLP_C_PSQL_META, OFF(lx, p), OFF(lx, le), (const char *)p,
			(size_t)(name_end - p), 0) < 0)
		return -1;
	if (sqlp__kw(p + 1, nlen, "copy") && copy_from_stdin(q, le)) {
		const unsigned char *t = skip_ws(q, le), *te = t;

		while (te < le && !sqlp__is_space(*te))
			te++;
		sqlp_buf_reset(&lx->scratch);
		sqlp_buf_add(&lx->scratch, t, (size_t)(te - t));
		if (sqlp_buf_failed(&lx->scratch) || push_copy(lx, lx->scratch.data))
			return nomem(lx);
	}
	pg_after_send(lx);
	return SQLP_ITEM;
}

static int code_pg(struct sqlp_lexer *lx)
{
	const unsigned char *p = PTR(lx, lx->pos), *e = END(lx), *q;

	for (;;) {
		if (!lx->in_stmt) {
			p = skip_ws(p, e);
			if (p == e)
				SUSPEND(lx, p);
			if ((*p == '-' || *p == '/') && e - p < 2 && !lx->eof)
				SUSPEND(lx, p);
			if (*p == '-' && p + 1 < e && p[1] == '-') {
				lx->state = ST_LINE_COMMENT;
				lx->pos = OFF(lx, p + 2);
				return CONT;
			}
			if (*p == '/' && p + 1 < e && p[1] == '*') {
				open_construct(lx, ST_BLOCK_COMMENT, p, OK_COMMENT, 0);
				lx->pos = OFF(lx, p + 2);
				return CONT;
			}
			if (*p == ';') {
				p++;
				continue;
			}
			if (*p == '\\')
				return pg_meta(lx, p);
			start_stmt(lx, p);
		}
		{
			const unsigned char *k = lx->k;

			while (p < e && !k[*p])
				p++;
		}
		if (p == e)
			SUSPEND(lx, p);
		switch (lx->k[*p]) {
		case K_WORD:
			for (q = p; q < e && sqlp__is_ident(*q); q++)
				;
			if (q == e && !lx->eof)
				SUSPEND(lx, p);
			pg_word(lx, p, (size_t)(q - p));
			p = q;
			break;
		case K_SQ: {
			enum open_kind kind;
			int esc = pg_string_esc(lx, p, &kind);

			open_construct(lx, ST_SQ, p, kind, esc);
			lx->pos = OFF(lx, p + 1);
			return CONT;
		}
		case K_DQ:
			open_construct(lx, ST_DQ, p, OK_DQ_IDENT, 0);
			lx->pos = OFF(lx, p + 1);
			return CONT;
		case K_DOLLAR:
			if (e - p < 2 && !lx->eof)
				SUSPEND(lx, p);
			if (p + 1 == e || sqlp__is_digit(p[1]) || dollar_in_ident(lx, p)) {
				p++;
				break;
			}
			q = p + 1;
			if (*q != '$') {
				if (!(sqlp__is_alpha(*q) || *q == '_' || *q >= 0x80)) {
					p++;
					break;
				}
				while (q < e && (sqlp__is_ident(*q) && *q != '$'))
					q++;
				if (q == e) {
					if (!lx->eof)
						SUSPEND(lx, p);
					p++;
					break;
				}
				if (*q != '$') {
					p++;
					break;
				}
			}
			sqlp_buf_reset(&lx->tag);
			sqlp_buf_add(&lx->tag, p, (size_t)(q + 1 - p));
			if (sqlp_buf_failed(&lx->tag))
				return nomem(lx);
			open_construct(lx, ST_DOLLAR, p, OK_DOLLAR, 0);
			lx->pos = OFF(lx, q + 1);
			return CONT;
		case K_DASH:
		case K_SLASH:
			if (e - p < 2 && !lx->eof)
				SUSPEND(lx, p);
			if (p + 1 < e && *p == '-' && p[1] == '-') {
				lx->state = ST_LINE_COMMENT;
				lx->pos = OFF(lx, p + 2);
				return CONT;
			}
			if (p + 1 < e && *p == '/' && p[1] == '*') {
				open_construct(lx, ST_BLOCK_COMMENT, p, OK_COMMENT, 0);
				lx->pos = OFF(lx, p + 2);
				return CONT;
			}
			p++;
			break;
		case K_SEMI:
			if (lx->paren || lx->begin_depth) {
				p++;
				break;
			}
			lx->pos = OFF(lx, p + 1);
			if (emit_stmt(lx, OFF(lx, p), OFF(lx, p + 1), 0) < 0)
				return -1;
			pg_after_send(lx);
			return SQLP_ITEM;
		case K_LPAREN:
			lx->paren++;
			p++;
			break;
		case K_RPAREN:
			if (lx->paren)
				lx->paren--;
			p++;
			break;
		case K_BSLASH:
			return pg_meta(lx, p);
		default:
			p++;
			break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* MySQL */

static int delim_at(const struct sqlp_lexer *lx, const unsigned char *p, const unsigned char *e)
{
	return (size_t)(e - p) >= lx->delim_len && !memcmp(p, lx->delim, lx->delim_len);
}

/* Could the delimiter start at p but the input stops before it is whole? */
static int delim_partial(const struct sqlp_lexer *lx, const unsigned char *p,
			 const unsigned char *e)
{
	return !lx->eof && (size_t)(e - p) < lx->delim_len &&
	       !memcmp(p, lx->delim, (size_t)(e - p));
}

/*
 * "--" starts a MySQL comment only before a blank or control character.
 * A Unicode space (U+00A0, U+2000-U+200A, U+3000, ...) counts as one too:
 * the mysql client would not, but a line like "--<NBSP>note" fails on the
 * server either way, and reading it as the comment it was meant to be
 * keeps the rest of the file aligned (Skeema reads it the same way).
 * Needs 5 bytes of look-ahead (or the end of input).
 */
static int my_dashdash(const unsigned char *p, const unsigned char *e)
{
	if (e - p < 2 || p[0] != '-' || p[1] != '-')
		return 0;
	return p + 2 == e || p[2] <= ' ' || sqlp__unicode_space(p + 2, e) > 0;
}

/* DELIMITER (or \d) line [p, le); the argument starts at a. */
static int my_delimiter(struct sqlp_lexer *lx, const unsigned char *p, const unsigned char *a,
			const unsigned char *le)
{
	const unsigned char *b;

	while (a < le && sqlp__is_space(*a))
		a++;
	if (a < le && (*a == '\'' || *a == '"' || *a == '`')) {
		b = memchr(a + 1, *a, (size_t)(le - a - 1));
		if (!b)
			b = le;
		a++;
	} else {
		for (b = a; b < le && !sqlp__is_space(*b); b++)
			;
	}
	/* The client refuses an empty delimiter and one with a backslash. */
	if (b > a && !memchr(a, '\\', (size_t)(b - a))) {
		if ((size_t)(b - a) > SQLP_DELIM_MAX)
			return fail(lx, SQLP_ERR_SYNTAX, OFF(lx, p),
				    "DELIMITER longer than %d bytes", SQLP_DELIM_MAX);
		memcpy(lx->delim, a, (size_t)(b - a));
		lx->delim[b - a] = 0;
		lx->delim_len = (size_t)(b - a);
		build_tables(lx);
	}
	lx->pos = OFF(lx, le);
	return emit_client(lx, SQLP_C_CLIENT, OFF(lx, p), OFF(lx, le), lx->delim, lx->delim_len, 0);
}

/* A word at a statement's start: DELIMITER or a mysql client command? */
static int my_command(struct sqlp_lexer *lx, const unsigned char *p)
{
	/* the mysql client's named commands (use is first: it is SQL too) */
	static const char *const cmds[] = { "use", "source", "charset", "connect", "system",
					    "tee", "notee", "warnings", "nowarning", "rehash",
					    "exit", "quit", "status", "help", "clear", "edit",
					    "ego", "go", "nopager", "pager", "print", "prompt",
					    NULL };
	const unsigned char *e = END(lx), *q = p, *le;
	size_t n;
	int i;

	while (q < e && (sqlp__is_alpha(*q) || *q == '_'))
		q++;
	if (q == e && !lx->eof)
		SUSPEND(lx, p);
	n = (size_t)(q - p);
	if (q < e && !sqlp__is_space(*q) && *q != ';')
		return CONT;
	if (sqlp__kw(p, n, "delimiter") && (q == e || sqlp__is_space(*q))) {
		if (!(le = line_end(lx, p)))
			SUSPEND(lx, p);
		return my_delimiter(lx, p, q, chomp(p, le));
	}
	if (!at_line_start(lx, p))
		return CONT;
	for (i = 0; cmds[i]; i++)
		if (sqlp__kw(p, n, cmds[i]))
			break;
	if (!cmds[i])
		return CONT;
	if (!(le = line_end(lx, p)))
		SUSPEND(lx, p);
	/* A line holding the delimiter is SQL, not a command. */
	for (q = p; q < le; q++)
		if (*q == lx->delim[0] && delim_at(lx, q, le))
			return CONT;
	le = chomp(p, le);
	while (le > p && sqlp__is_space(le[-1]))
		le--;
	lx->pos = OFF(lx, le);
	if (i == 0) {
		/* "use db" is SQL the server understands: a statement */
		start_stmt(lx, p);
		return emit_stmt(lx, OFF(lx, le), OFF(lx, le), 0);
	}
	return emit_client(lx, SQLP_C_CLIENT, OFF(lx, p), OFF(lx, le), (const char *)p, n, 0);
}

/* A backslash at p outside quotes: \g \G end a statement, \N is NULL. */
static int my_bslash(struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *e = END(lx), *le;
	int c;

	if (e - p < 2 && !lx->eof)
		SUSPEND(lx, p);
	c = p + 1 < e ? p[1] : 0;
	if (c == 'N') {
		lx->pos = OFF(lx, p + 2);
		return CONT;
	}
	if (c == 'g' || c == 'G') {
		lx->pos = OFF(lx, p + 2);
		if (!lx->in_stmt)
			return CONT;
		return emit_stmt(lx, OFF(lx, p), OFF(lx, p + 2), 0);
	}
	if (!(le = line_end(lx, p)))
		SUSPEND(lx, p);
	le = chomp(p, le);
	if ((c == 'd' || c == 'D') && !lx->in_stmt)
		return my_delimiter(lx, p, p + 2, le);
	lx->pos = OFF(lx, le);
	return emit_client(lx, SQLP_C_CLIENT, OFF(lx, p), OFF(lx, le), (const char *)p,
			   p + 1 < le ? 2 : 1, lx->in_stmt ? SQLP_F_EMBEDDED : 0);
}

/* Slash-star at p: a comment, an executable comment, or the sandbox line. */
static int my_slash_star(struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *e = END(lx), *q = p + 2;

	if (q < e && *q == 'M')
		q++;
	if (q == e && !lx->eof)
		SUSPEND(lx, p);
	if (q < e && *q == '!') {
		/* slash-star-bang NNNNN ... and MariaDB's slash-star-M-bang: code */
		q++;
		while (q < e && sqlp__is_digit(*q))
			q++;
		if (e - q < 2 && !lx->eof)
			SUSPEND(lx, p);
		if (!lx->in_stmt && e - q >= 2 && q[0] == '\\' && q[1] == '-') {
			/* mariadb-dump's "enable the sandbox mode" line */
			const unsigned char *c = q;

			for (;;) {
				c = memchr(c, '*', (size_t)(e - c));
				if (!c || c + 1 == e) {
					if (!lx->eof)
						SUSPEND(lx, p);
					open_construct(lx, ST_BLOCK_COMMENT, p, OK_EXEC_COMMENT, 0);
					lx->pos = OFF(lx, e);
					return CONT;
				}
				if (c[1] == '/')
					break;
				c++;
			}
			lx->pos = OFF(lx, c + 2);
			return emit_client(lx, SQLP_C_CLIENT, OFF(lx, p), OFF(lx, c + 2),
					   "sandbox", 7, 0);
		}
		if (!lx->in_stmt)
			start_stmt(lx, p);
		lx->exec = 1;
		lx->stmt_exec = 1;
		lx->exec_open = OFF(lx, p);
		position_of(lx, lx->exec_open, &lx->exec_line, &lx->exec_col);
		lx->pos = OFF(lx, q);
		return CONT;
	}
	if (q > p + 2) {
		/* slash-star-M without "!": a plain comment */
		q = p + 2;
	}
	open_construct(lx, ST_BLOCK_COMMENT, p, OK_COMMENT, 0);
	lx->pos = OFF(lx, p + 2);
	return CONT;
}

static int code_my(struct sqlp_lexer *lx)
{
	const unsigned char *p = PTR(lx, lx->pos), *e = END(lx);
	int r;

	for (;;) {
		if (!lx->in_stmt) {
			p = skip_ws(p, e);
			if (p == e)
				SUSPEND(lx, p);
			if (delim_partial(lx, p, e))
				SUSPEND(lx, p);
			if (delim_at(lx, p, e)) {
				p += lx->delim_len;
				continue;
			}
			if ((*p == '-' || *p == '/' || *p == '*') && e - p < 5 && !lx->eof)
				SUSPEND(lx, p);
			if (*p == '#' || my_dashdash(p, e)) {
				lx->state = ST_LINE_COMMENT;
				lx->pos = OFF(lx, p + 1);
				return CONT;
			}
			if (*p == '/' && p + 1 < e && p[1] == '*')
				return my_slash_star(lx, p);
			if (*p == '*' && lx->exec && p + 1 < e && p[1] == '/') {
				lx->exec = 0;
				p += 2;
				continue;
			}
			if (*p == '\\') {
				r = my_bslash(lx, p);
				if (r != CONT)
					return r;
				p = PTR(lx, lx->pos);
				continue;
			}
			if (sqlp__is_alpha(*p)) {
				lx->pos = OFF(lx, p);
				r = my_command(lx, p);
				if (r != CONT)
					return r;
			}
			start_stmt(lx, p);
		}
		{
			const unsigned char *k = lx->k;

			while (p < e && !k[*p])
				p++;
		}
		if (p == e)
			SUSPEND(lx, p);
		if (*p == (unsigned char)lx->delim[0]) {
			if (delim_partial(lx, p, e))
				SUSPEND(lx, p);
			if (delim_at(lx, p, e)) {
				lx->pos = OFF(lx, p + lx->delim_len);
				return emit_stmt(lx, OFF(lx, p), OFF(lx, p + lx->delim_len), 0);
			}
		}
		switch (lx->k[*p]) {
		case K_SQ:
			open_construct(lx, ST_SQ, p, OK_SQ,
				       !(lx->session & SQLP_S_NO_BACKSLASH_ESCAPES));
			lx->pos = OFF(lx, p + 1);
			return CONT;
		case K_DQ:
			if (lx->session & SQLP_S_ANSI_QUOTES)
				open_construct(lx, ST_DQ, p, OK_DQ_IDENT, 0);
			else
				open_construct(lx, ST_DQ, p, OK_DQ_STR,
					       !(lx->session & SQLP_S_NO_BACKSLASH_ESCAPES));
			lx->pos = OFF(lx, p + 1);
			return CONT;
		case K_BQ:
			open_construct(lx, ST_BQ, p, OK_BQ, 0);
			lx->pos = OFF(lx, p + 1);
			return CONT;
		case K_HASH:
			lx->state = ST_LINE_COMMENT;
			lx->pos = OFF(lx, p + 1);
			return CONT;
		case K_DASH:
			if (e - p < 5 && !lx->eof)
				SUSPEND(lx, p);
			if (my_dashdash(p, e)) {
				lx->state = ST_LINE_COMMENT;
				lx->pos = OFF(lx, p + 2);
				return CONT;
			}
			p++;
			break;
		case K_SLASH:
			if (e - p < 2 && !lx->eof)
				SUSPEND(lx, p);
			if (p + 1 < e && p[1] == '*')
				return my_slash_star(lx, p);
			p++;
			break;
		case K_STAR:
			if (lx->exec && e - p < 2 && !lx->eof)
				SUSPEND(lx, p);
			if (lx->exec && p + 1 < e && p[1] == '/') {
				lx->exec = 0;
				p += 2;
				break;
			}
			p++;
			break;
		case K_BSLASH:
			r = my_bslash(lx, p);
			if (r != CONT)
				return r;
			p = PTR(lx, lx->pos);
			break;
		default:
			p++;
			break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* T-SQL */

static void ts_new_batch(struct sqlp_lexer *lx)
{
	lx->batch++;
	lx->batch_items = 0;
	lx->nosplit = 0;
}

/* Words of a statement: batch-first module detection and BEGIN/END depth. */
static void ts_word(struct sqlp_lexer *lx, const unsigned char *w, size_t n)
{
	switch (lx->fw) {
	case 1:
		lx->fw = sqlp__kw(w, n, "create") ? 2 : sqlp__kw(w, n, "alter") ? 3 : 0;
		break;
	case 2:
	case 3:
		if (lx->fw == 2 && sqlp__kw(w, n, "or")) {
			lx->fw = 4;
			break;
		}
		if (sqlp__kw(w, n, "proc") || sqlp__kw(w, n, "procedure") ||
		    sqlp__kw(w, n, "function") || sqlp__kw(w, n, "trigger") ||
		    sqlp__kw(w, n, "view") ||
		    (lx->fw == 2 && (sqlp__kw(w, n, "default") || sqlp__kw(w, n, "rule"))))
			lx->nosplit = 1;
		lx->fw = 0;
		break;
	case 4:
		lx->fw = sqlp__kw(w, n, "alter") ? 3 : 0;
		break;
	default:
		break;
	}
	if (lx->begin_pend) {
		lx->begin_pend = 0;
		if (!(sqlp__kw(w, n, "tran") || sqlp__kw(w, n, "transaction") ||
		      sqlp__kw(w, n, "distributed") || sqlp__kw(w, n, "dialog") ||
		      sqlp__kw(w, n, "conversation")))
			lx->begin_depth++;
	}
	if (lx->end_pend) {
		lx->end_pend = 0;
		if (sqlp__kw(w, n, "conversation"))
			lx->begin_depth++;	/* END CONVERSATION is a statement */
	}
	if (sqlp__kw(w, n, "begin")) {
		lx->begin_pend = 1;
	} else if (sqlp__kw(w, n, "end")) {
		if (lx->begin_depth) {
			lx->begin_depth--;
			lx->end_pend = 1;
		}
	} else if (sqlp__kw(w, n, "case")) {
		lx->begin_depth++;
	}
}

static int is_word_byte(int c)
{
	return sqlp__is_ident(c) || c == '@' || c == '#';
}

/* Hand out the statement that waited after its ';'; scanning resumes at p. */
static int ts_flush_pend(struct sqlp_lexer *lx, const unsigned char *p, unsigned flags,
			 unsigned repeat)
{
	int r;

	lx->tpend = 0;
	lx->pos = OFF(lx, p);
	r = emit_stmt(lx, lx->pend_te, lx->pend_end, flags);
	lx->out.repeat = repeat;
	return r;
}

/*
 * The word "GO" at line start p..q: a batch separator if the rest of its
 * line is an optional count and an optional -- comment.  Returns NOT_GO if
 * it is not one, CONT after an empty batch (pos past the line).
 */
static int ts_go(struct sqlp_lexer *lx, const unsigned char *p, const unsigned char *q)
{
	const unsigned char *le = line_end(lx, q), *a;
	unsigned long count = 0;
	int digits = 0;

	if (!le)
		SUSPEND(lx, p);
	le = chomp(q, le);
	for (a = q; a < le && (*a == ' ' || *a == '\t'); a++)
		;
	while (a < le && sqlp__is_digit(*a)) {
		if (count < 100000000)
			count = count * 10 + (unsigned long)(*a - '0');
		digits = 1;
		a++;
	}
	while (a < le && (*a == ' ' || *a == '\t'))
		a++;
	if (a < le && !(le - a >= 2 && a[0] == '-' && a[1] == '-'))
		return NOT_GO;
	if (!digits || count == 0)
		count = 1;
	if (lx->tpend)
		return ts_flush_pend(lx, p, SQLP_F_BATCH_END, (unsigned)count);
	if (lx->in_stmt) {
		int r;

		lx->pos = OFF(lx, le);
		r = emit_stmt(lx, OFF(lx, p), OFF(lx, le), SQLP_F_BATCH_END);
		lx->out.repeat = (unsigned)count;
		ts_new_batch(lx);
		return r;
	}
	ts_new_batch(lx);
	lx->pos = OFF(lx, le);
	return CONT;
}

/* A sqlcmd line (":setvar ...", ":r file", "!! cmd") at line start p. */
static int ts_sqlcmd(struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *le = line_end(lx, p), *q;

	if (!le)
		SUSPEND(lx, p);
	if (lx->tpend)
		return ts_flush_pend(lx, p, 0, 0);
	le = chomp(p, le);
	for (q = p + 1; q < le && (sqlp__is_alpha(*q) || *q == '!'); q++)
		;
	lx->pos = OFF(lx, le);
	return emit_client(lx, SQLP_C_CLIENT, OFF(lx, p), OFF(lx, le), (const char *)p,
			   (size_t)(q - p), lx->in_stmt ? SQLP_F_EMBEDDED : 0);
}

static int code_ts(struct sqlp_lexer *lx)
{
	const unsigned char *p = PTR(lx, lx->pos), *e = END(lx), *q;
	int r;

	for (;;) {
		if (!lx->in_stmt) {
			p = skip_ws(p, e);
			if (p == e)
				SUSPEND(lx, p);
			if ((*p == '-' || *p == '/' || *p == '!') && e - p < 2 && !lx->eof)
				SUSPEND(lx, p);
			if (*p == '-' && p + 1 < e && p[1] == '-') {
				lx->state = ST_LINE_COMMENT;
				lx->pos = OFF(lx, p + 2);
				return CONT;
			}
			if (*p == '/' && p + 1 < e && p[1] == '*') {
				open_construct(lx, ST_BLOCK_COMMENT, p, OK_COMMENT, 0);
				lx->pos = OFF(lx, p + 2);
				return CONT;
			}
			if (*p == ';') {
				p++;
				continue;
			}
			if ((*p == ':' || (*p == '!' && p + 1 < e && p[1] == '!')) &&
			    at_line_start(lx, p))
				return ts_sqlcmd(lx, p);
			if (is_word_byte(*p)) {
				for (q = p; q < e && is_word_byte(*q); q++)
					;
				if (q == e && !lx->eof)
					SUSPEND(lx, p);
				if (q - p == 2 && sqlp__kw(p, 2, "go") && at_line_start(lx, p)) {
					r = ts_go(lx, p, q);
					if (r == CONT) {
						p = PTR(lx, lx->pos);
						continue;
					}
					if (r != NOT_GO)
						return r;
				}
				if (lx->tpend) {
					if (!sqlp__kw(p, (size_t)(q - p), "else"))
						return ts_flush_pend(lx, p, 0, 0);
					/* IF ... ; ELSE ...: one statement */
					lx->tpend = 0;
					lx->in_stmt = 1;
					p = q;
					continue;
				}
				start_stmt(lx, p);
				ts_word(lx, p, (size_t)(q - p));
				p = q;
				continue;
			}
			if (lx->tpend)
				return ts_flush_pend(lx, p, 0, 0);
			start_stmt(lx, p);
		}
		{
			const unsigned char *k = lx->k;

			while (p < e && !k[*p])
				p++;
		}
		if (p == e)
			SUSPEND(lx, p);
		switch (lx->k[*p]) {
		case K_WORD:
			for (q = p; q < e && is_word_byte(*q); q++)
				;
			if (q == e && !lx->eof)
				SUSPEND(lx, p);
			if (q - p == 2 && sqlp__kw(p, 2, "go") && at_line_start(lx, p)) {
				r = ts_go(lx, p, q);
				if (r != NOT_GO)
					return r;
			}
			ts_word(lx, p, (size_t)(q - p));
			p = q;
			break;
		case K_SQ:
			open_construct(lx, ST_SQ, p, OK_SQ, 0);
			lx->pos = OFF(lx, p + 1);
			return CONT;
		case K_DQ:
			open_construct(lx, ST_DQ, p,
				       lx->session & SQLP_S_QUOTED_IDENTIFIER_OFF ? OK_DQ_STR
										  : OK_DQ_IDENT,
				       0);
			lx->pos = OFF(lx, p + 1);
			return CONT;
		case K_BRACKET:
			open_construct(lx, ST_BRACKET, p, OK_BRACKET, 0);
			lx->pos = OFF(lx, p + 1);
			return CONT;
		case K_DASH:
		case K_SLASH:
			if (e - p < 2 && !lx->eof)
				SUSPEND(lx, p);
			if (p + 1 < e && *p == '-' && p[1] == '-') {
				lx->state = ST_LINE_COMMENT;
				lx->pos = OFF(lx, p + 2);
				return CONT;
			}
			if (p + 1 < e && *p == '/' && p[1] == '*') {
				open_construct(lx, ST_BLOCK_COMMENT, p, OK_COMMENT, 0);
				lx->pos = OFF(lx, p + 2);
				return CONT;
			}
			p++;
			break;
		case K_SEMI:
			if (lx->begin_pend) {
				lx->begin_pend = 0;
				lx->begin_depth++;
			}
			lx->end_pend = 0;
			if (lx->paren || lx->begin_depth || lx->nosplit) {
				p++;
				break;
			}
			lx->tpend = 1;
			lx->pend_te = OFF(lx, p);
			lx->pend_end = OFF(lx, p + 1);
			lx->in_stmt = 0;
			p++;
			break;
		case K_LPAREN:
			lx->paren++;
			p++;
			break;
		case K_RPAREN:
			if (lx->paren)
				lx->paren--;
			p++;
			break;
		case K_COLON:
		case K_BANG:
			if (e - p < 2 && !lx->eof)
				SUSPEND(lx, p);
			if ((*p == ':' || (p + 1 < e && p[1] == '!')) && at_line_start(lx, p))
				return ts_sqlcmd(lx, p);
			p++;
			break;
		default:
			p++;
			break;
		}
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
		if (nests) {
			while (p < e && *p != '*' && *p != '/')
				p++;
		} else {
			p = memchr(p, '*', (size_t)(e - p));
			if (!p)
				p = e;
		}
		if (p == e)
			SUSPEND(lx, p);
		if (e - p < 2) {
			if (!lx->eof)
				SUSPEND(lx, p);
			p = e;
			continue;
		}
		if (*p == '*' && p[1] == '/') {
			p += 2;
			if (--lx->depth == 0) {
				lx->state = ST_CODE;
				lx->floor = OFF(lx, p);
				lx->pos = OFF(lx, p);
				return CONT;
			}
		} else if (*p == '/' && p[1] == '*') {
			lx->depth++;
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
		return nomem(lx);
	lx->copy_q_head += strlen(t) + 1;
	lx->copy_pending--;
	lx->piece = lx->copy_scan = OFF(lx, nl + 1);
	lx->copy_cont = 0;
	lx->state = ST_COPY;
	lx->pos = lx->piece;
	return CONT;
}

static int copy_emit(struct sqlp_lexer *lx, uint64_t te, uint64_t end, unsigned flags)
{
	if (lx->copy_cont)
		flags |= SQLP_F_CONT;
	fill(lx, SQLP_C_COPY_DATA, lx->piece, te, end, flags);
	if (set_names(lx, lx->copy_table.data, lx->copy_table.len, lx->copy_table.data,
		      lx->copy_table.len))
		return -1;
	lx->out.objkind = SQLP_O_TABLE;
	return SQLP_ITEM;
}

static int copy_data(struct sqlp_lexer *lx)
{
	const unsigned char *ps = PTR(lx, lx->piece), *q = PTR(lx, lx->copy_scan), *e = END(lx);

	for (;;) {
		const unsigned char *nl, *le;

		if (q == e) {
			lx->copy_scan = OFF(lx, q);
			SUSPEND(lx, q);
		}
		nl = memchr(q, '\n', (size_t)(e - q));
		if (!nl) {
			if (!lx->eof) {
				lx->copy_scan = OFF(lx, q);
				SUSPEND(lx, q);
			}
			nl = e;
		}
		le = chomp(q, nl);
		if (le - q == 2 && q[0] == '\\' && q[1] == '.') {
			int r;

			lx->pos = OFF(lx, q + 2);
			r = copy_emit(lx, OFF(lx, q), OFF(lx, q + 2), 0);
			lx->state = lx->copy_pending ? ST_COPY_SKIP : ST_CODE;
			lx->floor = lx->pos;
			return r;
		}
		q = nl == e ? e : nl + 1;
		if (nl == e) {
			lx->copy_scan = OFF(lx, q);
			SUSPEND(lx, q);
		}
		if (q - ps >= SQLP_PIECE) {
			int r;

			lx->copy_scan = lx->pos = OFF(lx, q);
			r = copy_emit(lx, OFF(lx, q), OFF(lx, q), SQLP_F_MORE);
			lx->piece = OFF(lx, q);
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
			fail(lx, SQLP_ERR_UNTERMINATED, lx->exec_open,
			     "unterminated /*! executable comment");
			lx->err.line = lx->exec_line;
			lx->err.col = lx->exec_col;
			return -1;
		}
		if (lx->dialect == SQLP_TSQL && lx->tpend)
			return ts_flush_pend(lx, END(lx), SQLP_F_BATCH_END, 1);
		if (lx->in_stmt) {
			unsigned flags = SQLP_F_UNTERMINATED;
			int r;

			if (lx->dialect == SQLP_MYSQL && strcmp(lx->delim, ";"))
				return fail(lx, SQLP_ERR_UNTERMINATED, lx->stmt,
					    "statement not ended by the delimiter '%s' before the end of input",
					    lx->delim);
			if (lx->dialect == SQLP_TSQL)
				flags |= SQLP_F_BATCH_END;
			lx->pos = OFF(lx, END(lx));
			r = emit_stmt(lx, lx->pos, lx->pos, flags);
			if (lx->dialect == SQLP_TSQL)
				lx->out.repeat = 1;
			if (r > 0 && lx->dialect == SQLP_POSTGRES && lx->copy_pending)
				lx->state = ST_COPY_SKIP;
			return r;
		}
		if (lx->copy_pending)
			return fail(lx, SQLP_ERR_UNTERMINATED, lx->head,
				    "COPY ... FROM stdin without data: no line \\. before the end of input");
		return 0;
	case ST_LINE_COMMENT:
		lx->state = ST_CODE;
		return CONT;
	case ST_COPY_SKIP:
	case ST_COPY:
		return fail(lx, SQLP_ERR_UNTERMINATED, lx->head,
			    "unterminated COPY data: no line \\. before the end of input");
	case ST_DOLLAR:
		return fail(lx, SQLP_ERR_UNTERMINATED, lx->open, "unterminated dollar-quoted string %.*s",
			    (int)(lx->tag.len > 64 ? 64 : lx->tag.len), lx->tag.data);
	default:
		return fail(lx, SQLP_ERR_UNTERMINATED, lx->open, "unterminated %s",
			    open_names[lx->open_kind]);
	}
}

static int scan(struct sqlp_lexer *lx)
{
	for (;;) {
		int r;

		switch (lx->state) {
		case ST_CODE:
			r = lx->dialect == SQLP_POSTGRES ? code_pg(lx)
			    : lx->dialect == SQLP_MYSQL  ? code_my(lx)
							 : code_ts(lx);
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
	build_tables(lx);
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
	lx->cur_line = lx->cur_col = 1;
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
		return nomem(lx);
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

/* Decide the encoding from the first bytes (BOM, or NULs of UTF-16). */
static void sniff(struct sqlp_lexer *lx)
{
	const unsigned char *b = lx->pend;
	int n = lx->npend;

	if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
		lx->enc = ENC_UTF8;
		lx->npend = 0;
		memmove(lx->pend, b + 3, 1);
		lx->npend = n - 3;
	} else if (n >= 2 && b[0] == 0xff && b[1] == 0xfe) {
		lx->enc = ENC_UTF16LE;
		memmove(lx->pend, b + 2, 2);
		lx->npend = n - 2;
	} else if (n >= 2 && b[0] == 0xfe && b[1] == 0xff) {
		lx->enc = ENC_UTF16BE;
		memmove(lx->pend, b + 2, 2);
		lx->npend = n - 2;
	} else if (n >= 4 && b[0] && b[0] < 0x80 && !b[1] && b[2] && b[2] < 0x80 && !b[3]) {
		lx->enc = ENC_UTF16LE;
	} else if (n >= 4 && !b[0] && b[1] && b[1] < 0x80 && !b[2] && b[3] && b[3] < 0x80) {
		lx->enc = ENC_UTF16BE;
	} else {
		lx->enc = ENC_UTF8;
	}
}

static int push(struct sqlp_lexer *lx, const unsigned char *p, size_t len)
{
	compact(lx, len);
	if (lx->enc == ENC_UTF8)
		sqlp_buf_add(&lx->in, p, len);
	else if (utf16(lx, p, len))
		return -1;
	if (sqlp_buf_failed(&lx->in))
		return nomem(lx);
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
		return fail(lx, SQLP_ERR_USAGE, lx->base + lx->n, "input fed after the end of input");
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
		return fail(lx, SQLP_ERR_DIALECT, 0,
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
		fail(lx, SQLP_ERR_ENCODING, lx->bad_off, "%s", lx->bad_msg);
		return SQLP_ERROR;
	}
	if (lx->eof) {
		lx->done = 1;
		return SQLP_DONE;
	}
	if (lx->opt.max_stmt && lx->n - (size_t)(lx->head - lx->base) > lx->opt.max_stmt) {
		fail(lx, SQLP_ERR_TOO_LARGE, lx->head, "statement larger than %zu bytes",
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
	int r, rc = 0;

	if (!lx) {
		if (err) {
			memset(err, 0, sizeof(*err));
			err->code = SQLP_ERR_NOMEM;
			strcpy(err->msg, "out of memory");
		}
		return -1;
	}
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		p += 3;
		len -= 3;
	}
	if ((len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff))) ||
	    (len >= 4 && (!p[0] || !p[1]))) {
		/* UTF-16 (or odd bytes): the streaming path decodes it */
		if (sqlp_lexer_feed(lx, p, len) == 0)
			sqlp_lexer_finish(lx);
	} else {
		/* borrow the caller's bytes: no copy */
		lx->enc = ENC_UTF8;
		lx->d = p;
		lx->n = len;
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

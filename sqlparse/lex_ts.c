/*
 * lex_ts.c - T-SQL code as sqlcmd reads it: GO lines end batches; inside a batch
 * statements end at a semicolon outside BEGIN/CASE ... END, unless the
 * batch creates a module; sqlcmd lines are items of their own.
 */
#include <string.h>

#include "lexer.h"

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
int sqlp__ts_flush_pend(struct sqlp_lexer *lx, const unsigned char *p, unsigned flags,
			unsigned repeat)
{
	int r;

	lx->tpend = 0;
	lx->pos = OFF(lx, p);
	r = sqlp__emit_stmt(lx, lx->pend_te, lx->pend_end, flags);
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
		return sqlp__ts_flush_pend(lx, p, SQLP_F_BATCH_END, (unsigned)count);
	if (lx->in_stmt) {
		int r;

		lx->pos = OFF(lx, le);
		r = sqlp__emit_stmt(lx, OFF(lx, p), OFF(lx, le), SQLP_F_BATCH_END);
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
		return sqlp__ts_flush_pend(lx, p, 0, 0);
	le = chomp(p, le);
	for (q = p + 1; q < le && (sqlp__is_alpha(*q) || *q == '!'); q++)
		;
	lx->pos = OFF(lx, le);
	return sqlp__emit_client(lx, SQLP_C_CLIENT, OFF(lx, p), OFF(lx, le), (const char *)p,
				 (size_t)(q - p), lx->in_stmt ? SQLP_F_EMBEDDED : 0);
}

/*
 * Is the word [p, q) at line start one of the sqlcmd commands that need no
 * colon (EXIT, QUIT, RESET, ED), alone on its line or, for EXIT, with its
 * "(query)"?  -1 when the line is not all in yet.
 */
static int ts_bare_command(struct sqlp_lexer *lx, const unsigned char *p,
			   const unsigned char *q)
{
	size_t n = (size_t)(q - p);
	const unsigned char *le;
	int exit_cmd = sqlp__kw(p, n, "exit");

	if (!exit_cmd && !sqlp__kw(p, n, "quit") && !sqlp__kw(p, n, "reset") && !sqlp__kw(p, n, "ed"))
		return 0;
	if (!(le = line_end(lx, q)))
		return -1;
	le = chomp(q, le);
	while (q < le && (*q == ' ' || *q == '\t'))
		q++;
	return q == le || (exit_cmd && *q == '(') || (le - q >= 2 && q[0] == '-' && q[1] == '-');
}

int sqlp__code_ts(struct sqlp_lexer *lx)
{
	const unsigned char *p = PTR(lx, lx->pos), *e = END(lx), *q;
	int r;

	for (;;) {
		if (!lx->in_stmt) {
			p = skip_ws(p, e);
			if (p == e)
				SUSPEND(lx, p);
			if (*p == '-' || *p == '/') {
				r = sql_comment_start(lx, p);
				if (r != NO_COMMENT)
					return r;
			}
			if (*p == '!' && e - p < 2 && !lx->eof)
				SUSPEND(lx, p);
			if (*p == ';') {
				p++;
				continue;
			}
			if ((*p == ':' || (*p == '!' && p + 1 < e && p[1] == '!')) &&
			    at_line_start(lx, p))
				return ts_sqlcmd(lx, p);
			if (is_word_byte(*p)) {
				for (q = scan_from(lx, p, SCAN_WORD); q < e && is_word_byte(*q); q++)
					;
				if (q == e && !lx->eof) {
					scan_stop(lx, p, q, SCAN_WORD);
					SUSPEND(lx, p);
				}
				if (q - p == 2 && sqlp__kw(p, 2, "go") && at_line_start(lx, p)) {
					r = ts_go(lx, p, q);
					if (r == CONT) {
						p = PTR(lx, lx->pos);
						continue;
					}
					if (r != NOT_GO)
						return r;
				}
				if (q - p <= 5 && at_line_start(lx, p) &&
				    (r = ts_bare_command(lx, p, q)) != 0) {
					if (r < 0)
						SUSPEND(lx, p);
					return ts_sqlcmd(lx, p);
				}
				if (lx->tpend) {
					if (!sqlp__kw(p, (size_t)(q - p), "else"))
						return sqlp__ts_flush_pend(lx, p, 0, 0);
					/* IF ... ; ELSE ...: one statement */
					lx->tpend = 0;
					lx->in_stmt = 1;
					p = q;
					continue;
				}
				sqlp__start_stmt(lx, p);
				ts_word(lx, p, (size_t)(q - p));
				p = q;
				continue;
			}
			if (lx->tpend)
				return sqlp__ts_flush_pend(lx, p, 0, 0);
			sqlp__start_stmt(lx, p);
		}
		p = skip_plain(lx, p, e);
		if (p == e)
			SUSPEND(lx, p);
		switch (lx->k[*p]) {
		case K_WORD:
			for (q = scan_from(lx, p, SCAN_WORD); q < e && is_word_byte(*q); q++)
				;
			if (q == e && !lx->eof) {
				scan_stop(lx, p, q, SCAN_WORD);
				SUSPEND(lx, p);
			}
			if (q - p == 2 && sqlp__kw(p, 2, "go") && at_line_start(lx, p)) {
				r = ts_go(lx, p, q);
				if (r != NOT_GO)
					return r;
			}
			if (q - p <= 5 && at_line_start(lx, p) && (r = ts_bare_command(lx, p, q)) != 0) {
				if (r < 0)
					SUSPEND(lx, p);
				return ts_sqlcmd(lx, p);
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
			r = sql_comment_start(lx, p);
			if (r != NO_COMMENT)
				return r;
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

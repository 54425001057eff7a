/*
 * lex_pg.c - PostgreSQL code as psql reads it: statements end at a
 * semicolon outside parentheses and CREATE FUNCTION/PROCEDURE ... BEGIN
 * ATOMIC bodies; backslash commands are items of their own; E'' strings
 * and dollar quotes open quoted states of lexer.c.
 */
#include <string.h>

#include "lexer.h"

/*
 * psql's heuristic: BEGIN ... END counts only in CREATE [OR REPLACE]
 * FUNCTION|PROCEDURE, and only the words outside parentheses count.
 */
static void pg_word(struct sqlp_lexer *lx, const unsigned char *w, size_t n)
{
	const char *ids = lx->ids;

	if (lx->paren)
		return;
	if (lx->nwords < 4) {
		char c = 0;

		switch (n) {
		case 2: c = sqlp__kw(w, n, "or") ? 'o' : 0; break;
		case 6: c = sqlp__kw(w, n, "create") ? 'c' : 0; break;
		case 7: c = sqlp__kw(w, n, "replace") ? 'r' : 0; break;
		case 8: c = sqlp__kw(w, n, "function") ? 'f' : 0; break;
		case 9: c = sqlp__kw(w, n, "procedure") ? 'p' : 0; break;
		default: break;
		}
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

/*
 * Is the word at w (from lo on) the name of a psql variable, ":name"?  A
 * single colon before it (two are a typecast) makes it one, which psql
 * reads as a token of its own, whether the variable is set or not.
 */
static int psql_variable(const unsigned char *lo, const unsigned char *w)
{
	return w > lo && w[-1] == ':' && !(w - 1 > lo && w[-2] == ':');
}

/*
 * Does "$" at p continue a word (a$b), as psql reads it?  A run of word
 * bytes before it is one token as soon as it holds a letter: an
 * identifier, or a number with trailing junk ("1e5$$", "1a$$").  Digits
 * alone ("15$$", "$1$$") end a number or a parameter, and a psql variable
 * (":x$$") has no "$" in its name: "$" may open a dollar quote after them.
 */
static int dollar_in_ident(struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *lo = PTR(lx, lx->floor), *q = p;
	const unsigned char *last = lx->dword_floor == lx->floor && lx->dword_dollar != UINT64_MAX &&
						    lx->dword_dollar >= lx->floor
					    ? PTR(lx, lx->dword_dollar)
					    : NULL;
	int letter = 0;

	while (q > lo && sqlp__is_ident(q[-1])) {
		q--;
		if (q == last) {
			/* the "$" read last, in the same word ("a$b$c"): its word
			 * is known, so a run of them is not read back again */
			letter |= lx->dword_letter;
			q = PTR(lx, lx->dword_start);
			break;
		}
		letter |= sqlp__is_alpha(*q) || *q == '_' || *q >= 0x80;
	}
	lx->dword_dollar = OFF(lx, p);
	lx->dword_start = OFF(lx, q);
	lx->dword_floor = lx->floor;
	lx->dword_letter = letter;
	return letter && !psql_variable(lo, q);
}

/*
 * Is the "--" at p the sign of an unfinished exponent ("1e--1", "2.5E--")?
 * psql reads "1e-" as one token, so no comment starts at p (one may start
 * at p + 1).  The digits before the E must start a token: "x1e--" is a
 * name and a comment.
 */
static int realfail_dash(const struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *lo = PTR(lx, lx->floor), *q = p - 1;
	int digits = 0, dots = 0;

	if (q < lo || (*q | 0x20) != 'e')
		return 0;
	while (q > lo && (sqlp__is_digit(q[-1]) || q[-1] == '.')) {
		q--;
		if (*q == '.')
			dots++;
		else
			digits++;
	}
	return digits && dots <= 1 && !(q > lo && sqlp__is_ident(q[-1]));
}

/* Kind of the string whose quote is at p: escapes or not, and its name. */
static int pg_string_esc(const struct sqlp_lexer *lx, const unsigned char *p, enum open_kind *kind)
{
	const unsigned char *lo = PTR(lx, lx->floor);
	unsigned char a = p - 1 >= lo ? (p[-1] | 0x20) : 0;

	*kind = OK_SQ;
	if (a == 'e' && (p - 2 < lo || !sqlp__is_ident(p[-2])) && !psql_variable(lo, p - 1)) {
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
int sqlp_psql_sends(const char *line, size_t len)
{
	static const char *const sends[] = { "g", "gx", "gset", "gexec", "gdesc", "gp",
					     "crosstabview", "watch", NULL };
	size_t n = 1;

	if (len < 2 || line[0] != '\\')
		return 0;
	while (n < len && sqlp__is_alpha(line[n]))
		n++;
	for (int i = 0; sends[i]; i++)
		if (sqlp__kw(line + 1, n - 1, sends[i]))
			return 1;
	return 0;
}

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
		return sqlp__emit_stmt(lx, OFF(lx, p), OFF(lx, p + 2), 0);
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
		if (sqlp_psql_sends((const char *)p, (size_t)(le - p))) {
			/* the statement ends here; the command is read next */
			lx->pos = OFF(lx, p);
			return sqlp__emit_stmt(lx, OFF(lx, p), OFF(lx, p), 0);
		}
		if (sqlp__kw(p + 1, nlen, "r") || sqlp__kw(p + 1, nlen, "reset"))
			sqlp__drop_stmt(lx);	/* \r empties the query buffer */
		if (lx->in_stmt) {
			lx->pos = OFF(lx, le);
			return sqlp__emit_client(lx, SQLP_C_PSQL_META, OFF(lx, p), OFF(lx, le),
						 (const char *)p, (size_t)(name_end - p),
						 SQLP_F_EMBEDDED);
		}
	}
	lx->pos = OFF(lx, le);
	if (sqlp__emit_client(lx, SQLP_C_PSQL_META, OFF(lx, p), OFF(lx, le), (const char *)p,
			      (size_t)(name_end - p), 0) < 0)
		return -1;
	if (sqlp__kw(p + 1, nlen, "copy") && copy_from_stdin(q, le)) {
		const unsigned char *t = skip_ws(q, le), *te = t;

		while (te < le && !sqlp__is_space(*te))
			te++;
		sqlp_buf_reset(&lx->scratch);
		sqlp_buf_add(&lx->scratch, t, (size_t)(te - t));
		if (sqlp_buf_failed(&lx->scratch) || sqlp__push_copy(lx, lx->scratch.data))
			return sqlp__nomem(lx);
	}
	pg_after_send(lx);
	return SQLP_ITEM;
}

int sqlp__code_pg(struct sqlp_lexer *lx)
{
	const unsigned char *p = PTR(lx, lx->pos), *e = END(lx), *q;
	int r;

	for (;;) {
		if (!lx->in_stmt) {
			p = skip_lead_pg(lx, p, e);
			if (p == e)
				SUSPEND(lx, p);
			if (*p == '-' || *p == '/') {
				r = sql_comment_start(lx, p);
				if (r == CONT && lx->state == ST_BLOCK_COMMENT)
					lx->lead_ok = 0;	/* may hold newlines */
				if (r != NO_COMMENT)
					return r;
			}
			if (*p == ';') {
				p++;
				continue;
			}
			if (*p == '\\')
				return pg_meta(lx, p);
			sqlp__start_stmt(lx, p);
		}
		p = skip_plain_parens(lx, p, e);
		if (p == e)
			SUSPEND(lx, p);
		switch (lx->k[*p]) {
		case K_WORD: {
			/* a psql variable's name has no "$": one may open a dollar quote */
			int var = psql_variable(PTR(lx, lx->floor), p);

			q = scan_from(lx, p, SCAN_WORD);
			if (var)
				for (; q < e && sqlp__is_ident(*q) && *q != '$'; q++)
					;
			else
				for (; q < e && sqlp__is_ident(*q); q++)
					;
			if (q == e && !lx->eof) {
				scan_stop(lx, p, q, SCAN_WORD);
				SUSPEND(lx, p);
			}
			if (q - p == 1 && e - q < 2 && !lx->eof)
				SUSPEND(lx, p);
			/* after digits it is a number's trailing junk ("1e", "2x"), no
			 * word; nor is a psql variable's name or a string's prefix */
			if (!(p > PTR(lx, lx->floor) && sqlp__is_digit(p[-1])) && !var &&
			    !(q - p == 1 && sqlp__pg_string_prefix(p, e)))
				pg_word(lx, p, (size_t)(q - p));
			p = q;
			break;
		}
		case K_SQ: {
			enum open_kind kind;
			int esc = pg_string_esc(lx, p, &kind);

			if (!esc && (q = quote_end(p, e, '\''))) {
				lx->floor = OFF(lx, q);
				p = q;
				break;
			}
			open_construct(lx, ST_SQ, p, kind, esc);
			lx->pos = OFF(lx, p + 1);
			return CONT;
		}
		case K_DQ:
			if ((q = quote_end(p, e, '"'))) {
				lx->floor = OFF(lx, q);
				p = q;
				break;
			}
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
				/* past "$" and the tag's first byte, or where it stopped */
				q = scan_from(lx, p, SCAN_TAG);
				if (q == p)
					q = p + 2;
				while (q < e && (sqlp__is_ident(*q) && *q != '$'))
					q++;
				if (q == e) {
					if (!lx->eof) {
						scan_stop(lx, p, q, SCAN_TAG);
						SUSPEND(lx, p);
					}
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
				return sqlp__nomem(lx);
			open_construct(lx, ST_DOLLAR, p, OK_DOLLAR, 0);
			lx->pos = OFF(lx, q + 1);
			return CONT;
		case K_DASH:
			if (e - p < 2 && !lx->eof)
				SUSPEND(lx, p);
			if (p + 1 < e && p[1] == '-' && realfail_dash(lx, p)) {
				p++;
				break;
			}
			/* fall through */
		case K_SLASH:
			if ((q = line_comment_end(p, e))) {
				lx->floor = OFF(lx, q);
				p = q;
				break;
			}
			r = sql_comment_start(lx, p);
			if (r != NO_COMMENT)
				return r;
			p++;
			break;
		case K_SEMI:
			if (lx->paren || lx->begin_depth) {
				p++;
				break;
			}
			lx->pos = OFF(lx, p + 1);
			if (sqlp__emit_stmt(lx, OFF(lx, p), OFF(lx, p + 1), 0) < 0)
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

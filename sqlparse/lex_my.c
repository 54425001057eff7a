/*
 * lex_my.c - MySQL code as the mysql/mariadb client reads it: the delimiter
 * (DELIMITER lines), executable comments read as code, # and "-- "
 * comments, backslash commands, the client's named commands.
 */
#include <string.h>

#include "lexer.h"

static int delim_at(const struct sqlp_lexer *lx, const unsigned char *p, const unsigned char *e)
{
	return !lx->delim_never && (size_t)(e - p) >= lx->delim_len &&
	       !memcmp(p, lx->delim, lx->delim_len);
}

/* Could the delimiter start at p but the input stops before it is whole? */
static int delim_partial(const struct sqlp_lexer *lx, const unsigned char *p,
			 const unsigned char *e)
{
	return !lx->delim_never && !lx->eof && (size_t)(e - p) < lx->delim_len &&
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

/*
 * DELIMITER (or \d) command [p, le): its argument is the first word of
 * [a, ae) (ae is le for a DELIMITER line).
 */
static int my_delimiter(struct sqlp_lexer *lx, const unsigned char *p, const unsigned char *a,
			const unsigned char *ae, const unsigned char *le, unsigned flags)
{
	const unsigned char *b;

	while (a < ae && sqlp__is_space(*a))
		a++;
	if (a < ae && (*a == '\'' || *a == '"' || *a == '`')) {
		b = memchr(a + 1, *a, (size_t)(ae - a - 1));
		if (!b)
			b = ae;
		a++;
	} else {
		/* up to a space: a tab is part of the delimiter, as in the client */
		for (b = a; b < ae && *b != ' '; b++)
			;
	}
	/* The client refuses an empty delimiter and one with a backslash. */
	if (b > a && !memchr(a, '\\', (size_t)(b - a))) {
		if ((size_t)(b - a) > SQLP_DELIM_MAX)
			return sqlp__fail(lx, SQLP_ERR_SYNTAX, OFF(lx, p),
					  "DELIMITER longer than %d bytes", SQLP_DELIM_MAX);
		memcpy(lx->delim, a, (size_t)(b - a));
		lx->delim[b - a] = 0;
		lx->delim_len = (size_t)(b - a);
		lx->delim_never = 0;
		sqlp__build_tables(lx);
	}
	lx->pos = OFF(lx, le);
	return sqlp__emit_client(lx, SQLP_C_CLIENT, OFF(lx, p), OFF(lx, le), lx->delim, lx->delim_len,
				 flags);
}

/*
 * The mysql client's named commands, and whether each takes parameters
 * (a command word followed by others that it does not take is SQL).
 * "use" is first: it is SQL too.
 */
static const struct {
	const char *name;
	int params;
} my_cmds[] = {
	{ "use", 1 }, { "source", 1 }, { "charset", 1 }, { "connect", 1 }, { "system", 1 },
	{ "tee", 1 }, { "notee", 0 }, { "warnings", 0 }, { "nowarning", 0 }, { "rehash", 0 },
	{ "exit", 0 }, { "quit", 0 }, { "status", 0 }, { "help", 1 }, { "?", 1 }, { "clear", 0 },
	{ "edit", 0 }, { "ego", 0 }, { "go", 0 }, { "nopager", 0 }, { "pager", 1 }, { "print", 0 },
	{ "prompt", 1 }, { NULL, 0 },
};

/* Does [p, e) hold the n bytes at s anywhere? */
static int holds(const unsigned char *p, const unsigned char *e, const unsigned char *s, size_t n)
{
	for (; (size_t)(e - p) >= n; p++) {
		p = memchr(p, s[0], (size_t)(e - p) - n + 1);
		if (!p)
			return 0;
		if (!memcmp(p, s, n))
			return 1;
	}
	return 0;
}

/* The index in my_cmds of the command named by the n bytes at p, or -1. */
static int my_cmd_index(const unsigned char *p, size_t n)
{
	for (int i = 0; my_cmds[i].name; i++)
		if (sqlp__kw(p, n, my_cmds[i].name))
			return i;
	return -1;
}

/*
 * The command that the text [p, e) starts with, as the client finds it: a
 * word up to a blank or tab, and parameters only if the command takes
 * some.  Its index in my_cmds (*n its length), or -1.
 */
static int my_find_command(const struct sqlp_lexer *lx, const unsigned char *p,
			   const unsigned char *e, size_t *n)
{
	const unsigned char *q = p, *r;
	int i;

	/* the client takes no text holding the delimiter or \g for a command,
	 * even inside quotes */
	if (holds(p, e, (const unsigned char *)lx->delim, lx->delim_len) ||
	    holds(p, e, (const unsigned char *)"\\g", 2))
		return -1;

	while (q < e && *q != ' ' && *q != '\t')	/* the client splits at these two only */
		q++;
	*n = (size_t)(q - p);
	for (r = q; r < e && sqlp__is_space(*r); r++)
		;
	i = my_cmd_index(p, *n);
	return i >= 0 && (r == e || my_cmds[i].params) ? i : -1;
}

/* A word at a statement's start: DELIMITER or a mysql client command? */
static int my_command(struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *e = END(lx), *q = p, *le;
	size_t n;
	int i;

	if (*q == '?')
		q++;	/* help */
	else
		for (q = scan_from(lx, p, SCAN_COMMAND); q < e && (sqlp__is_alpha(*q) || *q == '_'); q++)
			;
	if (q == e && !lx->eof) {
		scan_stop(lx, p, q, SCAN_COMMAND);
		SUSPEND(lx, p);
	}
	n = (size_t)(q - p);
	if (q < e && !sqlp__is_space(*q) && *q != ';')
		return CONT;
	if (sqlp__kw(p, n, "delimiter") && (q == e || sqlp__is_space(*q))) {
		if (!at_line_start(lx, p)) {
			/*
			 * After a statement on the same line ("END// DELIMITER ;")
			 * the client reads it as a statement up to the delimiter
			 * and only then runs it as DELIMITER with its first word,
			 * dropping the rest; at the end of input it is sent as SQL.
			 */
			lx->my_delim_arg = OFF(lx, q);
			return CONT;
		}
		if (!(le = line_end(lx, p)))
			SUSPEND(lx, p);
		le = chomp(p, le);
		return my_delimiter(lx, p, q, le, le, 0);
	}
	if (!at_line_start(lx, p))
		return CONT;
	if (my_cmd_index(p, n) < 0)
		return CONT;
	if (!(le = line_end(lx, p)))
		SUSPEND(lx, p);
	/* A line holding the delimiter is read up to it (my_stmt_end()). */
	for (q = p; q < le; q++)
		if (*q == lx->delim[0] && delim_at(lx, q, le))
			return CONT;
	le = chomp(p, le);
	while (le > p && sqlp__is_space(le[-1]))
		le--;
	if ((i = my_find_command(lx, p, le, &n)) < 0)
		return CONT;
	lx->pos = OFF(lx, le);
	if (i == 0) {
		/* "use db" is SQL the server understands: a statement */
		sqlp__start_stmt(lx, p);
		return sqlp__emit_stmt(lx, OFF(lx, le), OFF(lx, le), 0);
	}
	return sqlp__emit_client(lx, SQLP_C_CLIENT, OFF(lx, p), OFF(lx, le), (const char *)p, n, 0);
}

/*
 * A statement [stmt, te) ended by the delimiter [te, end): the client runs
 * it as a command when it starts with one ("source x.sql;", "exit;").
 */
static int my_stmt_end(struct sqlp_lexer *lx, uint64_t te, uint64_t end)
{
	const unsigned char *p = PTR(lx, lx->stmt);
	size_t n;
	int i = my_find_command(lx, p, PTR(lx, te), &n);

	if (i > 0 && !lx->nblanks)
		return sqlp__emit_stmt_as(lx, SQLP_C_CLIENT, te, end, (const char *)p, n);
	return sqlp__emit_stmt(lx, te, end, 0);
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
		return sqlp__emit_stmt(lx, OFF(lx, p), OFF(lx, p + 2), 0);
	}
	if (c && !strchr("?cdeGghnPpqRrsTtuWwC#.!", c)) {
		/* no command of the client's: it says so and keeps both bytes as
		 * text (the byte after the backslash opens no string) */
		if (!lx->in_stmt)
			sqlp__start_stmt(lx, p);
		lx->pos = OFF(lx, p + 2);
		return CONT;
	}
	if (!(le = line_end(lx, p)))
		SUSPEND(lx, p);
	le = chomp(p, le);
	/* inside a statement too: the client changes the delimiter at once */
	if (c == 'd' || c == 'D')
		return my_delimiter(lx, p, p + 2, le, le, lx->in_stmt ? SQLP_F_EMBEDDED : 0);
	if (c == 'c') {
		/* \c clears what was typed of the statement; the line goes on */
		sqlp__drop_stmt(lx);
		lx->pos = OFF(lx, p + 2);
		return sqlp__emit_client(lx, SQLP_C_CLIENT, OFF(lx, p), OFF(lx, p + 2),
					 (const char *)p, 2, 0);
	}
	if (c && !strchr("?hrPR.!TuC", c)) {
		/* a command without parameters: the line goes on after it */
		le = p + 2;
	} else {
		/* the parameters run to the delimiter, which goes with them */
		const unsigned char *q;

		for (q = p + 2; q < le; q++)
			if (*q == (unsigned char)lx->delim[0] && delim_at(lx, q, le)) {
				le = q + lx->delim_len;
				break;
			}
	}
	lx->pos = OFF(lx, le);
	return sqlp__emit_client(lx, SQLP_C_CLIENT, OFF(lx, p), OFF(lx, le), (const char *)p,
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
			return sqlp__emit_client(lx, SQLP_C_CLIENT, OFF(lx, p), OFF(lx, c + 2),
						 "sandbox", 7, 0);
		}
		if (!lx->in_stmt)
			sqlp__start_stmt(lx, p);
		lx->exec = 1;
		lx->stmt_exec = 1;
		lx->exec_open = OFF(lx, p);
		sqlp__position_of(lx, lx->exec_open, &lx->exec_line, &lx->exec_col);
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

/*
 * The delimiter at p ends a statement that began with DELIMITER mid-line.
 * The client takes its argument from the whole statement: up to a closing
 * quote, or else up to the next space (not tab, not newline).  Read line by
 * line, a delimiter holding a newline never matches again: what follows is
 * one statement, sent at the end of the input.
 */
static int my_delimiter_stmt(struct sqlp_lexer *lx, const unsigned char *p)
{
	const unsigned char *st = PTR(lx, lx->stmt), *a = PTR(lx, lx->my_delim_arg), *b, *nl;
	const unsigned char *le = p + lx->delim_len;

	lx->my_delim_arg = 0;
	sqlp__drop_stmt(lx);
	while (a < p && sqlp__is_space(*a))
		a++;
	if (a < p && (*a == '\'' || *a == '"' || *a == '`'))
		return my_delimiter(lx, st, a, p, le, 0);
	b = memchr(a, ' ', (size_t)(p - a));
	if (!b)
		b = p;
	nl = memchr(a, '\n', (size_t)(b - a));
	if (nl) {
		/* shown as its first line; nothing ends a statement any more */
		b = nl;
		while (b > a && b[-1] == '\r')
			b--;
	} else if (b - a > SQLP_DELIM_MAX) {
		return sqlp__fail(lx, SQLP_ERR_SYNTAX, OFF(lx, st), "DELIMITER longer than %d bytes",
				  SQLP_DELIM_MAX);
	}
	/* the client refuses an empty delimiter and one with a backslash */
	if (b > a && b - a <= SQLP_DELIM_MAX && !memchr(a, '\\', (size_t)(b - a))) {
		memcpy(lx->delim, a, (size_t)(b - a));
		lx->delim[b - a] = 0;
		lx->delim_len = (size_t)(b - a);
		lx->delim_never = nl != NULL;
		sqlp__build_tables(lx);
	}
	lx->pos = OFF(lx, le);
	return sqlp__emit_client(lx, SQLP_C_CLIENT, OFF(lx, st), OFF(lx, le), lx->delim,
				 lx->delim_len, 0);
}

int sqlp__code_my(struct sqlp_lexer *lx)
{
	const unsigned char *p = PTR(lx, lx->pos), *e = END(lx);
	int r;

	for (;;) {
		if (!lx->in_stmt) {
			lx->my_delim_arg = 0;
			p = skip_ws(p, e);
			if (p == e)
				SUSPEND(lx, p);
			if ((*p | 0x20) == 'd' && at_line_start(lx, p)) {
				/* a DELIMITER line, even when the delimiter is "DELIM" */
				lx->pos = OFF(lx, p);
				r = my_command(lx, p);
				if (r != CONT)
					return r;
			}
			if (delim_partial(lx, p, e))
				SUSPEND(lx, p);
			if (delim_at(lx, p, e)) {
				p += lx->delim_len;
				continue;
			}
			if ((*p == '-' || *p == '/' || *p == '*') && e - p < 5 && !lx->eof)
				SUSPEND(lx, p);
			/* before a statement the client takes "--" for a comment even
			 * without a blank after it (its "-----" separator lines) */
			if (*p == '#' || (p + 1 < e && p[0] == '-' && p[1] == '-')) {
				lx->state = ST_LINE_COMMENT;
				lx->pos = OFF(lx, p + 1);
				return CONT;
			}
			if (*p == '/' && p + 1 < e && p[1] == '*')
				return my_slash_star(lx, p);
			if (*p == '\\') {
				r = my_bslash(lx, p);
				if (r != CONT)
					return r;
				p = PTR(lx, lx->pos);
				continue;
			}
			if (sqlp__is_alpha(*p) || *p == '?') {
				lx->pos = OFF(lx, p);
				r = my_command(lx, p);
				if (r != CONT)
					return r;
			}
			sqlp__start_stmt(lx, p);
		}
		p = skip_plain(lx, p, e);
		if (p == e)
			SUSPEND(lx, p);
		if (*p == (unsigned char)lx->delim[0]) {
			if (delim_partial(lx, p, e))
				SUSPEND(lx, p);
			if (delim_at(lx, p, e)) {
				lx->pos = OFF(lx, p + lx->delim_len);
				if (lx->my_delim_arg)
					return my_delimiter_stmt(lx, p);
				return my_stmt_end(lx, OFF(lx, p), OFF(lx, p + lx->delim_len));
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
				/* the client reads the closing star-slash as two plain
				 * bytes: its slash may open a comment with a star after */
				lx->exec = 0;
				p++;
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

/*
 * statements.c - a MySQL multi-statement send as the server cuts it; see
 * mysql.h.
 *
 * sqlparse's MySQL dialect splits as the mysql client does: at every
 * delimiter outside quotes and comments, honouring DELIMITER.  The server
 * differs in three ways that matter when a failure has to be traced to
 * its statement: it parses a stored program's BEGIN ... END body as part
 * of the CREATE (so a body's ";" does not end it), it rejects an empty
 * statement that has another after it, and it knows no client command.
 * This file walks sqlparse's items and corrects for those.
 *
 * Compound bodies are followed with a small word scanner: BEGIN and CASE
 * open a block, END closes one (END IF, END LOOP, ... name what they
 * close), and IF, LOOP, WHILE and REPEAT open one where a statement can
 * start (after ";", a label, BEGIN, THEN, ELSE, DO, FOR EACH ROW, a
 * routine's parameter list or characteristics) and are not followed by a
 * parenthesised list with a comma, which tells the IF statement from the
 * IF() and REPEAT() functions.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "drivers/mysql/mysql.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* --- a token scanner for statement text -------------------------------- */

enum tok_kind { T_END, T_WORD, T_STRING, T_PUNCT };

struct tok {
	enum tok_kind kind;
	const char *p;
	size_t n;
};

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_ident(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* Position after the comment starting at i (i is at "#", "-- " or slash-star), or i. */
static size_t skip_comment(const char *s, size_t n, size_t i)
{
	if (s[i] == '#' ||
	    (s[i] == '-' && i + 1 < n && s[i + 1] == '-' &&
	     (i + 2 == n || (unsigned char)s[i + 2] <= ' '))) {
		const char *nl = memchr(s + i, '\n', n - i);

		return nl ? (size_t)(nl - s) + 1 : n;
	}
	if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
		size_t j = i + 2;

		if (j < n && s[j] == 'M')
			j++;
		if (j < n && s[j] == '!') {
			/* An executable comment: its content is SQL; skip the marker only. */
			j++;
			while (j < n && s[j] >= '0' && s[j] <= '9')
				j++;
			return j;
		}
		for (j = i + 2; j + 1 < n; j++)
			if (s[j] == '*' && s[j + 1] == '/')
				return j + 2;
		return n;
	}
	/* The end of an executable comment. */
	if (s[i] == '*' && i + 1 < n && s[i + 1] == '/')
		return i + 2;
	return i;
}

static size_t skip_quoted(const char *s, size_t n, size_t i)
{
	char q = s[i];

	for (i++; i < n; i++) {
		if (s[i] == '\\' && q != '`') {
			i++;
		} else if (s[i] == q) {
			if (i + 1 < n && s[i + 1] == q)
				i++;
			else
				return i + 1;
		}
	}
	return n;
}

static void next_token(const char *s, size_t n, size_t *pos, struct tok *t)
{
	size_t i = *pos, j;

	for (;;) {
		while (i < n && is_space(s[i]))
			i++;
		if (i >= n)
			break;
		j = skip_comment(s, n, i);
		if (j == i)
			break;
		i = j;
	}
	t->p = s + i;
	if (i >= n) {
		t->kind = T_END;
		t->n = 0;
		*pos = n;
		return;
	}
	if (s[i] == '\'' || s[i] == '"' || s[i] == '`') {
		j = skip_quoted(s, n, i);
		/* A backquoted name is a name, not a keyword: call it a string too. */
		t->kind = T_STRING;
	} else if (is_ident(s[i]) || (s[i] == '@' && i + 1 < n)) {
		/* @var and @@var are words that are never keywords. */
		j = i;
		while (j < n && s[j] == '@')
			j++;
		while (j < n && is_ident(s[j]))
			j++;
		t->kind = s[i] == '@' ? T_STRING : T_WORD;
	} else {
		j = i + 1;
		t->kind = T_PUNCT;
	}
	t->n = j - i;
	*pos = j;
}

static int tok_is(const struct tok *t, const char *kw)
{
	size_t k = strlen(kw);

	if (t->kind != T_WORD || t->n != k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if ((t->p[i] | 0x20) != kw[i])
			return 0;
	return 1;
}

static int tok_in(const struct tok *t, const char *const *kws)
{
	for (; *kws; kws++)
		if (tok_is(t, *kws))
			return 1;
	return 0;
}

/* --- compound blocks --------------------------------------------------- */

/* What the previous token was, for "can a statement start here?". */
enum prev { P_START, P_STMT, P_OTHER, P_DOT, P_END };

struct blocks {
	int depth;
	enum prev prev;
};

static const char *const stmt_before[] = {
	"begin", "then", "else", "do", "loop", "repeat", "row", "deterministic", "sql",
	"data", "invoker", "definer", NULL
};
static const char *const openers[] = { "if", "loop", "while", "repeat", NULL };

/* Is the token after pos a "(" whose content has a comma: IF(c, a, b), REPEAT(s, n)? */
static int function_call(const char *s, size_t n, size_t pos)
{
	struct tok t;
	int depth = 0;

	next_token(s, n, &pos, &t);
	if (t.kind != T_PUNCT || *t.p != '(')
		return 0;
	for (depth = 1; depth > 0;) {
		next_token(s, n, &pos, &t);
		if (t.kind == T_END)
			return 0;
		if (t.kind != T_PUNCT)
			continue;
		if (*t.p == '(')
			depth++;
		else if (*t.p == ')')
			depth--;
		else if (*t.p == ',' && depth == 1)
			return 1;
	}
	return 0;
}

/* Follow BEGIN/CASE/IF/... and END through the n bytes of statement text s. */
static void scan_blocks(struct blocks *b, const char *s, size_t n)
{
	size_t pos = 0;
	struct tok t;

	for (next_token(s, n, &pos, &t); t.kind != T_END; next_token(s, n, &pos, &t)) {
		enum prev prev = b->prev;

		b->prev = P_OTHER;
		if (t.kind == T_PUNCT) {
			if (*t.p == ';' || *t.p == ':' || *t.p == ')')
				b->prev = P_STMT;
			else if (*t.p == '.')
				b->prev = P_DOT;
			continue;
		}
		if (t.kind == T_STRING) {
			/* COMMENT 'text' may end a routine's characteristics. */
			b->prev = P_STMT;
			continue;
		}
		if (prev == P_DOT)
			continue;	/* t.end is a column */
		if (prev == P_END && (tok_in(&t, openers) || tok_is(&t, "case")))
			continue;	/* END IF, END CASE, ... */
		if (tok_is(&t, "begin") || tok_is(&t, "case")) {
			b->depth++;
		} else if (tok_is(&t, "end")) {
			if (b->depth > 0)
				b->depth--;
			b->prev = P_END;
			continue;
		} else if ((prev == P_START || prev == P_STMT) && tok_in(&t, openers) &&
			   !function_call(s, n, pos)) {
			b->depth++;
		}
		if (tok_in(&t, stmt_before))
			b->prev = P_STMT;
	}
}

/* Does this statement start a stored program or a compound statement? */
static int opens_program(const struct sqlp_item *it)
{
	size_t pos = 0;
	struct tok t, u;

	switch (it->cls) {
	case SQLP_C_PROCEDURE:
	case SQLP_C_FUNCTION:
	case SQLP_C_TRIGGER:
	case SQLP_C_EVENT:
		return 1;
	default:
		break;
	}
	next_token(it->text, it->len, &pos, &t);
	next_token(it->text, it->len, &pos, &u);
	if (tok_is(&t, "begin"))	/* BEGIN NOT ATOMIC, not BEGIN [WORK] */
		return tok_is(&u, "not");
	if (tok_in(&t, openers) || tok_is(&t, "case"))
		return 1;
	/* ALTER EVENT ... DO BEGIN ... END */
	if (tok_is(&t, "alter") && tok_is(&u, "event"))
		return 1;
	/* label: LOOP ... */
	return t.kind == T_WORD && u.kind == T_PUNCT && *u.p == ':';
}

/* --- the walk ---------------------------------------------------------- */

struct cut {
	struct ss_my_stmts *out;
	size_t len;		/* of the script */
	size_t bom;		/* bytes sqlparse skipped at the start */
	struct blocks b;	/* of the statement being merged */
	int open;		/* the last statement goes on into the next item */
};

static void add(struct ss_my_stmts *out, size_t off, size_t len, int call)
{
	out->v = ss_xgrow(out->v, out->n + 1, &out->alloc, sizeof(*out->v));
	out->v[out->n].off = off;
	out->v[out->n].len = len;
	out->v[out->n].call = call;
	out->n++;
}

/* Offset of the first ";" outside comments in lead s[0..n), or n. */
static size_t empty_statement(const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		if (s[i] == ';')
			return i;
		j = skip_comment(s, n, i);
		i = j > i ? j : i + 1;
	}
	return n;
}

static int is_call(const struct sqlp_item *it)
{
	size_t pos = 0;
	struct tok t;

	next_token(it->text, it->len, &pos, &t);
	return tok_is(&t, "call");
}

static int on_item(void *ctx, const struct sqlp_item *it)
{
	struct cut *c = ctx;
	size_t start = c->bom + (size_t)it->start, end = c->bom + (size_t)it->end;
	struct ss_my_stmt *last;

	if (it->cls == SQLP_C_CLIENT) {
		if (it->len >= 2 && it->text[0] == '/' && it->text[1] == '*')
			return 0;	/* MariaDB's sandbox line: a comment to the server */
		/* DELIMITER and the like: the server fails here, and nothing runs after. */
		add(c->out, start, c->len - start, 0);
		return 1;
	}
	if (c->open) {
		last = &c->out->v[c->out->n - 1];
		last->len = end - last->off;
		c->b.prev = P_STMT;
		scan_blocks(&c->b, it->text, it->len);
		c->open = c->b.depth > 0;
		return 0;
	}
	if (it->lead_len) {
		size_t lead = start - it->lead_len;
		size_t semi = empty_statement(it->lead, it->lead_len);

		if (semi < it->lead_len) {
			/* ";;": the server rejects the empty statement, so it counts. */
			add(c->out, lead + semi, 1, 0);
		}
	}
	if (it->term_len && it->term[0] == '\\') {
		/* \g and \G are client terminators: the server sees one statement on. */
		add(c->out, start, c->len - start, 0);
		return 1;
	}
	add(c->out, start, end - start, is_call(it));
	if (opens_program(it)) {
		c->b.depth = 0;
		c->b.prev = P_START;
		scan_blocks(&c->b, it->text, it->len);
		c->open = c->b.depth > 0;
	}
	return 0;
}

int ss_my_statements(const char *sql, size_t len, struct ss_my_stmts *out, struct ss_err *err)
{
	struct sqlp_options opts = { SQLP_MYSQL, 0, 0 };
	struct sqlp_error perr;
	struct cut c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.out = out;
	c.len = len;
	if (len >= 3 && !memcmp(sql, "\xef\xbb\xbf", 3))
		c.bom = 3;
	rc = sqlp_split(sql, len, &opts, on_item, &c, &perr);
	if (rc < 0) {
		ss_err_set_at(err, SS_ERR_PARSE, NULL, perr.line, perr.col, "%s", perr.msg);
		return -1;
	}
	if (c.open && out->n) {
		/* A body still open at the end: the server reads it all as one. */
		out->v[out->n - 1].len = len - out->v[out->n - 1].off;
	}
	return 0;
}

void ss_my_stmts_release(struct ss_my_stmts *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

size_t ss_my_failed_statement(const struct ss_my_stmts *s, const char *kinds, size_t nkinds)
{
	size_t k = 0;

	for (size_t i = 0; i < s->n; i++) {
		if (k >= nkinds)
			return i;
		if (s->v[i].call) {
			/* The procedure's result sets, then its status. */
			while (k < nkinds && kinds[k] != 'o')
				k++;
			if (k >= nkinds)
				return i;
		}
		k++;
	}
	return s->n;
}

long long ss_my_syntax_error_offset(const char *sql, size_t len, const struct ss_my_stmts *s,
				    size_t failed, const char *msg)
{
	const char *near = msg ? strstr(msg, "near '") : NULL, *at, *q;
	size_t base, line_start, line_end, nlen, stmt_end;
	unsigned long line;

	if (!near || failed >= s->n)
		return -1;
	near += 6;
	at = strstr(near, "' at line ");
	for (q = at; q; q = strstr(q + 1, "' at line "))
		at = q;		/* the last one: TEXT may hold "' at line " itself */
	if (!at)
		return -1;
	nlen = (size_t)(at - near);
	line = strtoul(at + 10, NULL, 10);
	stmt_end = s->v[failed].off + s->v[failed].len;
	if (nlen == 0) {
		/* At the end of the statement: its ";", or the end of the text. */
		if (stmt_end > s->v[failed].off && sql[stmt_end - 1] == ';')
			return (long long)(stmt_end - 1);
		return (long long)stmt_end;
	}
	/* The server counts lines from the first non-blank byte after the previous ";". */
	base = failed ? s->v[failed - 1].off + s->v[failed - 1].len : 0;
	while (base < len && is_space(sql[base]))
		base++;
	line_start = base;
	for (unsigned long l = 1; l < line && line_start < len; l++) {
		const char *nl = memchr(sql + line_start, '\n', len - line_start);

		if (!nl)
			return -1;
		line_start = (size_t)(nl - sql) + 1;
	}
	q = memchr(sql + line_start, '\n', len - line_start);
	line_end = q ? (size_t)(q - sql) + 1 : len;
	/* The server quotes at most 80 characters: TEXT may be cut short. */
	for (size_t p = line_start; p < line_end; p++) {
		size_t n = nlen <= len - p ? nlen : len - p;

		if (!memcmp(sql + p, near, n))
			return (long long)p;
	}
	return -1;
}

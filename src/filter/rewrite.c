/*
 * rewrite.c - the little token-level looks the filter takes inside a
 * statement that sqlparse has already split and classified: does a
 * function return a trigger, which table does a foreign key reference,
 * where are the actions of an ALTER TABLE.  A scanner that knows each
 * dialect's quotes and comments, nothing more.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "filter/filter_int.h"

enum tok { T_EOF = 0, T_WORD, T_QIDENT, T_STRING, T_PUNCT };

struct scan {
	enum sqlp_dialect d;
	const char *s, *p, *e;
	/* the token */
	enum tok t;
	const char *tp;
	size_t tn;
};

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || c == '@' || c == '#' || c >= 0x80;
}

/* Skip a quoted run opened at p (p[0] is the quote); doubling escapes it. */
static const char *skip_quoted(const char *p, const char *e, char close, int backslash)
{
	for (p++; p < e; p++) {
		if (backslash && *p == '\\' && p + 1 < e) {
			p++;
			continue;
		}
		if (*p == close) {
			if (p + 1 < e && p[1] == close) {
				p++;
				continue;
			}
			return p + 1;
		}
	}
	return e;
}

/* PostgreSQL dollar quote at p: returns the end, or NULL if p does not open one. */
static const char *skip_dollar(const char *p, const char *e)
{
	const char *q = p + 1;
	size_t tl;

	if (q < e && *q >= '0' && *q <= '9')
		return NULL;
	while (q < e && *q != '$' && is_word_byte((unsigned char)*q) && *q != '@' && *q != '#')
		q++;
	if (q >= e || *q != '$')
		return NULL;
	tl = (size_t)(q - p) + 1;
	for (q++; q + tl <= e; q++)
		if (*q == '$' && !memcmp(q, p, tl))
			return q + tl;
	return e;
}

static void next(struct scan *sc)
{
	const char *p = sc->p, *e = sc->e;

	for (;;) {
		while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
				 *p == '\v'))
			p++;
		if (p + 1 < e && p[0] == '-' && p[1] == '-' &&
		    (sc->d != SQLP_MYSQL || p + 2 >= e || (unsigned char)p[2] <= ' ')) {
			while (p < e && *p != '\n')
				p++;
			continue;
		}
		if (p < e && *p == '#' && sc->d == SQLP_MYSQL) {
			while (p < e && *p != '\n')
				p++;
			continue;
		}
		if (p + 1 < e && p[0] == '/' && p[1] == '*') {
			if (sc->d == SQLP_MYSQL && p + 2 < e && (p[2] == '!' || p[2] == 'M')) {
				/* executable comment: its contents are code */
				p += 2;
				if (*p == 'M')
					p++;
				if (p < e && *p == '!')
					p++;
				while (p < e && *p >= '0' && *p <= '9')
					p++;
				continue;
			}
			int depth = 1;

			for (p += 2; p < e && depth; p++) {
				if (p + 1 < e && p[0] == '*' && p[1] == '/') {
					depth--;
					p++;
				} else if (sc->d != SQLP_MYSQL && p + 1 < e && p[0] == '/' && p[1] == '*') {
					depth++;
					p++;
				}
			}
			continue;
		}
		if (sc->d == SQLP_MYSQL && p + 1 < e && p[0] == '*' && p[1] == '/') {
			p += 2;		/* end of an executable comment */
			continue;
		}
		break;
	}
	sc->tp = p;
	if (p >= e) {
		sc->t = T_EOF;
		sc->tn = 0;
		sc->p = p;
		return;
	}
	if (*p == '\'') {
		int bs = sc->d == SQLP_MYSQL ||
			 (sc->d == SQLP_POSTGRES && p > sc->s && (p[-1] == 'E' || p[-1] == 'e'));

		sc->t = T_STRING;
		sc->p = skip_quoted(p, e, '\'', bs);
	} else if (*p == '"') {
		sc->t = sc->d == SQLP_MYSQL ? T_STRING : T_QIDENT;
		sc->p = skip_quoted(p, e, '"', sc->d == SQLP_MYSQL);
	} else if (*p == '`' && sc->d == SQLP_MYSQL) {
		sc->t = T_QIDENT;
		sc->p = skip_quoted(p, e, '`', 0);
	} else if (*p == '[' && sc->d == SQLP_TSQL) {
		sc->t = T_QIDENT;
		sc->p = skip_quoted(p, e, ']', 0);
	} else if (*p == '$' && sc->d == SQLP_POSTGRES && skip_dollar(p, e)) {
		sc->t = T_STRING;
		sc->p = skip_dollar(p, e);
	} else if (is_word_byte((unsigned char)*p)) {
		const char *q = p;

		while (q < e && is_word_byte((unsigned char)*q))
			q++;
		if (q < e && *q == '\'' && sc->d != SQLP_MYSQL && q - p <= 2) {
			/* E'...', N'...', U&'...' prefixes: the string is the token */
			int bs = (q - p == 1 && (*p == 'E' || *p == 'e')) && sc->d == SQLP_POSTGRES;

			sc->t = T_STRING;
			sc->p = skip_quoted(q, e, '\'', bs);
		} else {
			sc->t = T_WORD;
			sc->p = q;
		}
	} else {
		sc->t = T_PUNCT;
		sc->p = p + 1;
	}
	sc->tn = (size_t)(sc->p - sc->tp);
}

static void scan_init(struct scan *sc, enum sqlp_dialect d, const char *text, size_t len)
{
	sc->d = d;
	sc->s = sc->p = text;
	sc->e = text + len;
	next(sc);
}

static int is_word(const struct scan *sc, const char *w)
{
	size_t n = strlen(w);

	return sc->t == T_WORD && sc->tn == n && !strncasecmp(sc->tp, w, n);
}

static int is_punct(const struct scan *sc, char c)
{
	return sc->t == T_PUNCT && sc->tp[0] == c;
}

/* Is the token after the current one the word w? */
static int peek_word(const struct scan *sc, const char *w)
{
	struct scan t = *sc;

	next(&t);
	return is_word(&t, w);
}

static int is_quoted(const struct scan *sc, const char *w)
{
	size_t n = strlen(w);

	return sc->t == T_QIDENT && sc->tn == n + 2 && !strncmp(sc->tp + 1, w, n);
}

int ss_filter_returns_trigger(const char *text, size_t len)
{
	struct scan sc;
	int depth = 0;

	for (scan_init(&sc, SQLP_POSTGRES, text, len); sc.t != T_EOF; next(&sc)) {
		if (is_punct(&sc, '('))
			depth++;
		else if (is_punct(&sc, ')'))
			depth--;
		else if (depth == 0 && (is_word(&sc, "as") || is_word(&sc, "begin")))
			return 0;	/* the body starts */
		else if (depth == 0 && is_word(&sc, "returns")) {
			next(&sc);
			if (is_word(&sc, "pg_catalog") || is_quoted(&sc, "pg_catalog")) {
				next(&sc);
				if (!is_punct(&sc, '.'))
					return 0;
				next(&sc);
			}
			return is_word(&sc, "trigger") || is_word(&sc, "event_trigger") ||
			       is_quoted(&sc, "trigger") || is_quoted(&sc, "event_trigger");
		}
	}
	return 0;
}

int ss_filter_has_clustered(const char *text, size_t len)
{
	struct scan sc;

	for (scan_init(&sc, SQLP_TSQL, text, len); sc.t != T_EOF; next(&sc))
		if (is_word(&sc, "clustered"))
			return 1;
	return 0;
}

/* Append a qualified name starting at the current token; returns its length. */
static size_t take_name(struct scan *sc, struct sqlp_buf *out)
{
	const char *start = sc->tp, *end = sc->tp;

	while (sc->t == T_WORD || sc->t == T_QIDENT) {
		end = sc->tp + sc->tn;
		next(sc);
		if (!is_punct(sc, '.'))
			break;
		next(sc);
	}
	sqlp_buf_add(out, start, (size_t)(end - start));
	return (size_t)(end - start);
}

int ss_filter_references(enum sqlp_dialect d, const char *text, size_t len, struct sqlp_buf *out)
{
	struct scan sc;
	int depth = 0;

	for (scan_init(&sc, d, text, len); sc.t != T_EOF; next(&sc)) {
		if (is_punct(&sc, '('))
			depth++;
		else if (is_punct(&sc, ')'))
			depth--;
		else if (depth == 0 && is_word(&sc, "references")) {
			next(&sc);
			return take_name(&sc, out) > 0;
		}
	}
	return 0;
}

size_t ss_filter_split_actions(enum sqlp_dialect d, const char *text, size_t len,
			       size_t *prefix_len, struct ss_action *acts, size_t max)
{
	struct scan sc;
	struct sqlp_buf scratch = SQLP_BUF_INIT;
	size_t n = 0;
	int depth = 0;
	const char *start;

	scan_init(&sc, d, text, len);
	if (!is_word(&sc, "alter"))
		return 0;
	next(&sc);
	if (!is_word(&sc, "table"))
		return 0;
	next(&sc);
	if (is_word(&sc, "if")) {
		next(&sc);
		if (!is_word(&sc, "exists"))
			return 0;
		next(&sc);
	}
	if (is_word(&sc, "only"))
		next(&sc);
	if (!take_name(&sc, &scratch)) {
		sqlp_buf_release(&scratch);
		return 0;
	}
	sqlp_buf_release(&scratch);
	if (is_punct(&sc, '*'))
		next(&sc);
	if (d == SQLP_TSQL) {
		/* [WITH CHECK|NOCHECK] ADD item, item ...: one ADD for the list */
		if (is_word(&sc, "with")) {
			next(&sc);
			if (!is_word(&sc, "check") && !is_word(&sc, "nocheck"))
				return 0;
			next(&sc);
		}
		if (!is_word(&sc, "add"))
			return 0;
		next(&sc);
	}
	if (sc.t == T_EOF)
		return 0;
	*prefix_len = (size_t)(sc.tp - text);
	start = sc.tp;
	for (; sc.t != T_EOF; next(&sc)) {
		if (is_punct(&sc, '('))
			depth++;
		else if (is_punct(&sc, ')'))
			depth--;
		else if (depth == 0 && is_punct(&sc, ',')) {
			const char *end = sc.tp;

			while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
					       end[-1] == '\r'))
				end--;
			if (n < max) {
				acts[n].off = (size_t)(start - text);
				acts[n].len = (size_t)(end - start);
			}
			n++;
			next(&sc);
			start = sc.tp;
			if (sc.t == T_EOF)
				break;
			/* re-examine this token: it may be a parenthesis */
			if (is_punct(&sc, '('))
				depth++;
		}
	}
	{
		const char *end = text + len;

		while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
				       end[-1] == '\r'))
			end--;
		if (end > start) {
			if (n < max) {
				acts[n].off = (size_t)(start - text);
				acts[n].len = (size_t)(end - start);
			}
			n++;
		}
	}
	return n;
}

/* Call fn with the (qualified) name that starts at the current token; sc moves past it. */
static int name_at(struct scan *sc, int (*fn)(void *ctx, const char *name, size_t n), void *ctx)
{
	const char *start = sc->tp, *end = sc->tp + sc->tn;

	for (next(sc); is_punct(sc, '.');) {
		next(sc);
		if (sc->t != T_WORD && sc->t != T_QIDENT)
			break;
		end = sc->tp + sc->tn;
		next(sc);
	}
	return fn(ctx, start, (size_t)(end - start));
}

int ss_filter_signature_names(enum sqlp_dialect d, const char *text, size_t len,
			      int (*fn)(void *ctx, const char *name, size_t n), void *ctx)
{
	struct scan sc;
	int depth = 0;

	scan_init(&sc, d, text, len);
	/* CREATE [OR REPLACE] FUNCTION|PROCEDURE name: skip to the argument list */
	while (sc.t != T_EOF && !is_punct(&sc, '('))
		next(&sc);
	while (sc.t != T_EOF) {
		if (is_punct(&sc, '(')) {
			depth++;
		} else if (is_punct(&sc, ')')) {
			depth--;
		} else if (depth == 0 && (is_word(&sc, "as") || is_word(&sc, "begin") ||
					  is_word(&sc, "return"))) {
			return 0;	/* the body starts */
		} else if (sc.t == T_WORD || sc.t == T_QIDENT) {
			int r = name_at(&sc, fn, ctx);

			if (r)
				return r;
			continue;
		}
		next(&sc);
	}
	return 0;
}

int ss_filter_names(enum sqlp_dialect d, const char *text, size_t len, size_t from,
		    int (*fn)(void *ctx, const char *name, size_t n), void *ctx)
{
	struct scan sc;

	if (from > len)
		return 0;
	scan_init(&sc, d, text + from, len - from);
	while (sc.t != T_EOF) {
		if (sc.t == T_WORD || sc.t == T_QIDENT) {
			int r = name_at(&sc, fn, ctx);

			if (r)
				return r;
			continue;
		}
		next(&sc);
	}
	return 0;
}

int ss_filter_sql_body(const char *text, size_t len, size_t *off)
{
	struct scan sc;
	int depth = 0;

	scan_init(&sc, SQLP_POSTGRES, text, len);
	while (sc.t != T_EOF && !is_punct(&sc, '('))
		next(&sc);	/* to the argument list */
	for (; sc.t != T_EOF; next(&sc)) {
		if (is_punct(&sc, '('))
			depth++;
		else if (is_punct(&sc, ')'))
			depth--;
		else if (depth == 0 && is_word(&sc, "as"))
			return 0;	/* AS 'text' or AS $$ ... $$: not read at creation */
		else if (depth == 0 && (is_word(&sc, "return") ||
					(is_word(&sc, "begin") && peek_word(&sc, "atomic")))) {
			*off = (size_t)(sc.tp - text);
			return 1;
		}
	}
	return 0;
}

int ss_filter_ends_not_valid(enum sqlp_dialect d, const char *text, size_t len)
{
	struct scan sc;
	int prev_not = 0, last = 0;

	for (scan_init(&sc, d, text, len); sc.t != T_EOF; next(&sc)) {
		last = prev_not && is_word(&sc, "valid");
		prev_not = is_word(&sc, "not");
	}
	return last;
}

/* Append the value of an argument token (N'..', '..', [..], word) unquoted; 0 for NULL. */
static int arg_value(const struct scan *sc, struct sqlp_buf *out)
{
	const char *p = sc->tp, *e = sc->tp + sc->tn;

	if (sc->t == T_WORD && sc->tn == 4 && !strncasecmp(p, "null", 4))
		return 0;
	if (sc->t == T_STRING) {
		while (p < e && *p != '\'')
			p++;	/* N prefix */
		if (p < e)
			p++;
		if (e > p && e[-1] == '\'')
			e--;
		for (; p < e; p++) {
			if (*p == '\'' && p + 1 < e && p[1] == '\'')
				p++;
			sqlp_buf_addch(out, *p);
		}
		return 1;
	}
	if (sc->t == T_QIDENT && *p == '[') {
		for (p++, e--; p < e; p++) {
			if (*p == ']' && p + 1 < e && p[1] == ']')
				p++;
			sqlp_buf_addch(out, *p);
		}
		return 1;
	}
	if (sc->t == T_QIDENT && *p == '"') {
		for (p++, e--; p < e; p++) {
			if (*p == '"' && p + 1 < e && p[1] == '"')
				p++;
			sqlp_buf_addch(out, *p);
		}
		return 1;
	}
	sqlp_buf_add(out, p, (size_t)(e - p));
	return 1;
}

int ss_filter_xprop(const char *text, size_t len, struct sqlp_buf vals[8], unsigned *present)
{
	static const char *const names[8] = {
		"@name", "@value", "@level0type", "@level0name",
		"@level1type", "@level1name", "@level2type", "@level2name",
	};
	struct scan sc;
	int pos = 0;

	*present = 0;
	scan_init(&sc, SQLP_TSQL, text, len);
	if (!is_word(&sc, "exec") && !is_word(&sc, "execute"))
		return 0;
	next(&sc);
	/* [sys].[sp_addextendedproperty], sys.sp_..., or the bare name */
	for (;;) {
		int last = 0;

		if (sc.t == T_WORD || sc.t == T_QIDENT) {
			size_t n = sc.t == T_QIDENT ? sc.tn - 2 : sc.tn;
			const char *p = sc.t == T_QIDENT ? sc.tp + 1 : sc.tp;

			last = n == 22 && !strncasecmp(p, "sp_addextendedproperty", 22);
			next(&sc);
		} else {
			return 0;
		}
		if (!is_punct(&sc, '.')) {
			if (!last)
				return 0;
			break;
		}
		next(&sc);
	}
	while (sc.t != T_EOF && pos < 8) {
		int slot = pos;

		if (sc.t == T_WORD && sc.tp[0] == '@') {
			slot = -1;
			for (int i = 0; i < 8; i++)
				if (strlen(names[i]) == sc.tn && !strncasecmp(names[i], sc.tp, sc.tn))
					slot = i;
			next(&sc);
			if (!is_punct(&sc, '='))
				return 0;
			next(&sc);
		}
		if (slot >= 0) {
			sqlp_buf_reset(&vals[slot]);
			if (arg_value(&sc, &vals[slot]))
				*present |= 1u << slot;
		}
		pos++;
		next(&sc);
		if (is_punct(&sc, ';') || sc.t == T_EOF)
			break;
		if (!is_punct(&sc, ','))
			return 0;
		next(&sc);
	}
	return 1;
}

int ss_filter_attached(enum sqlp_dialect d, const char *text, size_t len, struct sqlp_buf *out)
{
	struct scan sc;
	int prev_attach = 0;

	for (scan_init(&sc, d, text, len); sc.t != T_EOF; next(&sc)) {
		if (prev_attach && is_word(&sc, "partition")) {
			next(&sc);
			return take_name(&sc, out) > 0;
		}
		prev_attach = is_word(&sc, "attach");
	}
	return 0;
}

/* --- constraints inside a column definition ------------------------------------ */

/* The offset in the scanned text where the current token ends. */
static size_t tok_end(const struct scan *sc)
{
	return (size_t)(sc->tp + sc->tn - sc->s);
}

/* Consume a parenthesised group opened at the current token; *end after ')'. */
static int take_group(struct scan *sc, size_t *end)
{
	int depth = 0;

	if (!is_punct(sc, '('))
		return 0;
	do {
		if (is_punct(sc, '('))
			depth++;
		else if (is_punct(sc, ')'))
			depth--;
		*end = tok_end(sc);
		next(sc);
	} while (sc->t != T_EOF && depth > 0);
	return depth == 0;
}

/* Consume one word (or quoted identifier) if the current token is one. */
static int take_one(struct scan *sc, size_t *end)
{
	if (sc->t != T_WORD && sc->t != T_QIDENT)
		return 0;
	*end = tok_end(sc);
	next(sc);
	return 1;
}

/* A (qualified) name: parts joined by dots. */
static int take_qualified(struct scan *sc, size_t *end)
{
	if (!take_one(sc, end))
		return 0;
	while (is_punct(sc, '.')) {
		next(sc);
		if (!take_one(sc, end))
			return 0;
	}
	return 1;
}

/*
 * What may follow any constraint: [NOT] DEFERRABLE, INITIALLY ..., [NOT]
 * ENFORCED, NOT VALID, NO INHERIT (PostgreSQL, MySQL), NOT FOR
 * REPLICATION (T-SQL).  NOT NULL is the column's, not the constraint's.
 */
static void take_options(struct scan *sc, size_t *end)
{
	for (;;) {
		if (is_word(sc, "deferrable") || is_word(sc, "enforced")) {
			take_one(sc, end);
		} else if (is_word(sc, "initially")) {
			next(sc);
			take_one(sc, end);
		} else if (is_word(sc, "not") &&
			   (peek_word(sc, "deferrable") || peek_word(sc, "enforced") ||
			    peek_word(sc, "valid"))) {
			next(sc);
			take_one(sc, end);
		} else if (is_word(sc, "not") && sc->d == SQLP_TSQL && peek_word(sc, "for")) {
			next(sc);
			next(sc);
			take_one(sc, end);	/* REPLICATION */
		} else if (is_word(sc, "no") && peek_word(sc, "inherit")) {
			next(sc);
			take_one(sc, end);
		} else {
			return;
		}
	}
}

/* UNIQUE or PRIMARY KEY: the index options after the key words. */
static void take_index_options(struct scan *sc, size_t *end)
{
	for (;;) {
		if (is_word(sc, "include") && sc->d == SQLP_POSTGRES) {
			next(sc);
			if (!take_group(sc, end))
				return;
		} else if (is_word(sc, "with") && sc->d != SQLP_MYSQL) {
			struct scan at = *sc;

			next(sc);
			if (is_word(sc, "fillfactor")) {	/* T-SQL WITH FILLFACTOR = n */
				next(sc);
				if (is_punct(sc, '='))
					next(sc);
				if (!take_one(sc, end)) {
					*sc = at;
					return;
				}
			} else if (!take_group(sc, end)) {
				*sc = at;
				return;
			}
		} else if (is_word(sc, "using") && sc->d == SQLP_POSTGRES && peek_word(sc, "index")) {
			next(sc);
			next(sc);
			if (is_word(sc, "tablespace"))
				next(sc);
			take_one(sc, end);
		} else if (is_word(sc, "on") && sc->d == SQLP_TSQL) {
			/* ON filegroup | partition_scheme (column) | "default" */
			next(sc);
			if (sc->t == T_STRING) {
				*end = tok_end(sc);
				next(sc);
			} else if (!take_one(sc, end)) {
				return;
			}
			if (is_punct(sc, '('))
				take_group(sc, end);
		} else {
			return;
		}
	}
}

/* ON DELETE|UPDATE action; leaves sc where it was if that is not what follows. */
static int take_action(struct scan *sc, size_t *end)
{
	struct scan at = *sc;

	if (!is_word(sc, "on"))
		return 0;
	next(sc);
	if (!is_word(sc, "delete") && !is_word(sc, "update"))
		goto no;
	next(sc);
	if (is_word(sc, "cascade") || is_word(sc, "restrict")) {
		take_one(sc, end);
		return 1;
	}
	if (is_word(sc, "no") && peek_word(sc, "action")) {
		next(sc);
		take_one(sc, end);
		return 1;
	}
	if (is_word(sc, "set") && (peek_word(sc, "null") || peek_word(sc, "default"))) {
		next(sc);
		take_one(sc, end);
		if (is_punct(sc, '('))
			take_group(sc, end);	/* PostgreSQL 15: SET NULL (cols) */
		return 1;
	}
no:
	*sc = at;	/* MySQL ON UPDATE CURRENT_TIMESTAMP: the column's */
	return 0;
}

/* T-SQL DEFAULT expression: operands joined by operators, signs allowed. */
static int take_default(struct scan *sc, size_t *end)
{
	for (;;) {
		while (is_punct(sc, '-') || is_punct(sc, '+'))
			next(sc);
		if (is_punct(sc, '(')) {
			if (!take_group(sc, end))
				return 0;
		} else if (sc->t == T_STRING) {
			*end = tok_end(sc);
			next(sc);
		} else if (sc->t == T_WORD || sc->t == T_QIDENT) {
			if (!take_qualified(sc, end))
				return 0;
			if (is_punct(sc, '(') && !take_group(sc, end))
				return 0;
		} else {
			return 0;
		}
		if (sc->t == T_PUNCT && strchr("+-*/%&|^", sc->tp[0]))
			next(sc);
		else
			return 1;
	}
}

/* Is the current token a keyword that starts a constraint this file moves? */
static enum sqlp_cons cons_word(const struct scan *sc)
{
	if (sc->t != T_WORD)
		return SQLP_K_NONE;
	if (is_word(sc, "unique"))
		return SQLP_K_UNIQUE;
	if (is_word(sc, "primary") || (sc->d == SQLP_MYSQL && is_word(sc, "key")))
		return SQLP_K_PRIMARY_KEY;
	if (is_word(sc, "references") || (sc->d == SQLP_TSQL && is_word(sc, "foreign")))
		return SQLP_K_FOREIGN_KEY;
	if (is_word(sc, "check"))
		return SQLP_K_CHECK;
	if (sc->d == SQLP_TSQL && is_word(sc, "default"))
		return SQLP_K_DEFAULT;
	return SQLP_K_NONE;
}

/* Parse the constraint whose keyword is the current token into *cc; 0 if not understood. */
static int take_constraint(struct scan *sc, enum sqlp_cons k, struct ss_colcons *cc)
{
	size_t end = tok_end(sc);

	cc->cons = k;
	cc->nins = 0;
	switch (k) {
	case SQLP_K_UNIQUE:
	case SQLP_K_PRIMARY_KEY:
		if (is_word(sc, "key")) {	/* MySQL: KEY alone is PRIMARY KEY */
			cc->ins[cc->nins].at = (size_t)(sc->tp - sc->s);
			cc->ins[cc->nins++].what = SS_INS_PRIMARY;
			next(sc);
		} else if (is_word(sc, "primary")) {
			next(sc);
			if (!is_word(sc, "key"))
				return 0;
			end = tok_end(sc);
			next(sc);
		} else {
			next(sc);
			if (sc->d == SQLP_MYSQL && (is_word(sc, "key") || is_word(sc, "index")))
				take_one(sc, &end);
			if (sc->d == SQLP_POSTGRES && is_word(sc, "nulls")) {
				next(sc);
				if (is_word(sc, "not"))
					next(sc);
				if (!is_word(sc, "distinct"))
					return 0;
				take_one(sc, &end);
			}
		}
		if (sc->d == SQLP_TSQL && (is_word(sc, "clustered") || is_word(sc, "nonclustered")))
			take_one(sc, &end);
		cc->ins[cc->nins].at = end;
		cc->ins[cc->nins++].what = SS_INS_COLUMN_LIST;
		take_index_options(sc, &end);
		break;
	case SQLP_K_FOREIGN_KEY:
		if (is_word(sc, "foreign")) {	/* T-SQL: [FOREIGN KEY] REFERENCES */
			next(sc);
			if (!is_word(sc, "key"))
				return 0;
			next(sc);
			if (!is_word(sc, "references"))
				return 0;
			cc->ins[cc->nins].at = (size_t)(sc->tp - sc->s);
			cc->ins[cc->nins++].what = SS_INS_COLUMN_LIST_BEFORE;
		} else {
			cc->ins[cc->nins].at = (size_t)(sc->tp - sc->s);
			cc->ins[cc->nins++].what = SS_INS_FOREIGN_KEY;
		}
		next(sc);
		if (!take_qualified(sc, &end))
			return 0;
		if (is_punct(sc, '(') && !take_group(sc, &end))
			return 0;
		for (;;) {
			if (is_word(sc, "match")) {
				next(sc);
				if (!take_one(sc, &end))
					return 0;
			} else if (!take_action(sc, &end)) {
				break;
			}
		}
		break;
	case SQLP_K_CHECK:
		next(sc);
		if (sc->d == SQLP_TSQL && is_word(sc, "not") && peek_word(sc, "for")) {
			next(sc);
			next(sc);
			next(sc);	/* REPLICATION */
		}
		if (!take_group(sc, &end))
			return 0;
		break;
	case SQLP_K_DEFAULT:
		next(sc);
		if (!take_default(sc, &end))
			return 0;
		cc->ins[cc->nins].at = end;
		cc->ins[cc->nins++].what = SS_INS_FOR_COLUMN;
		break;
	default:
		return 0;
	}
	take_options(sc, &end);
	if (k == SQLP_K_DEFAULT)
		cc->ins[0].at = end;
	cc->len = end - cc->off;
	return 1;
}

size_t ss_filter_column_constraints(enum sqlp_dialect d, const char *text, size_t len,
				    size_t *name_len, struct ss_colcons *cc, size_t max)
{
	struct scan sc;
	size_t n = 0, prev_end, pend_off = 0, pend_prev = 0, pend_name = 0, pend_name_len = 0;
	int pending = 0;

	scan_init(&sc, d, text, len);
	if (sc.t != T_WORD && sc.t != T_QIDENT)
		return SS_COLCONS_ERROR;
	*name_len = sc.tn;
	prev_end = tok_end(&sc);
	next(&sc);
	while (sc.t != T_EOF) {
		enum sqlp_cons k = cons_word(&sc);

		if (is_punct(&sc, '(')) {
			pending = 0;
			if (!take_group(&sc, &prev_end))
				return SS_COLCONS_ERROR;
			continue;
		}
		if (is_word(&sc, "constraint")) {
			pending = 1;
			pend_off = (size_t)(sc.tp - sc.s);
			pend_prev = prev_end;
			pend_name_len = 0;
			prev_end = tok_end(&sc);
			next(&sc);
			if ((sc.t == T_WORD || sc.t == T_QIDENT) && cons_word(&sc) == SQLP_K_NONE &&
			    !is_word(&sc, "not") && !is_word(&sc, "null") && !is_word(&sc, "default")) {
				pend_name = (size_t)(sc.tp - sc.s);
				pend_name_len = sc.tn;
				prev_end = tok_end(&sc);
				next(&sc);
			}
			continue;
		}
		if (k == SQLP_K_NONE) {
			pending = 0;
			prev_end = tok_end(&sc);
			next(&sc);
			continue;
		}
		{
			struct ss_colcons tmp, *c = n < max ? &cc[n] : &tmp;

			memset(c, 0, sizeof(*c));
			c->off = pending ? pend_off : (size_t)(sc.tp - sc.s);
			c->prev_end = pending ? pend_prev : prev_end;
			if (pending && pend_name_len) {
				c->name_off = pend_name;
				c->name_len = pend_name_len;
			}
			if (!take_constraint(&sc, k, c))
				return SS_COLCONS_ERROR;
			prev_end = c->off + c->len;
			n++;
			pending = 0;
		}
	}
	return n;
}

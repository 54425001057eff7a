/*
 * tokens.c - the classifier's tokenizer: comments skipped, MySQL
 * executable-comment markers transparent, strings and quoted names read
 * whole (with the dialect's and the session's quoting rules); qualified
 * names unquoted and requoted for display; object kinds after CREATE,
 * ALTER, DROP, COMMENT ON and GRANT ... ON.
 *
 * Must stay in sync with the lexer's quoting rules (lex_*.c) and the name
 * rules documented in sqlparse.h.
 */
#include <string.h>

#include "classify.h"

/*
 * Byte classes of the tokenizer, one table per dialect: what starts and
 * continues a word, what can start blanks or a comment, and what keeps a
 * word from being a plain lower-case name (name_part's fast path).
 */
#define TK_COMMON                                                                       \
	[' '] = TK_BLANK, ['\t'] = TK_BLANK, ['\n'] = TK_BLANK, ['\r'] = TK_BLANK,       \
	['\f'] = TK_BLANK, ['\v'] = TK_BLANK, ['-'] = TK_BLANK, ['/'] = TK_BLANK,         \
	['a' ... 'z'] = TK_WORD | TK_START, ['_'] = TK_WORD | TK_START,                   \
	['A' ... 'Z'] = TK_WORD | TK_START | TK_NOTPLAIN, ['0' ... '9'] = TK_WORD,        \
	['$'] = TK_WORD | TK_NOTPLAIN, [0x80 ... 0xff] = TK_WORD | TK_START | TK_NOTPLAIN

const unsigned char sqlp__tk_class[SQLP_DIALECT_COUNT][256] = {
	[SQLP_AUTO] = { TK_COMMON },
	[SQLP_POSTGRES] = { TK_COMMON },
	/* '#' comments; '*' may close an executable comment */
	[SQLP_MYSQL] = { TK_COMMON, ['#'] = TK_BLANK, ['*'] = TK_BLANK },
	/* @variables and #temp tables are words */
	[SQLP_TSQL] = { TK_COMMON, ['#'] = TK_WORD | TK_START | TK_NOTPLAIN,
			['@'] = TK_WORD | TK_START | TK_NOTPLAIN },
};

/* Skip a quoted run starting at p (the quote), doubling and maybe backslash. */
static const char *skip_quoted(const char *p, const char *e, char q, int esc)
{
	for (p++; p < e; p++) {
		if (esc && *p == '\\') {
			p++;
			continue;
		}
		if (*p == q) {
			if (p + 1 < e && p[1] == q) {
				p++;
				continue;
			}
			return p + 1;
		}
	}
	return e;
}

/* Skip whitespace and comments; MySQL executable-comment markers too. */
static void skip_blank(struct cx *c)
{
	const char *p = c->p, *e = c->e;

	if (p < e && !(c->ct[(unsigned char)*p] & TK_BLANK))
		return;
	for (;;) {
		while (p < e && sqlp__is_space(*p))
			p++;
		if (p + 1 < e && p[0] == '-' && p[1] == '-' &&
		    (c->d != SQLP_MYSQL || p + 2 == e || (unsigned char)p[2] <= ' ' ||
		     sqlp__unicode_space((const unsigned char *)p + 2, (const unsigned char *)e))) {
			while (p < e && *p != '\n')
				p++;
			continue;
		}
		if (c->d == SQLP_MYSQL && p < e && *p == '#') {
			while (p < e && *p != '\n')
				p++;
			continue;
		}
		if (p + 1 < e && p[0] == '/' && p[1] == '*') {
			const char *q = p + 2;

			if (c->d == SQLP_MYSQL && q < e && *q == 'M' && q + 1 < e && q[1] == '!')
				q++;
			if (c->d == SQLP_MYSQL && q < e && *q == '!') {
				long v = 0;
				int digits = 0;

				for (q++; q < e && sqlp__is_digit(*q); q++, digits++)
					if (v < 10000000)
						v = v * 10 + (*q - '0');
				if (c->first_exec < 0)
					c->first_exec = digits ? v : 0;
				c->exec++;
				p = q;
				continue;
			}
			{
				int depth = 1, nests = c->d != SQLP_MYSQL;

				p += 2;
				while (p < e && depth) {
					if (p + 1 < e && p[0] == '*' && p[1] == '/') {
						depth--;
						p += 2;
					} else if (nests && p + 1 < e && p[0] == '/' && p[1] == '*') {
						depth++;
						p += 2;
					} else {
						p++;
					}
				}
			}
			continue;
		}
		if (c->exec && p + 1 < e && p[0] == '*' && p[1] == '/') {
			c->exec--;
			p += 2;
			continue;
		}
		break;
	}
	c->p = p;
}

void sqlp__tk_next(struct cx *c)
{
	const char *p, *e = c->e;
	unsigned char ch;

	c->prev = c->t;
	skip_blank(c);
	p = c->p;
	c->t.p = p;
	if (p >= e) {
		c->t.t = T_END;
		c->t.n = 0;
		return;
	}
	ch = (unsigned char)*p;
	c->t.plain = 0;
	if (c->ct[ch] & TK_START) {
		const char *q = p;
		unsigned seen = 0;

		while (q < e && (c->ct[(unsigned char)*q] & TK_WORD))
			seen |= c->ct[(unsigned char)*q++];
		/* N'..', E'..', X'..', B'..', _utf8mb4'..': one string token */
		if (q < e && *q == '\'' &&
		    ((q - p == 1 && strchr("nNeEbBxX", *p)) || (c->d == SQLP_MYSQL && *p == '_'))) {
			int esc = c->d == SQLP_MYSQL ? !(c->session & SQLP_S_NO_BACKSLASH_ESCAPES)
			      : c->d == SQLP_POSTGRES ? (*p == 'e' || *p == 'E' ||
							 (c->session & SQLP_S_SCS_OFF))
						      : 0;

			q = skip_quoted(q, e, '\'', esc);
			c->t.t = T_STRING;
		} else {
			c->t.t = T_WORD;
			c->t.plain = !(seen & TK_NOTPLAIN);
		}
		c->t.n = (size_t)(q - p);
		c->p = q;
		return;
	}
	if (sqlp__is_digit(ch)) {
		const char *q = p;
		int alpha = 0;

		while (q < e && (sqlp__is_ident(*q) || *q == '.')) {
			if (!sqlp__is_digit(*q) && *q != '.' && *q != 'e' && *q != 'E')
				alpha = 1;
			q++;
		}
		c->t.t = alpha && c->d == SQLP_MYSQL ? T_WORD : T_NUM;
		c->t.n = (size_t)(q - p);
		c->p = q;
		return;
	}
	switch (ch) {
	case '\'':
		c->p = skip_quoted(p, e, '\'',
				   c->d == SQLP_MYSQL ? !(c->session & SQLP_S_NO_BACKSLASH_ESCAPES)
				   : c->d == SQLP_POSTGRES ? (c->session & SQLP_S_SCS_OFF) != 0
							   : 0);
		c->t.t = T_STRING;
		break;
	case '"':
		if (c->d == SQLP_MYSQL && !(c->session & SQLP_S_ANSI_QUOTES)) {
			c->p = skip_quoted(p, e, '"', !(c->session & SQLP_S_NO_BACKSLASH_ESCAPES));
			c->t.t = T_STRING;
		} else if (c->d == SQLP_TSQL && (c->session & SQLP_S_QUOTED_IDENTIFIER_OFF)) {
			c->p = skip_quoted(p, e, '"', 0);
			c->t.t = T_STRING;
		} else {
			c->p = skip_quoted(p, e, '"', 0);
			c->t.t = T_QIDENT;
		}
		break;
	case '`':
		if (c->d != SQLP_MYSQL)
			goto punct;
		c->p = skip_quoted(p, e, '`', 0);
		c->t.t = T_QIDENT;
		break;
	case '[':
		if (c->d != SQLP_TSQL)
			goto punct;
		c->p = skip_quoted(p, e, ']', 0);
		c->t.t = T_QIDENT;
		break;
	case '$':
		if (c->d == SQLP_TSQL && p + 1 < e && p[1] == '(') {
			/* sqlcmd $(Variable): a name until it is substituted */
			const char *q = memchr(p, ')', (size_t)(e - p));

			c->p = q ? q + 1 : e;
			c->t.t = T_WORD;
			break;
		}
		if (c->d == SQLP_POSTGRES && p + 1 < e && !sqlp__is_digit(p[1])) {
			const char *q = p + 1, *end;
			size_t tl;

			while (q < e && sqlp__is_ident(*q) && *q != '$')
				q++;
			if (q < e && *q == '$') {
				tl = (size_t)(q + 1 - p);
				for (end = q + 1; end + tl <= e; end++)
					if (*end == '$' && !memcmp(end, p, tl))
						break;
				c->p = end + tl <= e ? end + tl : e;
				c->t.t = T_STRING;
				break;
			}
		}
		goto punct;
	case '@':
		if (c->d == SQLP_MYSQL) {
			const char *q = p + 1;

			if (q < e && *q == '@')
				q++;
			if (q < e && (*q == '\'' || *q == '"' || *q == '`'))
				q = skip_quoted(q, e, *q, *q != '`');
			else
				while (q < e && (sqlp__is_ident(*q) || *q == '.'))
					q++;
			c->p = q;
			c->t.t = T_VAR;
			break;
		}
		goto punct;
	default:
	punct:
		c->p = p + 1;
		if (ch == ':' && p + 1 < e && p[1] == ':')
			c->p = p + 2;
		c->t.t = T_PUNCT;
		break;
	}
	c->t.n = (size_t)(c->p - p);
}

/* The n bytes at p are the first word of w (lower case), ignoring case. */
static int first_word_is(const char *p, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)p[i];

		if (ch >= 'A' && ch <= 'Z')
			ch |= 0x20;
		if (!w[i] || ch != (unsigned char)w[i])
			return 0;
	}
	return w[n] == ' ' || w[n] == '\0';
}

/* accept a sequence of keywords separated by spaces ("if not exists") */
int sqlp__tk_accept_seq(struct cx *c, const char *kws)
{
	struct cx save;
	size_t n1 = 0;

	/* most calls fail on the first word: check it before saving the state */
	while (kws[n1] && kws[n1] != ' ')
		n1++;
	if (c->t.t != T_WORD || c->t.n != n1 || !first_word_is(c->t.p, n1, kws))
		return 0;
	save = *c;
	while (*kws) {
		size_t n = 0;

		while (kws[n] && kws[n] != ' ')
			n++;
		if (c->t.t != T_WORD || c->t.n != n || !first_word_is(c->t.p, n, kws)) {
			*c = save;
			return 0;
		}
		next(c);
		kws += n;
		while (*kws == ' ')
			kws++;
	}
	return 1;
}

/* Skip a balanced (...) group if the current token opens one. */
void sqlp__tk_skip_parens(struct cx *c)
{
	int depth = 0;

	if (!is_punct(c, '('))
		return;
	do {
		if (is_punct(c, '('))
			depth++;
		else if (is_punct(c, ')'))
			depth--;
		next(c);
	} while (depth > 0 && c->t.t != T_END);
}

/* Advance to the first keyword kw at parenthesis depth 0; 1 if found. */
int sqlp__tk_seek(struct cx *c, const char *kw)
{
	while (c->t.t != T_END) {
		if (is_n(c, kw, strlen(kw)))
			return 1;
		if (is_punct(c, '('))
			skip_parens(c);
		else
			next(c);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* names */

static int needs_quotes(const struct cx *c, const unsigned char *s, size_t n)
{
	size_t i;

	if (n > 2 && s[0] == '$' && s[1] == '(' && c->d == SQLP_TSQL)
		return 0;	/* sqlcmd $(Variable) */
	if (n == 1 && s[0] == '*')
		return 0;	/* db.* in GRANT */
	if (!n || sqlp__is_digit(s[0]) || (s[0] == '$'))
		return 1;
	for (i = 0; i < n; i++) {
		unsigned char ch = s[i];

		if (ch >= 0x80 || ch == '_' || sqlp__is_digit(ch))
			continue;
		if (ch >= 'a' && ch <= 'z')
			continue;
		if (ch >= 'A' && ch <= 'Z' && c->d != SQLP_POSTGRES)
			continue;
		if (ch == '$' && c->d != SQLP_TSQL)
			continue;
		if ((ch == '@' || ch == '#') && c->d == SQLP_TSQL)
			continue;
		return 1;
	}
	return 0;
}

static void name_addc(struct name *nm, char ch)
{
	if (nm->n + 1 < sizeof(nm->s))
		nm->s[nm->n++] = ch;
}

/* Append one part (the token t) to nm, unquoted and requoted if needed. */
void sqlp__tk_name_part(const struct cx *c, struct name *nm, const struct tok *t)
{
	unsigned char part[NAME_MAX_BYTES];
	size_t n = 0, i;
	char open = 0, close = 0;

	if (t->t == T_WORD && t->plain && nm->n + t->n + 2 < sizeof(nm->s)) {
		/* plain lower-case ASCII names need no unquoting nor quoting */
		{
			if (nm->parts++)
				nm->s[nm->n++] = '.';
			nm->last = nm->n;
			memcpy(nm->s + nm->n, t->p, t->n);
			nm->n += t->n;
			nm->s[nm->n] = 0;
			return;
		}
	}
	if (t->t == T_QIDENT || t->t == T_STRING) {
		char q = t->p[0];
		const char *p = t->p + 1, *e = t->p + t->n;

		if (t->t == T_STRING && q != '\'') {
			/* N'x': skip the prefix to the quote */
			while (p < e && p[-1] != '\'')
				p++;
			q = '\'';
		}
		if (q == '[')
			q = ']';
		if (e > p && e[-1] == q)
			e--;
		for (; p < e && n < sizeof(part); p++) {
			if (*p == q && p + 1 < e && p[1] == q)
				p++;
			part[n++] = (unsigned char)*p;
		}
	} else {
		for (i = 0; i < t->n && n < sizeof(part); i++) {
			unsigned char ch = (unsigned char)t->p[i];

			if (c->d == SQLP_POSTGRES && ch >= 'A' && ch <= 'Z')
				ch |= 0x20;
			part[n++] = ch;
		}
	}
	if (nm->parts++)
		name_addc(nm, '.');
	nm->last = nm->n;
	if (needs_quotes(c, part, n)) {
		open = c->d == SQLP_MYSQL ? '`' : c->d == SQLP_TSQL ? '[' : '"';
		close = open == '[' ? ']' : open;
	}
	if (open)
		name_addc(nm, open);
	for (i = 0; i < n; i++) {
		name_addc(nm, (char)part[i]);
		if (close && part[i] == (unsigned char)close)
			name_addc(nm, close);
	}
	if (close)
		name_addc(nm, close);
	nm->s[nm->n] = 0;
}

/* Read a (qualified) name at the current token into nm; 0 if none there. */
int sqlp__tk_parse_name(struct cx *c, struct name *nm)
{
	nm->n = nm->last = 0;
	nm->parts = 0;
	nm->s[0] = 0;
	if (c->t.t != T_WORD && c->t.t != T_QIDENT)
		return 0;
	name_part(c, nm, &c->t);
	next(c);
	while (is_punct(c, '.')) {
		next(c);
		if (c->t.t == T_WORD || c->t.t == T_QIDENT) {
			name_part(c, nm, &c->t);
			next(c);
		} else if (is_punct(c, '*')) {
			struct tok star = c->t;

			star.t = T_WORD;
			name_part(c, nm, &star);
			next(c);
		} else {
			break;
		}
	}
	return 1;
}

/* tbl = nm without its last part ("s.t.c" -> "s.t"). */
void sqlp__tk_name_parent(struct name *tbl, const struct name *nm)
{
	if (nm->parts < 2) {
		tbl->n = 0;
		tbl->s[0] = 0;
		return;
	}
	memcpy(tbl->s, nm->s, nm->last - 1);
	tbl->n = nm->last - 1;
	tbl->s[tbl->n] = 0;
	tbl->parts = nm->parts - 1;
}

/* ------------------------------------------------------------------ */
/* object kinds after CREATE/ALTER/DROP/COMMENT ON/GRANT ... ON */

struct kindword {
	const char *words;	/* keywords, space-separated */
	enum sqlp_objkind kind;
};

/*
 * By first letter, in the order they are tried: a longer phrase before a
 * word it starts with ("event trigger" before "event").
 */
#define KINDS(...) (const struct kindword[]){ __VA_ARGS__, { NULL, SQLP_O_NONE } }
static const struct kindword *const kinds[26] = {
	['a' - 'a'] = KINDS({ "access method", SQLP_O_ACCESS_METHOD },
			   { "aggregate", SQLP_O_AGGREGATE }),
	['c' - 'a'] = KINDS({ "collation", SQLP_O_COLLATION }, { "cast", SQLP_O_CAST },
			   { "conversion", SQLP_O_CONVERSION }, { "column", SQLP_O_COLUMN },
			   { "constraint", SQLP_O_CONSTRAINT }),
	['d' - 'a'] = KINDS({ "database", SQLP_O_DATABASE }, { "domain", SQLP_O_DOMAIN }),
	['e' - 'a'] = KINDS({ "event trigger", SQLP_O_EVENT_TRIGGER },
			   { "extension", SQLP_O_EXTENSION }, { "event", SQLP_O_EVENT }),
	['f' - 'a'] = KINDS({ "foreign data wrapper", SQLP_O_FDW },
			   { "foreign table", SQLP_O_FOREIGN_TABLE },
			   { "fulltext catalog", SQLP_O_FULLTEXT_CATALOG },
			   { "fulltext index", SQLP_O_FULLTEXT_INDEX },
			   { "function", SQLP_O_FUNCTION }),
	['g' - 'a'] = KINDS({ "group", SQLP_O_ROLE }),
	['i' - 'a'] = KINDS({ "index", SQLP_O_INDEX }),
	['l' - 'a'] = KINDS({ "large object", SQLP_O_LARGE_OBJECT },
			   { "language", SQLP_O_LANGUAGE }, { "login", SQLP_O_ROLE }),
	['m' - 'a'] = KINDS({ "materialized view", SQLP_O_MATVIEW }),
	['o' - 'a'] = KINDS({ "operator class", SQLP_O_OPERATOR },
			   { "operator family", SQLP_O_OPERATOR },
			   { "operator", SQLP_O_OPERATOR }, { "object", SQLP_O_TABLE }),
	['p' - 'a'] = KINDS({ "partition function", SQLP_O_PARTITION_FUNCTION },
			   { "partition scheme", SQLP_O_PARTITION_SCHEME },
			   { "procedural language", SQLP_O_LANGUAGE },
			   { "procedure", SQLP_O_PROCEDURE }, { "proc", SQLP_O_PROCEDURE },
			   { "policy", SQLP_O_POLICY }, { "publication", SQLP_O_PUBLICATION }),
	['r' - 'a'] = KINDS({ "routine", SQLP_O_FUNCTION }, { "rule", SQLP_O_RULE },
			   { "role", SQLP_O_ROLE }),
	['s' - 'a'] = KINDS({ "security policy", SQLP_O_SECURITY_POLICY },
			   { "schema", SQLP_O_SCHEMA }, { "server", SQLP_O_SERVER },
			   { "sequence", SQLP_O_SEQUENCE },
			   { "subscription", SQLP_O_SUBSCRIPTION },
			   { "statistics", SQLP_O_STATISTICS }, { "synonym", SQLP_O_SYNONYM }),
	['t' - 'a'] = KINDS({ "text search configuration", SQLP_O_TEXT_SEARCH },
			   { "text search dictionary", SQLP_O_TEXT_SEARCH },
			   { "text search parser", SQLP_O_TEXT_SEARCH },
			   { "text search template", SQLP_O_TEXT_SEARCH },
			   { "type", SQLP_O_TYPE }, { "transform", SQLP_O_TRANSFORM },
			   { "table", SQLP_O_TABLE }, { "trigger", SQLP_O_TRIGGER },
			   { "tablespace", SQLP_O_TABLESPACE }),
	['u' - 'a'] = KINDS({ "user mapping", SQLP_O_USER_MAPPING }, { "user", SQLP_O_ROLE }),
	['v' - 'a'] = KINDS({ "view", SQLP_O_VIEW }),
	['x' - 'a'] = KINDS({ "xml schema collection", SQLP_O_XML_SCHEMA_COLLECTION }),
};
#undef KINDS

enum sqlp_objkind sqlp__tk_parse_kind(struct cx *c)
{
	const struct kindword *k;
	unsigned letter;

	if (c->t.t != T_WORD)
		return SQLP_O_NONE;
	letter = ((unsigned char)c->t.p[0] | 0x20) - 'a';
	if (letter >= 26 || !kinds[letter])
		return SQLP_O_NONE;
	for (k = kinds[letter]; k->words; k++) {
		/* the first word decides most; accept_seq reads the rest */
		if (!first_word_is(c->t.p, c->t.n, k->words))
			continue;
		if (accept_seq(c, k->words)) {
			/* MySQL: SCHEMA means DATABASE */
			if (k->kind == SQLP_O_SCHEMA && c->d == SQLP_MYSQL)
				return SQLP_O_DATABASE;
			return k->kind;
		}
	}
	return SQLP_O_NONE;
}

/* "ON [ONLY] table" after an index, trigger, rule or policy name. */

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
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "classify.h"

/*
 * Byte classes of the tokenizer, one table per dialect: what starts and
 * continues a word, blanks and what can start a comment, what keeps a
 * word from being a plain lower-case name (name_part's fast path), and
 * punctuation that is always a one-byte token.
 */
#define TK_COMMON                                                                       \
	[' '] = TK_SPACE, ['\t'] = TK_SPACE, ['\n'] = TK_SPACE, ['\r'] = TK_SPACE,       \
	['\f'] = TK_SPACE, ['\v'] = TK_SPACE, ['-'] = TK_BLANK, ['/'] = TK_BLANK,         \
	['a' ... 'z'] = TK_WORD | TK_START, ['_'] = TK_WORD | TK_START,                   \
	['A' ... 'Z'] = TK_WORD | TK_START | TK_NOTPLAIN, ['0' ... '9'] = TK_WORD,        \
	['$'] = TK_WORD | TK_NOTPLAIN, [0x80 ... 0xff] = TK_WORD | TK_START | TK_NOTPLAIN,      \
	['('] = TK_PUNCT, [')'] = TK_PUNCT, [','] = TK_PUNCT, ['.'] = TK_PUNCT,               \
	[';'] = TK_PUNCT, ['='] = TK_PUNCT

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

/*
 * A comment (or a MySQL executable-comment marker) at c->p: skip it and
 * return 1; 0 if none starts there.
 */
static int skip_comment(struct cx *c)
{
	const char *p = c->p, *e = c->e;

	if (p + 1 < e && p[0] == '-' && p[1] == '-' &&
	    (c->d != SQLP_MYSQL || p + 2 == e || (unsigned char)p[2] <= ' ' ||
	     sqlp__unicode_space((const unsigned char *)p + 2, (const unsigned char *)e))) {
		while (p < e && *p != '\n')
			p++;
		c->p = p;
		return 1;
	}
	if (c->d == SQLP_MYSQL && p < e && *p == '#') {
		while (p < e && *p != '\n')
			p++;
		c->p = p;
		return 1;
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
			c->p = q;
			return 1;
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
		c->p = p;
		return 1;
	}
	if (c->exec && p + 1 < e && p[0] == '*' && p[1] == '/') {
		c->exec--;
		c->p = p + 2;
		return 1;
	}
	return 0;
}

/* The next token, from c->p (sqlp__tk_next has set c->prev). */
static __attribute__((noinline)) void tk_any(struct cx *c)
{
	const char *p, *e = c->e;
	unsigned char ch;
	int seen;

	/* whitespace and comments; MySQL executable-comment markers too */
	p = c->p;
	while (p < e && (c->ct[(unsigned char)*p] & (TK_SPACE | TK_BLANK))) {
		if (c->ct[(unsigned char)*p] & TK_SPACE) {
			p++;
			continue;
		}
		c->p = p;
		if (!skip_comment(c))
			break;
		p = c->p;
	}
	c->p = p;
	c->t.p = p;
	if (p >= e) {
		c->t.t = T_END;
		c->t.n = 0;
		return;
	}
	ch = (unsigned char)*p;
	c->t.plain = 0;
	if (c->ct[ch] & TK_START) {
		const char *q = word_end(c, p, e, &seen);

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
			c->t.plain = !seen;
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

/*
 * The next token.  The common ones (blanks then a word or one-byte
 * punctuation) are read here, the rest by tk_any().
 */
void sqlp__tk_next(struct cx *c)
{
	const unsigned char *ct = c->ct;
	const char *p = c->p, *e = c->e;
	unsigned char k;

	c->prev = c->t;
	while (p < e && (ct[(unsigned char)*p] & TK_SPACE))
		p++;
	c->p = p;
	if (p == e) {
		c->t.t = T_END;
		c->t.p = p;
		c->t.n = 0;
		return;
	}
	k = ct[(unsigned char)*p];
	if (k & TK_PUNCT) {
		c->t.t = T_PUNCT;
		c->t.p = p;
		c->t.n = 1;
		c->t.plain = 0;
		c->p = p + 1;
		return;
	}
	if (k & TK_START) {
		int notplain;
		const char *q = word_end(c, p, e, &notplain);

		if (q == e || *q != '\'') {
			c->t.t = T_WORD;
			c->t.p = p;
			c->t.n = (size_t)(q - p);
			c->t.plain = !notplain;
			c->p = q;
			return;
		}
	}
	tk_any(c);
}

int sqlp__tk_rest_has(const struct cx *c, const char *w, size_t n)
{
	return sqlp__tk_rest_from(c->t.t == T_END ? c->e : c->t.p, c->e, w, n);
}

int sqlp__tk_rest_from(const char *q, const char *e, const char *w, size_t n)
{
	unsigned char f = (unsigned char)w[0];
	unsigned char fold = sqlp__is_alpha(f) ? 0x20 : 0;

	if (n == 1 && !fold)
		return memchr(q, f, (size_t)(e - q)) != NULL;
#ifdef __SSE2__
	if (e - q >= 16) {
		const __m128i vf = _mm_set1_epi8((char)f), vfold = _mm_set1_epi8((char)fold);
		unsigned sh = 0;

		for (;;) {
			__m128i x;
			unsigned m;

			if (e - q >= 16)
				x = _mm_loadu_si128((const __m128i *)q);
			else if (q < e)
				x = load_last(q, e, &sh); /* bytes before q were seen */
			else
				return 0;
			m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(x, vfold), vf)) >> sh;
			for (; m; m &= m - 1) {
				const char *at = q + __builtin_ctz(m);

				if ((size_t)(e - at) >= n && kw_prefix(at, n, w))
					return 1;
			}
			if (sh)
				return 0;
			q += 16;
		}
	}
#endif
	for (; (size_t)(e - q) >= n; q++)
		if (((unsigned char)*q | fold) == f && kw_prefix(q, n, w))
			return 1;
	return 0;
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

/*
 * Accept a sequence of keywords separated by spaces ("if not exists"), or
 * nothing.  classify.h's accept_seq() has checked the first word.
 */
int sqlp__tk_accept_seq(struct cx *c, const char *kws)
{
	struct tkpos save;

	tk_save(c, &save);
	while (*kws) {
		size_t n = 0;

		while (kws[n] && kws[n] != ' ')
			n++;
		if (c->t.t != T_WORD || c->t.n != n || !first_word_is(c->t.p, n, kws)) {
			tk_restore(c, &save);
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

/* Advance to the first keyword kw (n bytes) at parenthesis depth 0; 1 if found. */
int sqlp__tk_seek(struct cx *c, const char *kwp, size_t n)
{
	while (c->t.t != T_END) {
		if (is_lit(c, kwp, n))
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
	const char *first;	/* the first keyword (padded: see kw_eq) ... */
	size_t n;		/* ... its length */
	const char *rest;	/* the keywords after it, space-separated, or "" */
	enum sqlp_objkind kind;
};

/*
 * By first letter, in the order they are tried: a longer phrase before a
 * word it starts with ("event trigger" before "event").
 */
#define K(first, rest, kind) { first KW_PAD, sizeof(first) - 1, rest, kind }
#define KINDS(...) (const struct kindword[]){ __VA_ARGS__, { NULL, 0, NULL, SQLP_O_NONE } }
static const struct kindword *const kinds[26] = {
	['a' - 'a'] = KINDS(K("access", "method", SQLP_O_ACCESS_METHOD),
			   K("aggregate", "", SQLP_O_AGGREGATE)),
	['c' - 'a'] = KINDS(K("collation", "", SQLP_O_COLLATION), K("cast", "", SQLP_O_CAST),
			   K("conversion", "", SQLP_O_CONVERSION), K("column", "", SQLP_O_COLUMN),
			   K("constraint", "", SQLP_O_CONSTRAINT)),
	['d' - 'a'] = KINDS(K("database", "", SQLP_O_DATABASE), K("domain", "", SQLP_O_DOMAIN)),
	['e' - 'a'] = KINDS(K("event", "trigger", SQLP_O_EVENT_TRIGGER),
			   K("extension", "", SQLP_O_EXTENSION), K("event", "", SQLP_O_EVENT)),
	['f' - 'a'] = KINDS(K("foreign", "data wrapper", SQLP_O_FDW),
			   K("foreign", "table", SQLP_O_FOREIGN_TABLE),
			   K("fulltext", "catalog", SQLP_O_FULLTEXT_CATALOG),
			   K("fulltext", "index", SQLP_O_FULLTEXT_INDEX),
			   K("function", "", SQLP_O_FUNCTION)),
	['g' - 'a'] = KINDS(K("group", "", SQLP_O_ROLE)),
	['i' - 'a'] = KINDS(K("index", "", SQLP_O_INDEX)),
	['l' - 'a'] = KINDS(K("large", "object", SQLP_O_LARGE_OBJECT),
			   K("language", "", SQLP_O_LANGUAGE), K("login", "", SQLP_O_ROLE)),
	['m' - 'a'] = KINDS(K("materialized", "view", SQLP_O_MATVIEW)),
	['o' - 'a'] = KINDS(K("operator", "class", SQLP_O_OPERATOR),
			   K("operator", "family", SQLP_O_OPERATOR),
			   K("operator", "", SQLP_O_OPERATOR), K("object", "", SQLP_O_TABLE)),
	['p' - 'a'] = KINDS(K("partition", "function", SQLP_O_PARTITION_FUNCTION),
			   K("partition", "scheme", SQLP_O_PARTITION_SCHEME),
			   K("procedural", "language", SQLP_O_LANGUAGE),
			   K("procedure", "", SQLP_O_PROCEDURE), K("proc", "", SQLP_O_PROCEDURE),
			   K("policy", "", SQLP_O_POLICY),
			   K("publication", "", SQLP_O_PUBLICATION)),
	['r' - 'a'] = KINDS(K("routine", "", SQLP_O_FUNCTION), K("rule", "", SQLP_O_RULE),
			   K("role", "", SQLP_O_ROLE)),
	['s' - 'a'] = KINDS(K("security", "policy", SQLP_O_SECURITY_POLICY),
			   K("schema", "", SQLP_O_SCHEMA), K("server", "", SQLP_O_SERVER),
			   K("sequence", "", SQLP_O_SEQUENCE),
			   K("subscription", "", SQLP_O_SUBSCRIPTION),
			   K("statistics", "", SQLP_O_STATISTICS),
			   K("synonym", "", SQLP_O_SYNONYM)),
	['t' - 'a'] = KINDS(K("text", "search configuration", SQLP_O_TEXT_SEARCH),
			   K("text", "search dictionary", SQLP_O_TEXT_SEARCH),
			   K("text", "search parser", SQLP_O_TEXT_SEARCH),
			   K("text", "search template", SQLP_O_TEXT_SEARCH),
			   K("type", "", SQLP_O_TYPE), K("transform", "", SQLP_O_TRANSFORM),
			   K("table", "", SQLP_O_TABLE), K("trigger", "", SQLP_O_TRIGGER),
			   K("tablespace", "", SQLP_O_TABLESPACE)),
	['u' - 'a'] = KINDS(K("user", "mapping", SQLP_O_USER_MAPPING), K("user", "", SQLP_O_ROLE)),
	['v' - 'a'] = KINDS(K("view", "", SQLP_O_VIEW)),
	['x' - 'a'] = KINDS(K("xml", "schema collection", SQLP_O_XML_SCHEMA_COLLECTION)),
};
#undef KINDS
#undef K

enum sqlp_objkind sqlp__tk_parse_kind(struct cx *c)
{
	const struct kindword *k;
	unsigned letter;

	if (c->t.t != T_WORD)
		return SQLP_O_NONE;
	letter = ((unsigned char)c->t.p[0] | 0x20) - 'a';
	if (letter >= 26 || !kinds[letter])
		return SQLP_O_NONE;
	for (k = kinds[letter]; k->first; k++) {
		struct tkpos save;

		if (c->t.n != k->n || !kw_eq(c->t.p, c->s, c->e, k->n, k->first))
			continue;
		tk_save(c, &save);
		next(c);
		if (*k->rest && !sqlp__tk_accept_seq(c, k->rest)) {
			tk_restore(c, &save);
			continue;
		}
		/* MySQL: SCHEMA means DATABASE */
		if (k->kind == SQLP_O_SCHEMA && c->d == SQLP_MYSQL)
			return SQLP_O_DATABASE;
		return k->kind;
	}
	return SQLP_O_NONE;
}

/* "ON [ONLY] table" after an index, trigger, rule or policy name. */

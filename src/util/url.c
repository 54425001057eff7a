/*
 * url.c - database URL parsing, formatting and password redaction.
 *
 * Two grammars: the generic URL (postgres://, sqlserver://, ...) and
 * golang-migrate's mysql:// form, which is a go-sql-driver DSN after the
 * prefix: [user[:password]@][net[(addr)]]/dbname[?params].  Like that
 * driver, the DSN is split at its *last* "/" and the user part at the last
 * "@" before it, so passwords may contain "/" and "@".
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlparse.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *ss_url_unescape(const char *s, size_t len, int plus_is_space)
{
	char *out = ss_xmalloc(len + 1), *o = out;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			*o++ = (char)(hexval((unsigned char)s[i + 1]) * 16 +
				      hexval((unsigned char)s[i + 2]));
			i += 2;
		} else if (plus_is_space && s[i] == '+') {
			*o++ = ' ';
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

void ss_url_escape_query(struct sqlp_buf *buf, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
			sqlp_buf_addch(buf, c);
		else if (c == ' ')
			sqlp_buf_addch(buf, '+');
		else {
			sqlp_buf_addch(buf, '%');
			sqlp_buf_addch(buf, hex[c >> 4]);
			sqlp_buf_addch(buf, hex[c & 15]);
		}
	}
}

static void add_param(struct ss_url *url, char *key, char *value)
{
	url->params = ss_xgrow(url->params, url->nparams + 1, &url->alloc_params,
			       sizeof(*url->params));
	url->params[url->nparams].key = key;
	url->params[url->nparams].value = value;
	url->nparams++;
}

static void parse_query(struct ss_url *url, const char *q)
{
	while (*q) {
		size_t n = strcspn(q, "&;");
		const char *eq = memchr(q, '=', n);

		if (n > 0) {
			if (eq)
				add_param(url, ss_url_unescape(q, (size_t)(eq - q), 1),
					  ss_url_unescape(eq + 1, n - (size_t)(eq - q) - 1, 1));
			else
				add_param(url, ss_url_unescape(q, n, 1), ss_xstrdup(""));
		}
		q += n;
		if (*q)
			q++;
	}
}

/* user[:password] of len bytes. */
static void parse_userinfo(struct ss_url *url, const char *s, size_t len)
{
	const char *colon = memchr(s, ':', len);

	if (colon) {
		url->user = ss_url_unescape(s, (size_t)(colon - s), 0);
		url->password = ss_url_unescape(colon + 1, len - (size_t)(colon - s) - 1, 0);
	} else {
		url->user = ss_url_unescape(s, len, 0);
	}
}

/* host[:port] or [v6]:port of len bytes. */
static int parse_hostport(struct ss_url *url, const char *s, size_t len, struct ss_err *err)
{
	const char *colon;

	if (len == 0)
		return 0;
	if (s[0] == '[') {
		const char *close = memchr(s, ']', len);

		if (!close)
			return ss_err_set(err, SS_ERR_PARSE,
					  "invalid URL: missing ']' in IPv6 host");
		url->host = ss_xstrndup(s + 1, (size_t)(close - s - 1));
		if ((size_t)(close - s) + 1 < len) {
			if (close[1] != ':')
				return ss_err_set(err, SS_ERR_PARSE,
						  "invalid URL: unexpected text after IPv6 host");
			url->port = ss_xstrndup(close + 2, len - (size_t)(close - s) - 2);
		}
	} else {
		colon = memchr(s, ':', len);
		if (colon) {
			url->host = ss_url_unescape(s, (size_t)(colon - s), 0);
			url->port = ss_xstrndup(colon + 1, len - (size_t)(colon - s) - 1);
		} else {
			url->host = ss_url_unescape(s, len, 0);
		}
	}
	if (url->port) {
		if (!*url->port) {
			free(url->port);
			url->port = NULL;
		} else {
			for (const char *p = url->port; *p; p++)
				if (!isdigit((unsigned char)*p))
					return ss_err_set(err, SS_ERR_PARSE,
							  "invalid URL: port '%s' is not a number",
							  url->port);
		}
	}
	return 0;
}

static int parse_generic(struct ss_url *url, const char *rest, struct ss_err *err)
{
	size_t alen = strcspn(rest, "/?#");
	const char *at = NULL, *p;

	for (p = rest; p < rest + alen; p++)
		if (*p == '@')
			at = p;
	if (at) {
		parse_userinfo(url, rest, (size_t)(at - rest));
		if (parse_hostport(url, at + 1, (size_t)(rest + alen - at - 1), err))
			return -1;
	} else if (parse_hostport(url, rest, alen, err)) {
		return -1;
	}
	p = rest + alen;
	if (*p == '/') {
		size_t plen = strcspn(p, "?#");

		url->path = ss_url_unescape(p, plen, 0);
		p += plen;
	}
	if (*p == '?') {
		size_t qlen = strcspn(p + 1, "#");
		char *q = ss_xstrndup(p + 1, qlen);

		parse_query(url, q);
		free(q);
	}
	return 0;
}

/* The DSN split at slash, the one before the database name. */
static int parse_mysql_dsn_at(struct ss_url *url, const char *dsn, const char *slash,
			      struct ss_err *err)
{
	const char *at = NULL, *addr, *addr_end, *p;

	for (p = dsn; p < slash; p++)
		if (*p == '@')
			at = p;
	if (at)
		parse_userinfo(url, dsn, (size_t)(at - dsn));
	addr = at ? at + 1 : dsn;
	addr_end = slash;
	if (memchr(addr, '?', (size_t)(addr_end - addr)) || memchr(addr, '=', (size_t)(addr_end - addr)))
		return ss_err_set(err, SS_ERR_PARSE, "invalid DSN: a parameter before the database name");
	if (addr < addr_end) {
		const char *open = memchr(addr, '(', (size_t)(addr_end - addr));

		if (open) {
			if (addr_end[-1] != ')')
				return ss_err_set(err, SS_ERR_PARSE,
						  "invalid DSN: network address not terminated (missing closing brace)");
			url->net = ss_xstrndup(addr, (size_t)(open - addr));
			if (!strcmp(url->net, "unix")) {
				url->socket = ss_xstrndup(open + 1, (size_t)(addr_end - open - 2));
			} else if (parse_hostport(url, open + 1, (size_t)(addr_end - open - 2), err)) {
				return -1;
			}
		} else {
			url->net = ss_xstrndup(addr, (size_t)(addr_end - addr));
		}
	}
	p = slash + 1;
	{
		size_t dlen = strcspn(p, "?");

		url->path = ss_xmalloc(dlen + 2);
		url->path[0] = '/';
		memcpy(url->path + 1, p, dlen);
		url->path[dlen + 1] = '\0';
		p += dlen;
	}
	if (*p == '?')
		parse_query(url, p + 1);
	return 0;
}

/* Free what a failed parse_mysql_dsn_at() filled in, keeping the scheme. */
static void clear_parts(struct ss_url *url)
{
	char *scheme = url->scheme;

	url->scheme = NULL;
	ss_url_release(url);
	url->scheme = scheme;
}

static int parse_mysql_dsn(struct ss_url *url, const char *dsn, struct ss_err *err)
{
	struct ss_err first = SS_ERR_INIT;
	size_t i = strlen(dsn);

	/*
	 * go-sql-driver splits at the last "/", so a "/" in a parameter value
	 * (x-tls-ca=/etc/ca.pem) breaks the DSN there, and in golang-migrate,
	 * unless it is written %2F.  Where that split fails, try the slashes
	 * before it: a DSN that parses there parses the same here.
	 */
	while (i-- > 0) {
		struct ss_err e = SS_ERR_INIT;

		if (dsn[i] != '/')
			continue;
		if (!parse_mysql_dsn_at(url, dsn, dsn + i, &e)) {
			ss_err_release(&first);
			return 0;
		}
		clear_parts(url);
		if (ss_err_isset(&first))
			ss_err_release(&e);
		else
			ss_err_move(&first, &e);
	}
	if (!ss_err_isset(&first))
		return ss_err_set(err, SS_ERR_PARSE,
				  "invalid DSN: missing the slash separating the database name");
	ss_err_move(err, &first);
	return -1;
}

int ss_url_parse(const char *text, struct ss_url *url, struct ss_err *err)
{
	const char *colon, *rest;

	memset(url, 0, sizeof(*url));
	if (!text || !*text)
		return ss_err_set(err, SS_ERR_USAGE, "database URL cannot be empty");
	colon = strchr(text, ':');
	if (!colon || colon == text)
		return ss_err_set(err, SS_ERR_PARSE, "invalid database URL: no scheme");
	for (const char *p = text; p < colon; p++)
		if (!isalnum((unsigned char)*p) && *p != '+' && *p != '-' && *p != '.')
			return ss_err_set(err, SS_ERR_PARSE,
					  "invalid database URL: bad character in scheme");
	url->scheme = ss_xstrndup(text, (size_t)(colon - text));
	for (char *p = url->scheme; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strncmp(colon, "://", 3)) {
		ss_url_release(url);
		return ss_err_set(err, SS_ERR_PARSE,
				  "invalid database URL: expected '://' after the scheme");
	}
	rest = colon + 3;
	if (!strcmp(url->scheme, "mysql") ? parse_mysql_dsn(url, rest, err)
					   : parse_generic(url, rest, err)) {
		ss_url_release(url);
		return -1;
	}
	return 0;
}

void ss_url_release(struct ss_url *url)
{
	free(url->scheme);
	free(url->user);
	free(url->password);
	free(url->host);
	free(url->port);
	free(url->path);
	free(url->net);
	free(url->socket);
	for (size_t i = 0; i < url->nparams; i++) {
		free(url->params[i].key);
		free(url->params[i].value);
	}
	free(url->params);
	memset(url, 0, sizeof(*url));
}

const char *ss_url_param(const struct ss_url *url, const char *key)
{
	for (size_t i = url->nparams; i-- > 0;)
		if (!strcmp(url->params[i].key, key))
			return url->params[i].value;
	return NULL;
}

size_t ss_url_remove_param(struct ss_url *url, const char *key)
{
	size_t kept = 0, removed = 0;

	for (size_t i = 0; i < url->nparams; i++) {
		if (!strcmp(url->params[i].key, key)) {
			free(url->params[i].key);
			free(url->params[i].value);
			removed++;
		} else {
			url->params[kept++] = url->params[i];
		}
	}
	url->nparams = kept;
	return removed;
}

void ss_url_set_param(struct ss_url *url, const char *key, const char *value)
{
	ss_url_remove_param(url, key);
	add_param(url, ss_xstrdup(key), ss_xstrdup(value));
}

const char *ss_url_dbname(const struct ss_url *url)
{
	if (!url->path || !url->path[0] || !url->path[1])
		return NULL;
	return url->path + 1;
}

static int secret_param(const char *key)
{
	static const char *const secrets[] = {
		"password", "pwd", "sslpassword", "passfile", "x-tls-key", NULL
	};

	for (int i = 0; secrets[i]; i++)
		if (!strcasecmp(key, secrets[i]))
			return 1;
	return 0;
}

/* Userinfo characters that must be escaped to survive a reparse. */
static void add_userinfo_part(struct sqlp_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '@' || c == ':' || c == '/' || c == '?' || c == '#' || c == '%' ||
		    c <= ' ' || c >= 0x7f) {
			sqlp_buf_addch(b, '%');
			sqlp_buf_addch(b, hex[c >> 4]);
			sqlp_buf_addch(b, hex[c & 15]);
		} else {
			sqlp_buf_addch(b, c);
		}
	}
}

char *ss_url_format(const struct ss_url *url, int redact)
{
	struct sqlp_buf b = SQLP_BUF_INIT;
	int mysql = !strcmp(url->scheme, "mysql");

	sqlp_buf_addf(&b, "%s://", url->scheme);
	if (url->user || url->password) {
		add_userinfo_part(&b, url->user ? url->user : "");
		if (url->password) {
			sqlp_buf_addch(&b, ':');
			if (redact)
				sqlp_buf_addstr(&b, SS_URL_REDACTED);
			else
				add_userinfo_part(&b, url->password);
		}
		sqlp_buf_addch(&b, '@');
	}
	if (mysql && url->net) {
		sqlp_buf_addstr(&b, url->net);
		if (url->socket)
			sqlp_buf_addf(&b, "(%s)", url->socket);
		else if (url->host)
			sqlp_buf_addch(&b, '(');
	}
	if (url->host) {
		if (strchr(url->host, ':'))
			sqlp_buf_addf(&b, "[%s]", url->host);
		else
			sqlp_buf_addstr(&b, url->host);
		if (url->port)
			sqlp_buf_addf(&b, ":%s", url->port);
		if (mysql && url->net && !url->socket)
			sqlp_buf_addch(&b, ')');
	}
	if (url->path)
		sqlp_buf_addstr(&b, url->path);
	for (size_t i = 0; i < url->nparams; i++) {
		sqlp_buf_addch(&b, i ? '&' : '?');
		ss_url_escape_query(&b, url->params[i].key);
		sqlp_buf_addch(&b, '=');
		if (redact && secret_param(url->params[i].key))
			sqlp_buf_addstr(&b, SS_URL_REDACTED);
		else
			ss_url_escape_query(&b, url->params[i].value);
	}
	ss_buf_check(&b);
	return sqlp_buf_detach(&b, NULL);
}

/*
 * Redact text that may not parse: blank the password between the first
 * ':' after "://" and the last '@' before the query, then any secret
 * query parameter.
 */
char *ss_url_redact(const char *text)
{
	struct sqlp_buf b = SQLP_BUF_INIT;
	const char *sep = strstr(text, "://");
	const char *query, *at = NULL, *colon = NULL, *p;

	if (!sep) {
		sqlp_buf_addstr(&b, text);
		ss_buf_check(&b);
		return sqlp_buf_detach(&b, NULL);
	}
	/*
	 * The user info ends at the last '@' before the last '/' (or at the last
	 * '@' when there is no '/'): a password may hold an unencoded '?', '/'
	 * or '@' the parser would read otherwise, and must not be shown then
	 * either.  A '@' in a query value can only make this hide more.
	 */
	{
		const char *slash = strrchr(sep + 3, '/');
		const char *end = slash ? slash : text + strlen(text);

		for (p = sep + 3; p < end; p++)
			if (*p == '@')
				at = p;
		/* no '@' before the last '/': the password may hold that '/'; an
		   '@' after a "key=" of a query is not user info */
		if (!at && slash)
			for (p = slash; *p; p++) {
				const char *q = memchr(sep + 3, '?', (size_t)(p - sep - 3));

				if (*p == '@' && (!q || !memchr(q, '=', (size_t)(p - q))))
					at = p;
			}
	}
	query = strchr(at ? at : sep + 3, '?');
	if (!query)
		query = text + strlen(text);
	if (at)
		colon = memchr(sep + 3, ':', (size_t)(at - sep - 3));
	if (colon) {
		sqlp_buf_add(&b, text, (size_t)(colon - text) + 1);
		sqlp_buf_addstr(&b, SS_URL_REDACTED);
		sqlp_buf_add(&b, at, (size_t)(query - at));
	} else {
		sqlp_buf_add(&b, text, (size_t)(query - text));
	}
	p = query;
	while (*p) {
		size_t n = strcspn(p + 1, "&;");
		const char *eq = memchr(p + 1, '=', n);

		sqlp_buf_addch(&b, *p);
		if (eq) {
			char *key = ss_url_unescape(p + 1, (size_t)(eq - p - 1), 1);

			sqlp_buf_add(&b, p + 1, (size_t)(eq - p));
			if (secret_param(key))
				sqlp_buf_addstr(&b, SS_URL_REDACTED);
			else
				sqlp_buf_add(&b, eq + 1, n - (size_t)(eq - p));
			free(key);
		} else {
			sqlp_buf_add(&b, p + 1, n);
		}
		p += 1 + n;
	}
	ss_buf_check(&b);
	return sqlp_buf_detach(&b, NULL);
}

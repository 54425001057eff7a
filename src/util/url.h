/*
 * url.h - database URLs: postgres://, postgresql://, mysql:// (the
 * golang-migrate / go-sql-driver DSN form), sqlserver://, and any other
 * scheme in the generic form scheme://user:pass@host:port/path?query.
 *
 * All strings in struct ss_url are owned by it, percent-decoded, and freed
 * by ss_url_release.  Query parameters keep their order and duplicates.
 * Passwords never reach a log: print URLs with ss_url_redact().
 */
#ifndef SS_URL_H
#define SS_URL_H

#include <stddef.h>

struct ss_err;

struct ss_url_param {
	char *key;		/* decoded */
	char *value;		/* decoded ("+" is a space, as in Go) */
};

struct ss_url {
	char *scheme;		/* lower-cased scheme, without "://" */
	char *user;		/* NULL when absent */
	char *password;		/* NULL when absent (":" with nothing after is "") */
	char *host;		/* NULL when absent; IPv6 without brackets */
	char *port;		/* NULL when absent */
	char *path;		/* with its leading "/", NULL when absent */
	char *net;		/* mysql only: "tcp", "unix" or NULL */
	char *socket;		/* mysql only: unix(socket path) */
	struct ss_url_param *params;
	size_t nparams, alloc_params;
};

#define SS_URL_REDACTED "xxxxx"

/* Parse text into url (which the caller has not initialised). */
int ss_url_parse(const char *text, struct ss_url *url, struct ss_err *err);
void ss_url_release(struct ss_url *url);

/* Value of the last parameter named key, or NULL (borrowed). */
const char *ss_url_param(const struct ss_url *url, const char *key);
/* Replace every parameter named key by one with value (appended if absent). */
void ss_url_set_param(struct ss_url *url, const char *key, const char *value);
/* Remove every parameter named key; returns how many were removed. */
size_t ss_url_remove_param(struct ss_url *url, const char *key);
/* The database name: path without "/" (or the mysql dbname), NULL if none. */
const char *ss_url_dbname(const struct ss_url *url);

/*
 * Format the URL back to text (malloc'd).  With redact, the password and
 * password-like parameters are replaced by SS_URL_REDACTED.
 */
char *ss_url_format(const struct ss_url *url, int redact);
/*
 * Redact a URL given as text, even one that does not parse (malloc'd).
 * Used before any URL reaches a message or a log.
 */
char *ss_url_redact(const char *text);

/* Percent-decode len bytes (plus_is_space for query parts); malloc'd. */
char *ss_url_unescape(const char *s, size_t len, int plus_is_space);
/* Append s percent-encoded for a query component to buf. */
struct sqlp_buf;
void ss_url_escape_query(struct sqlp_buf *buf, const char *s);

#endif /* SS_URL_H */

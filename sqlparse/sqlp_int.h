/*
 * sqlp_int.h - what the files of libsqlparse share; not part of the API.
 *
 * lexer.c splits, classify.c names what it split, detect.c guesses the
 * dialect, text.c holds the byte-level helpers (position counting, keyword
 * comparison).  Names start with sqlp__ so they cannot clash with the
 * public sqlp_ ones.
 */
#ifndef SQLP_INT_H
#define SQLP_INT_H

#include <stddef.h>
#include <stdint.h>

#include "sqlparse.h"

/* COPY data comes out in pieces of about this size, cut at line ends. */
#define SQLP_PIECE 65536
/* Longest MySQL DELIMITER accepted (the mysql client takes 16 bytes). */
#define SQLP_DELIM_MAX 64
/* Auto-detection reads this much input before deciding. */
#define SQLP_DETECT_BYTES 65536

/* Bytes that may continue an unquoted identifier: [A-Za-z0-9_$] and any
 * byte >= 0x80 (PostgreSQL and MySQL accept non-ASCII letters). */
extern const unsigned char sqlp__identc[256];
#define sqlp__is_ident(c) (sqlp__identc[(unsigned char)(c)])
#define sqlp__is_alpha(c) ((((unsigned)(c) | 0x20) - 'a') < 26)
#define sqlp__is_digit(c) (((unsigned)(c) - '0') < 10)
#define sqlp__is_space(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' || \
			   (c) == '\f' || (c) == '\v')

/* UTF-8 characters in p[0..n) (bytes that are not 10xxxxxx). */
size_t sqlp__count_chars(const unsigned char *p, size_t n);
/* A position: line and column (returned in registers, not through memory). */
struct sqlp__lc {
	unsigned line, col;
};
/* Move at over p[0..n), as sqlp_advance() does; the bytes from lo (<= p)
 * on may be read. */
struct sqlp__lc sqlp__advance(const unsigned char *lo, const unsigned char *p, size_t n,
			      struct sqlp__lc at);

/*
 * The first backslash in p[0..e) that starts a line (bol: p[0] does), or
 * e; adds the newlines before it to *nl.  COPY data ends at a line "\.",
 * so this is the only byte pattern that data can hide it behind.
 */
const unsigned char *sqlp__line_backslash(const unsigned char *p, const unsigned char *e, int bol,
					  size_t *nl);

/* Length of the UTF-8 Unicode space character at p (NBSP, U+2000-U+200A,
 * U+2028/9, U+202F, U+205F, U+3000, U+1680), 0 if none is there. */
int sqlp__unicode_space(const unsigned char *p, const unsigned char *e);

/* Nonzero if the n bytes at w equal kw (lower-case ASCII), ignoring case. */
static inline int sqlp__kw(const void *w, size_t n, const char *kw)
{
	const unsigned char *s = w;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c |= 0x20;
		if (c != (unsigned char)kw[i] || !kw[i])
			return 0;
	}
	return kw[n] == '\0';
}

/*
 * Classify text (lexer internals): like sqlp_classify, and also applies
 * the statement's effect on the session state (SET
 * standard_conforming_strings, SET sql_mode, SET QUOTED_IDENTIFIER) to
 * *session; *saved keeps MySQL's @OLD_SQL_MODE idiom.  Sets
 * SQLP_F_COPY_STDIN on a COPY that reads data from the script.
 */
int sqlp__classify(enum sqlp_dialect d, const char *text, size_t len, unsigned *session,
		   unsigned *saved, struct sqlp_item *it, struct sqlp_buf *names);

/*
 * sqlp_classify() by the rules of classify.c alone, without the fast path
 * for common pg_dump statements (fastpath.c): the tests compare the two.
 */
int sqlp__classify_rules(enum sqlp_dialect d, const char *text, size_t len, unsigned session,
			 struct sqlp_item *item, struct sqlp_buf *names);

/*
 * Guess the dialect of the n bytes at p (the first 64 KiB of the decoded
 * input); utf16 says the input was UTF-16.  Writes the markers found to
 * reason.  Returns SQLP_AUTO when markers of two dialects tie.
 */
enum sqlp_dialect sqlp__detect(const unsigned char *p, size_t n, int utf16, char *reason,
			       size_t reason_size);

#endif /* SQLP_INT_H */

/*
 * sqlparse.h - the one public header of libsqlparse.
 *
 * libsqlparse splits SQL scripts (PostgreSQL/psql, MySQL/MariaDB, T-SQL)
 * into statements and classifies them.  It depends on nothing but libc,
 * never prints and never exits: every failure is reported to the caller.
 *
 * Ownership: functions that return allocated memory say so; pointers
 * handed to callbacks or returned by accessors are borrowed and live until
 * the next call on the same object unless stated otherwise.
 */
#ifndef SQLPARSE_H
#define SQLPARSE_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------
 * struct sqlp_buf: a growable byte buffer (shared with src/).
 *
 * Invariants: data is never NULL and always NUL-terminated (data[len] ==
 * 0); it may hold NUL bytes.  A buffer that failed to grow (out of memory
 * or over its optional limit) is marked failed, and every later append is
 * a no-op, so a caller can append freely and check sqlp_buf_failed() once.
 * ------------------------------------------------------------------- */
struct sqlp_buf {
	char *data;	/* never NULL; points to a shared "" until first growth */
	size_t len;	/* bytes in use, excluding the terminating NUL */
	size_t cap;	/* bytes allocated, 0 while data is the shared "" */
	size_t limit;	/* maximum len, 0 for none */
	int failed;	/* set once a growth failed; appends then do nothing */
};

extern char sqlp_buf_empty[];
#define SQLP_BUF_INIT { sqlp_buf_empty, 0, 0, 0, 0 }

/* Initialise an empty buffer; allocates nothing. */
void sqlp_buf_init(struct sqlp_buf *b);
/* Free the contents and re-initialise (the limit is kept). */
void sqlp_buf_release(struct sqlp_buf *b);
/* Make room for extra more bytes; 0 on success, -1 (and failed set) if not. */
int sqlp_buf_grow(struct sqlp_buf *b, size_t extra);
/* Append bytes, a string, one byte, or printf-formatted text. */
void sqlp_buf_add(struct sqlp_buf *b, const void *data, size_t len);
void sqlp_buf_addstr(struct sqlp_buf *b, const char *s);
void sqlp_buf_addch(struct sqlp_buf *b, int c);
void sqlp_buf_addf(struct sqlp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sqlp_buf_vaddf(struct sqlp_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Drop the first n bytes (n > len empties the buffer). */
void sqlp_buf_consume(struct sqlp_buf *b, size_t n);
/* Set len to n (n <= len) keeping the allocation. */
void sqlp_buf_truncate(struct sqlp_buf *b, size_t n);
#define sqlp_buf_reset(b) sqlp_buf_truncate((b), 0)
/* Nonzero once an append failed. */
#define sqlp_buf_failed(b) ((b)->failed)
/*
 * Hand the bytes to the caller, who frees them with free(); the buffer is
 * re-initialised.  Returns a malloc'd "" for an empty buffer, or NULL if
 * the buffer had failed or that allocation fails.  *len_out may be NULL.
 */
char *sqlp_buf_detach(struct sqlp_buf *b, size_t *len_out);

#ifdef __cplusplus
}
#endif

#endif /* SQLPARSE_H */

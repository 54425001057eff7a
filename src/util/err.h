/*
 * err.h - the error value every fallible function in src/ fills.
 *
 * Convention: a function that can fail returns 0 on success and -1 on
 * failure, takes "struct ss_err *err" as its last argument and writes it
 * only on failure.  The first error written wins, so calls may be chained
 * with || and checked once.  Only src/cli prints errors (ss_err_print).
 */
#ifndef SS_ERR_H
#define SS_ERR_H

#include <stdarg.h>

enum ss_err_kind {
	SS_ERR_NONE = 0,
	SS_ERR_USAGE,		/* bad command line: exit status 2 */
	SS_ERR_IO,		/* files, archives, pipes */
	SS_ERR_PARSE,		/* SQL, URL or file-name syntax */
	SS_ERR_CONNECT,		/* cannot reach or log in to a server */
	SS_ERR_SQL,		/* the server rejected a statement */
	SS_ERR_LOCK,		/* migration lock not acquired */
	SS_ERR_DIRTY,		/* tracking table says dirty */
	SS_ERR_UNSUPPORTED,	/* engine or feature not built in */
	SS_ERR_INTERNAL,
	SS_ERR_KIND_COUNT
};

struct ss_err {
	enum ss_err_kind kind;	/* SS_ERR_NONE while no error was recorded */
	char *msg;		/* one line, lower-case start, no final period */
	char *file;		/* optional locus: file name ... */
	unsigned line;		/* ... 1-based line, 0 if unknown ... */
	unsigned column;	/* ... 1-based column, 0 if unknown */
	char *detail;		/* optional extra lines */
	char *hint;		/* optional advice */
	char sqlstate[6];	/* SQLSTATE from the server, "" if none */
	long server_code;	/* engine error number (MySQL, SQL Server), 0 if none */
	int exit_status;	/* nonzero overrides the default exit status */
};

#define SS_ERR_INIT { SS_ERR_NONE, NULL, NULL, 0, 0, NULL, NULL, "", 0, 0 }

void ss_err_init(struct ss_err *err);
/* Free the strings and re-initialise. */
void ss_err_release(struct ss_err *err);
/* Nonzero when an error has been recorded. */
#define ss_err_isset(err) ((err)->kind != SS_ERR_NONE)

/*
 * Record an error of the given kind; does nothing if err is NULL or one is
 * already recorded.  Always returns -1 so callers can "return ss_err_set(...)".
 */
int ss_err_set(struct ss_err *err, enum ss_err_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int ss_err_vset(struct ss_err *err, enum ss_err_kind kind, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* Same, with a file:line:column locus (line/column 0 = unknown). */
int ss_err_set_at(struct ss_err *err, enum ss_err_kind kind, const char *file,
		  unsigned line, unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Attach detail / hint text to the recorded error (replaces earlier text). */
void ss_err_detail(struct ss_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ss_err_hint(struct ss_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Set or replace the locus of the recorded error. */
void ss_err_locate(struct ss_err *err, const char *file, unsigned line, unsigned column);
/* Prefix the message: "PREFIX: old message". */
void ss_err_prefix(struct ss_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Move src's error into dst (if dst has none); src is released. */
void ss_err_move(struct ss_err *dst, struct ss_err *src);

/* Exit status for an error: 2 for usage, exit_status if set, else 1. */
int ss_err_exit_status(const struct ss_err *err);
/* Short name of a kind ("sql", "lock", ...), for JSON logs. */
const char *ss_err_kind_name(enum ss_err_kind kind);

#endif /* SS_ERR_H */

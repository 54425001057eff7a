/*
 * xmalloc.h - allocation that cannot fail: on out-of-memory the process
 * prints one line and exits 1 (after running the cleanup list).  Used
 * throughout src/; sqlparse reports allocation failure instead.
 */
#ifndef SS_XMALLOC_H
#define SS_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *ss_xmalloc(size_t size);
void *ss_xcalloc(size_t n, size_t size);
void *ss_xrealloc(void *p, size_t size);
char *ss_xstrdup(const char *s);
char *ss_xstrndup(const char *s, size_t n);
char *ss_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *ss_xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Grow an array of nmemb elements of size to hold at least need; updates *alloc. */
void *ss_xgrow(void *p, size_t need, size_t *alloc, size_t size);
/* Abort on a failed sqlp_buf (out of memory). */
struct sqlp_buf;
void ss_buf_check(const struct sqlp_buf *b);

/* A growable array of owned strings. */
struct ss_strlist {
	char **items;
	size_t n, alloc;
};
#define SS_STRLIST_INIT { NULL, 0, 0 }
void ss_strlist_push(struct ss_strlist *l, const char *s);
void ss_strlist_push_owned(struct ss_strlist *l, char *s);
void ss_strlist_release(struct ss_strlist *l);

#endif /* SS_XMALLOC_H */

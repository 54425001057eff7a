/*
 * source.h - where migration files come from.
 *
 *   file://DIR  (and migrate's -path DIR)   a directory on disk
 *   archive://FILE[?dir=SUB]                a tar, tar.gz, tar.zst, zip ...
 *                                           read through libarchive
 *
 * A source lists its files once, when it is opened (as golang-migrate's
 * file source does): the regular files directly inside the directory, or
 * directly inside SUB in the archive.  Sub-directories are not entered.
 * Names are sorted bytewise, the order Go's directory listing gives, so
 * "the second file seen" means the same thing here as there.
 *
 * Ownership: ss_source_open returns a source the caller frees with
 * ss_source_free; names and the strings it returns stay valid until then.
 */
#ifndef SS_SOURCE_H
#define SS_SOURCE_H

#include <stddef.h>

#include "util/xmalloc.h"

struct ss_err;
struct sqlp_buf;
struct ss_source;

struct ss_source_ops {
	const char *scheme;	/* "file", "archive" */
	/* Append the bytes of file i to out. */
	int (*read)(struct ss_source *src, size_t i, struct sqlp_buf *out, struct ss_err *err);
	void (*free)(struct ss_source *src);
};

struct ss_source {
	const struct ss_source_ops *ops;
	char *url;		/* the URL as given (for messages) */
	char *display;		/* "DIR" or "FILE!SUB": the prefix of file loci */
	struct ss_strlist names;	/* base names, sorted bytewise */
};

/*
 * Open a source URL.  Errors read as golang-migrate's where it has one
 * ("open /x/.: no such file or directory"); the caller adds the
 * "failed to open source" prefix.  An archive with an entry whose path is
 * absolute or has a ".." component is refused as a whole.
 */
int ss_source_open(const char *url, struct ss_source **out, struct ss_err *err);

/* The scheme part of a source URL, golang-migrate style: -1 and err when
 * the URL is empty or has none.  *len gets its length. */
int ss_source_scheme(const char *url, size_t *len, struct ss_err *err);

/* Append file i's bytes to out (nothing else is changed in out). */
int ss_source_read(struct ss_source *src, size_t i, struct sqlp_buf *out, struct ss_err *err);

/* "DIR/NAME" or "ARCHIVE!SUB/NAME" for messages; malloc'd. */
char *ss_source_path(const struct ss_source *src, size_t i);

/* NULL is allowed. */
void ss_source_free(struct ss_source *src);

/* Used by the implementations (source.c). */
struct ss_source *ss_source_alloc(const struct ss_source_ops *ops, size_t size, const char *url);
void ss_source_sort_names(struct ss_source *src);
/* Path of a file:// or archive:// URL after the scheme, Go net/url style:
 * opaque part, else host + path, percent-decoded; "" means the CWD. */
char *ss_source_url_path(const char *url, size_t scheme_len, char **query);

int ss_source_dir_open(const char *url, const char *path, struct ss_source **out,
		       struct ss_err *err);
int ss_source_archive_open(const char *url, const char *path, const char *subdir,
			   struct ss_source **out, struct ss_err *err);

#endif /* SS_SOURCE_H */

/*
 * outfile.h - an output file of ssync filter that appears complete or not
 * at all: the body is written to a temporary file (beside the target, or
 * in $TMPDIR for standard output), and commit puts the header in front
 * and renames it into place (or copies it to standard output).  Until
 * then nothing is visible; an error or a signal removes the temporary
 * files (cleanup list).
 */
#ifndef SS_FILTER_OUTFILE_H
#define SS_FILTER_OUTFILE_H

#include <stddef.h>

struct ss_err;

struct ss_outfile {
	char *path;		/* the target, NULL for standard output */
	int in_place;		/* path is a device or a pipe (/dev/null, a FIFO): no rename */
	char *body;		/* temporary file holding the body */
	char *tmp;		/* temporary name of the finished file */
	int fd;			/* body, open for writing */
	char *buf;		/* write buffer */
	size_t blen;
	int cleanup;		/* cleanup-list handle, -1 none */
	unsigned long long bytes;
};

/* Open; path NULL or "-" means standard output. */
int ss_outfile_open(struct ss_outfile *o, const char *path, struct ss_err *err);
/* Append to the body (a struct ss_filter_sink write function; ctx is the outfile). */
int ss_outfile_write(void *ctx, const char *data, size_t len, struct ss_err *err);
/* Header + body -> the target.  The outfile is closed either way. */
int ss_outfile_commit(struct ss_outfile *o, const char *header, size_t hlen,
		      struct ss_err *err);
/* Remove the temporary files and forget everything (no-op after commit). */
void ss_outfile_abort(struct ss_outfile *o);
/* The name to show in messages. */
const char *ss_outfile_name(const struct ss_outfile *o);

#endif /* SS_FILTER_OUTFILE_H */

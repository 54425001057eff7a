/*
 * outfile.c - see outfile.h.
 */
#define _GNU_SOURCE 1
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "filter/outfile.h"
#include "util/cleanup.h"
#include "util/err.h"
#include "util/outpath.h"
#include "util/xmalloc.h"

#define OUTBUF (256 * 1024)

const char *ss_outfile_name(const struct ss_outfile *o)
{
	return o->path ? o->path : "standard output";
}

static void remove_tmps(void *arg)
{
	struct ss_outfile *o = arg;

	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	if (o->body)
		unlink(o->body);
	if (o->tmp)
		unlink(o->tmp);
}

static void forget(struct ss_outfile *o)
{
	free(o->path);
	free(o->body);
	free(o->tmp);
	free(o->buf);
	o->path = o->body = o->tmp = o->buf = NULL;
	o->fd = -1;
}

/* A temporary file named after pattern (ending in XXXXXX); fd or -1. */
static int make_tmp(char *pattern)
{
	int fd = mkstemp(pattern);

	if (fd >= 0)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

int ss_outfile_open(struct ss_outfile *o, const char *path, struct ss_err *err)
{
	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->cleanup = -1;
	if (path && strcmp(path, "-")) {
		struct stat st;

		if (!stat(path, &st) && S_ISDIR(st.st_mode))
			return ss_err_set(err, SS_ERR_USAGE, "'%s' is a directory", path);
		o->path = ss_xstrdup(path);
		o->in_place = ss_outpath_in_place(path);
	}
	if (o->path && !o->in_place) {
		const char *slash = strrchr(path, '/');
		int dl = slash ? (int)(slash - path + 1) : 0;

		o->body = ss_xasprintf("%.*s.%s.body.XXXXXX", dl, path, path + dl);
	} else {
		const char *td = getenv("TMPDIR");

		o->body = ss_xasprintf("%s/ssync-filter.XXXXXX", td && *td ? td : "/tmp");
	}
	o->fd = make_tmp(o->body);
	if (o->fd < 0) {
		int e = errno;

		ss_err_set(err, SS_ERR_IO, "cannot create a temporary file for '%s': %s",
			   ss_outfile_name(o), strerror(e));
		forget(o);
		return -1;
	}
	o->cleanup = ss_cleanup_push(remove_tmps, o);
	o->buf = ss_xmalloc(OUTBUF);
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int flush_buf(struct ss_outfile *o, struct ss_err *err)
{
	if (o->blen && write_all(o->fd, o->buf, o->blen))
		return ss_err_set(err, SS_ERR_IO, "cannot write '%s': %s", ss_outfile_name(o),
				  strerror(errno));
	o->blen = 0;
	return 0;
}

int ss_outfile_write(void *ctx, const char *data, size_t len, struct ss_err *err)
{
	struct ss_outfile *o = ctx;

	o->bytes += len;
	if (o->blen + len > OUTBUF) {
		if (flush_buf(o, err))
			return -1;
		if (len > OUTBUF / 2) {
			if (write_all(o->fd, data, len))
				return ss_err_set(err, SS_ERR_IO, "cannot write '%s': %s",
						  ss_outfile_name(o), strerror(errno));
			return 0;
		}
	}
	memcpy(o->buf + o->blen, data, len);
	o->blen += len;
	return 0;
}

/* Copy the body (from offset 0) to fd. */
static int copy_body(struct ss_outfile *o, int in, int out)
{
	off_t off = 0;
	char *buf = o->buf;
	ssize_t r;

	for (;;) {
		ssize_t c = copy_file_range(in, &off, out, NULL, 1 << 30, 0);

		if (c > 0)
			continue;
		if (c == 0)
			return 0;
		break;	/* not supported here (pipe, old kernel, other file system) */
	}
	if (lseek(in, off, SEEK_SET) < 0)
		return -1;
	while ((r = read(in, buf, OUTBUF)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (write_all(out, buf, (size_t)r))
			return -1;
	}
	return 0;
}

int ss_outfile_commit(struct ss_outfile *o, const char *header, size_t hlen, struct ss_err *err)
{
	int in = -1, out = -1, rc = -1;

	if (flush_buf(o, err))
		goto done;
	if (close(o->fd)) {
		o->fd = -1;
		ss_err_set(err, SS_ERR_IO, "cannot write '%s': %s", ss_outfile_name(o),
			   strerror(errno));
		goto done;
	}
	o->fd = -1;
	in = open(o->body, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		ss_err_set(err, SS_ERR_IO, "cannot reopen '%s': %s", o->body, strerror(errno));
		goto done;
	}
	if (o->in_place) {
		out = open(o->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (out < 0) {
			ss_err_set(err, SS_ERR_IO, "cannot open '%s': %s", o->path, strerror(errno));
			goto done;
		}
	} else if (o->path) {
		const char *slash = strrchr(o->path, '/');
		int dl = slash ? (int)(slash - o->path + 1) : 0;

		o->tmp = ss_xasprintf("%.*s.%s.XXXXXX", dl, o->path, o->path + dl);
		out = make_tmp(o->tmp);
		if (out < 0) {
			ss_err_set(err, SS_ERR_IO, "cannot create a temporary file for '%s': %s",
				   o->path, strerror(errno));
			free(o->tmp);
			o->tmp = NULL;
			goto done;
		}
		/* mkstemp makes 0600; a written file gets the usual mode */
		{
			mode_t um = umask(0);

			umask(um);
			fchmod(out, 0666 & ~um);
		}
	} else {
		out = STDOUT_FILENO;
		fflush(stdout);
	}
	if (write_all(out, header, hlen) || copy_body(o, in, out)) {
		ss_err_set(err, SS_ERR_IO, "cannot write '%s': %s", ss_outfile_name(o),
			   strerror(errno));
		goto done;
	}
	if (o->path) {
		if (close(out)) {
			out = -1;
			ss_err_set(err, SS_ERR_IO, "cannot write '%s': %s", o->path, strerror(errno));
			goto done;
		}
		out = -1;
		if (o->tmp && rename(o->tmp, o->path)) {
			ss_err_set(err, SS_ERR_IO, "cannot rename '%s' to '%s': %s", o->tmp, o->path,
				   strerror(errno));
			goto done;
		}
		free(o->tmp);
		o->tmp = NULL;
	}
	rc = 0;
done:
	if (in >= 0)
		close(in);
	if (out >= 0 && out != STDOUT_FILENO)
		close(out);
	if (o->cleanup >= 0)
		ss_cleanup_pop(o->cleanup);	/* removes the body (and tmp after a failure) */
	o->cleanup = -1;
	forget(o);
	return rc;
}

void ss_outfile_abort(struct ss_outfile *o)
{
	if (o->cleanup >= 0)
		ss_cleanup_pop(o->cleanup);
	o->cleanup = -1;
	forget(o);
}

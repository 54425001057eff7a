/*
 * dir.c - the file:// source: the regular files directly in a directory.
 *
 * Like golang-migrate, the directory is listed once when the source is
 * opened and files are read when a migration needs them.  Directories are
 * skipped; anything else (a symlink, say) is listed as a file.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source/source.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"

struct dir_source {
	struct ss_source base;	/* must be first */
	char *dir;		/* the directory as opened (absolute) */
};

/* strerror with a lower-case first letter, as Go prints errno texts. */
static const char *go_strerror(int e, char *buf, size_t size)
{
	snprintf(buf, size, "%s", strerror(e));
	if (buf[0] && !(buf[1] && isupper((unsigned char)buf[1])))
		buf[0] = (char)tolower((unsigned char)buf[0]);
	return buf;
}

static int dir_read(struct ss_source *src, size_t i, struct sqlp_buf *out, struct ss_err *err)
{
	struct dir_source *d = (struct dir_source *)src;
	char *path = ss_xasprintf("%s/%s", d->dir, src->names.items[i]);
	char ebuf[128];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0) {
		ss_err_set(err, SS_ERR_IO, "open %s: %s", path, go_strerror(errno, ebuf, sizeof(ebuf)));
		free(path);
		return -1;
	}
	for (;;) {
		ssize_t n;

		sqlp_buf_grow(out, 65536);
		ss_buf_check(out);
		n = read(fd, out->data + out->len, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = ss_err_set(err, SS_ERR_IO, "read %s: %s", path,
					go_strerror(errno, ebuf, sizeof(ebuf)));
			break;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
	}
	close(fd);
	free(path);
	return rc;
}

static void dir_free(struct ss_source *src)
{
	free(((struct dir_source *)src)->dir);
}

static const struct ss_source_ops dir_ops = {
	.scheme = "file",
	.read = dir_read,
	.free = dir_free,
};

static int is_dir(const char *dir, const struct dirent *de)
{
	struct stat st;
	char *p;
	int r;

#ifdef DT_DIR
	if (de->d_type != DT_UNKNOWN)
		return de->d_type == DT_DIR;
#endif
	p = ss_xasprintf("%s/%s", dir, de->d_name);
	r = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
	free(p);
	return r;
}

int ss_source_dir_open(const char *url, const char *path, struct ss_source **out,
		       struct ss_err *err)
{
	struct dir_source *d;
	char ebuf[128];
	DIR *dh;
	struct dirent *de;

	d = (struct dir_source *)ss_source_alloc(&dir_ops, sizeof(*d), url);
	d->base.display = ss_xstrdup(*path ? path : ".");
	if (path[0] == '/') {
		d->dir = ss_xstrdup(path);
	} else {
		char *cwd = getcwd(NULL, 0);

		if (!cwd) {
			ss_err_set(err, SS_ERR_IO, "getwd: %s", go_strerror(errno, ebuf, sizeof(ebuf)));
			ss_source_free(&d->base);
			return -1;
		}
		d->dir = *path ? ss_xasprintf("%s/%s", cwd, path) : ss_xstrdup(cwd);
		free(cwd);
	}
	dh = opendir(d->dir);
	if (!dh) {
		ss_err_set(err, SS_ERR_IO, "open %s/.: %s", d->dir, go_strerror(errno, ebuf, sizeof(ebuf)));
		ss_source_free(&d->base);
		return -1;
	}
	while ((errno = 0, de = readdir(dh))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (is_dir(d->dir, de))
			continue;
		ss_strlist_push(&d->base.names, de->d_name);
	}
	if (errno) {
		ss_err_set(err, SS_ERR_IO, "readdir %s: %s", d->dir, go_strerror(errno, ebuf, sizeof(ebuf)));
		closedir(dh);
		ss_source_free(&d->base);
		return -1;
	}
	closedir(dh);
	ss_source_sort_names(&d->base);
	*out = &d->base;
	return 0;
}

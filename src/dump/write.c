/*
 * write.c - the dump writers, each a struct ss_dump_sink fed by
 * ss_dump_feed in load order:
 *   sql  one file (or standard output) holding the chosen sections;
 *        --split writes pre-data and post-data to two files in one pass;
 *   dir  a directory: header.sql, pre/NNNNN-KIND-name.sql per object,
 *        post/..., and "toc", a psql script that includes them in order;
 *   tar  the same files in a tar archive (libarchive).
 * Every file is written under a temporary name and renamed into place
 * when complete, so a failed dump never leaves a plausible-looking file.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dump/dump.h"
#include "sqlparse.h"
#include "util/cleanup.h"
#include "util/err.h"
#include "util/outpath.h"
#include "util/xmalloc.h"

/*
 * An object's text when nothing was split off it (what ss_dump_text
 * would copy), or NULL.
 */
static const char *whole_text(const struct ss_dump *d, const struct ss_dobj *o)
{
	if (o->inline_in >= 0 || !o->text)
		return NULL;
	for (size_t i = 0; i < o->nfrags; i++)
		if (d->objs[o->frags[i].child].separate)
			return NULL;
	return o->text;
}

int ss_dump_feed(const struct ss_dump *d, unsigned sections, struct ss_dump_sink *sink,
		 int progress, struct ss_err *err)
{
	size_t done = 0, total = 0;

	for (size_t i = 0; i < d->norder; i++)
		if (sections & (1u << d->objs[d->order[i]].section))
			total++;
	for (int sec = SS_SEC_PRE; sec <= SS_SEC_POST; sec++) {
		if (!(sections & (1u << sec)))
			continue;
		if (sink->begin && sink->begin(sink, (enum ss_dsection)sec, err))
			return -1;
		for (size_t i = 0; i < d->norder; i++) {
			const struct ss_dobj *o = &d->objs[d->order[i]];
			char *text = NULL;
			const char *t;
			int rc;

			if (o->section != sec)
				continue;
			/* most objects are written as they are: no copy */
			t = whole_text(d, o);
			if (!t)
				t = text = ss_dump_text(d, d->order[i]);
			rc = *t ? sink->object(sink, o, t, err) : 0;
			free(text);
			if (rc)
				return -1;
			if (progress && (++done & 255) == 0)
				ss_progress("ssync: %zu/%zu objects", done, total);
		}
		if (sink->end && sink->end(sink, (enum ss_dsection)sec, err))
			return -1;
	}
	return 0;
}

/* --- files written under a temporary name ----------------------------- */

struct outfile {
	char *path;		/* final name, NULL for stdout */
	char *tmp;
	FILE *f;
	char *vbuf;		/* f's buffer */
	int cleanup;		/* handle of the unlink-on-exit handler */
};

/* A dump is megabytes: written in pieces of this size, not stdio's 4 KB. */
#define OUT_BUFSIZE (256 * 1024)

static void unlink_tmp(void *arg)
{
	struct outfile *o = arg;

	if (o->f && o->f != stdout)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp)
		unlink(o->tmp);
}

static int out_open(struct outfile *o, const char *path, struct ss_err *err)
{
	int fd;

	memset(o, 0, sizeof(*o));
	o->cleanup = -1;
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	o->path = ss_xstrdup(path);
	{
		struct stat st;

		/* a device, a pipe or a symbolic link is written in place */
		if (ss_outpath_in_place(path)) {
			if (stat(path, &st) != 0)
				st.st_mode = 0;	/* a dangling link: fopen creates its target */
			if (S_ISDIR(st.st_mode)) {
				ss_err_set(err, SS_ERR_IO, "cannot write '%s': it is a directory", path);
			} else if ((o->f = fopen(path, "w"))) {
				return 0;
			} else {
				ss_err_set(err, SS_ERR_IO, "cannot open '%s': %s", path, strerror(errno));
			}
			free(o->path);
			o->path = NULL;
			return -1;
		}
	}
	o->tmp = ss_xasprintf("%s.tmp.XXXXXX", path);
	fd = mkstemp(o->tmp);
	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		ss_err_set(err, SS_ERR_IO, "cannot create '%s': %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(o->tmp);
		free(o->path);
		o->tmp = o->path = NULL;
		return -1;
	}
	o->vbuf = ss_xmalloc(OUT_BUFSIZE);
	setvbuf(o->f, o->vbuf, _IOFBF, OUT_BUFSIZE);
	fchmod(fd, 0644 & ~(mode_t)0);
	o->cleanup = ss_cleanup_push(unlink_tmp, o);
	return 0;
}

static int out_write(struct outfile *o, const char *s, size_t n, struct ss_err *err)
{
	if (n && fwrite(s, 1, n, o->f) != n)
		return ss_err_set(err, SS_ERR_IO, "cannot write '%s': %s",
				  o->path ? o->path : "standard output", strerror(errno));
	return 0;
}

/*
 * Flush (and with sync, fsync) then close f, closing it whatever fails;
 * -1 with errno from the first failure.
 */
static int close_stream(FILE *f, int sync)
{
	int bad = fflush(f) != 0 || ferror(f) || (sync && fsync(fileno(f)) != 0);
	int saved = errno;

	if (fclose(f) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	errno = saved;
	return bad ? -1 : 0;
}

static int out_close(struct outfile *o, struct ss_err *err)
{
	int rc = 0;

	if (!o->f)
		return 0;
	if (o->f == stdout) {
		if (fflush(stdout) || ferror(stdout))
			rc = ss_err_set(err, SS_ERR_IO, "cannot write to standard output: %s",
					strerror(errno));
		o->f = NULL;
		return rc;
	}
	if (!o->tmp) {
		/* written in place */
		if (close_stream(o->f, 0))
			rc = ss_err_set(err, SS_ERR_IO, "cannot write '%s': %s", o->path, strerror(errno));
		o->f = NULL;
		free(o->path);
		o->path = NULL;
		return rc;
	}
	if (close_stream(o->f, 1)) {
		o->f = NULL;
		rc = ss_err_set(err, SS_ERR_IO, "cannot write '%s': %s", o->path, strerror(errno));
	} else {
		o->f = NULL;
		if (rename(o->tmp, o->path))
			rc = ss_err_set(err, SS_ERR_IO, "cannot rename '%s' to '%s': %s", o->tmp,
					o->path, strerror(errno));
	}
	if (rc)
		unlink(o->tmp);
	if (o->cleanup >= 0)
		ss_cleanup_cancel(o->cleanup);
	free(o->vbuf);
	o->vbuf = NULL;
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return rc;
}

static void out_abort(struct outfile *o)
{
	if (o->cleanup >= 0)
		ss_cleanup_pop(o->cleanup);
	else if (o->f && o->f != stdout)
		fclose(o->f);
	o->f = NULL;
	free(o->vbuf);
	o->vbuf = NULL;
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
}

void ss_dump_title(struct sqlp_buf *b, const struct ss_dobj *o)
{
	/* once per object: no vsnprintf */
	sqlp_buf_addstr(b, "\n-- ");
	sqlp_buf_addstr(b, ss_dkind_tag(o->kind));
	sqlp_buf_addstr(b, ": ");
	if (o->schema) {
		sqlp_buf_addstr(b, o->schema);
		sqlp_buf_addch(b, '.');
	}
	sqlp_buf_addstr(b, o->label);
	sqlp_buf_addch(b, '\n');
}

void ss_dump_banner(struct sqlp_buf *b, enum ss_dsection sec)
{
	sqlp_buf_addf(b, "\n--\n-- %s\n--\n", sec == SS_SEC_PRE ? "pre-data" : "post-data");
}

/* --- sql: one or two script files -------------------------------------- */

struct sql_sink {
	struct ss_dump_sink base;
	struct outfile *out[2];	/* per section; may be the same file */
	const char *header;
	int header_done[2];
	struct sqlp_buf buf;
};

static int sql_begin(struct ss_dump_sink *s, enum ss_dsection sec, struct ss_err *err)
{
	struct sql_sink *k = (struct sql_sink *)s;
	struct outfile *f = k->out[sec];
	int first = f == k->out[0] ? !k->header_done[0] : !k->header_done[1];

	sqlp_buf_reset(&k->buf);
	if (first) {
		sqlp_buf_addstr(&k->buf, k->header);
		if (f == k->out[0])
			k->header_done[0] = 1;
		if (f == k->out[1])
			k->header_done[1] = 1;
	}
	ss_dump_banner(&k->buf, sec);
	ss_buf_check(&k->buf);
	return out_write(f, k->buf.data, k->buf.len, err);
}

static int sql_object(struct ss_dump_sink *s, const struct ss_dobj *o, const char *text,
		      struct ss_err *err)
{
	struct sql_sink *k = (struct sql_sink *)s;

	sqlp_buf_reset(&k->buf);
	ss_dump_title(&k->buf, o);
	ss_buf_check(&k->buf);
	return out_write(k->out[o->section], k->buf.data, k->buf.len, err) ||
	       out_write(k->out[o->section], text, strlen(text), err);
}

static int write_sql(const struct ss_dump *d, const struct ss_dump_write_opts *o,
		     struct ss_err *err)
{
	struct outfile files[2];
	struct sql_sink k = { { sql_begin, sql_object, NULL }, { NULL, NULL }, o->header,
			      { 0, 0 }, SQLP_BUF_INIT };
	int split = o->split_pre && o->split_post;
	unsigned sections = split ? 3u : o->sections;
	int rc;

	if (out_open(&files[0], split ? o->split_pre : o->output, err))
		return -1;
	if (split && out_open(&files[1], o->split_post, err)) {
		out_abort(&files[0]);
		return -1;
	}
	k.out[0] = &files[0];
	k.out[1] = split ? &files[1] : &files[0];
	/* a section file with nothing in it still gets its header */
	if (split) {
		rc = out_write(&files[0], o->header, strlen(o->header), err) ||
		     out_write(&files[1], o->header, strlen(o->header), err);
		k.header_done[0] = k.header_done[1] = 1;
	} else {
		rc = out_write(&files[0], o->header, strlen(o->header), err);
		k.header_done[0] = 1;
	}
	rc = rc || ss_dump_feed(d, sections, &k.base, o->progress, err);
	sqlp_buf_release(&k.buf);
	if (rc) {
		out_abort(&files[0]);
		if (split)
			out_abort(&files[1]);
		return -1;
	}
	rc = out_close(&files[0], err);
	if (split)
		rc = out_close(&files[1], err) || rc;
	return rc ? -1 : 0;
}

/* --- dir and tar: one file per object and a toc ------------------------ */

struct tree_sink {
	struct ss_dump_sink base;
	/* put one file: dir writes it, tar adds an entry */
	int (*put)(struct tree_sink *t, const char *name, const char *data, size_t len,
		   struct ss_err *err);
	struct sqlp_buf toc;
	struct sqlp_buf buf;
	unsigned seq;
	/* dir */
	const char *dir;
	/* tar */
	struct archive *ar;
	struct outfile *arfile;
	time_t mtime;
};

static void file_name(struct sqlp_buf *b, unsigned seq, const struct ss_dobj *o)
{
	size_t start;

	sqlp_buf_addf(b, "%s/%05u-", o->section == SS_SEC_PRE ? "pre" : "post", seq);
	for (const char *p = ss_dkind_tag(o->kind); *p; p++)
		sqlp_buf_addch(b, *p == ' ' ? '_' : *p);
	sqlp_buf_addch(b, '-');
	start = b->len;
	if (o->schema) {
		sqlp_buf_addstr(b, o->schema);
		sqlp_buf_addch(b, '.');
	}
	sqlp_buf_addstr(b, o->name);
	for (size_t i = start; i < b->len; i++) {
		char c = b->data[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			b->data[i] = '_';
	}
	if (b->len - start > 80)
		sqlp_buf_truncate(b, start + 80);
	sqlp_buf_addstr(b, ".sql");
}

static int tree_object(struct ss_dump_sink *s, const struct ss_dobj *o, const char *text,
		       struct ss_err *err)
{
	struct tree_sink *t = (struct tree_sink *)s;
	size_t name_at;

	sqlp_buf_reset(&t->buf);
	file_name(&t->buf, ++t->seq, o);
	name_at = t->buf.len;
	sqlp_buf_addch(&t->buf, '\0');
	ss_dump_title(&t->buf, o);
	sqlp_buf_addstr(&t->buf, text);
	ss_buf_check(&t->buf);
	sqlp_buf_addf(&t->toc, "\\ir %s\n", t->buf.data);
	return t->put(t, t->buf.data, t->buf.data + name_at + 1, t->buf.len - name_at - 1, err);
}

static int dir_put(struct tree_sink *t, const char *name, const char *data, size_t len,
		   struct ss_err *err)
{
	char *path = ss_xasprintf("%s/%s", t->dir, name);
	struct outfile f;
	int rc;

	if (out_open(&f, path, err)) {
		free(path);
		return -1;
	}
	rc = out_write(&f, data, len, err);
	if (rc)
		out_abort(&f);
	else
		rc = out_close(&f, err);
	free(path);
	return rc;
}

static int make_dir(const char *path, int must_be_new, struct ss_err *err)
{
	if (mkdir(path, 0755) == 0)
		return 0;
	if (errno == EEXIST && !must_be_new) {
		DIR *dir = opendir(path);
		struct dirent *e;
		int empty = 1;

		if (!dir)
			return ss_err_set(err, SS_ERR_IO, "cannot open directory '%s': %s", path,
					  strerror(errno));
		while ((e = readdir(dir)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				empty = 0;
		closedir(dir);
		if (empty)
			return 0;
		return ss_err_set(err, SS_ERR_IO, "directory '%s' is not empty", path);
	}
	return ss_err_set(err, SS_ERR_IO, "cannot create directory '%s': %s", path,
			  strerror(errno));
}

static int tar_put(struct tree_sink *t, const char *name, const char *data, size_t len,
		   struct ss_err *err)
{
	struct archive_entry *e = archive_entry_new();
	int rc = 0;

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_mtime(e, t->mtime, 0);
	if (archive_write_header(t->ar, e) != ARCHIVE_OK ||
	    (len && archive_write_data(t->ar, data, len) != (la_ssize_t)len))
		rc = ss_err_set(err, SS_ERR_IO, "cannot write '%s' to the archive: %s", name,
				archive_error_string(t->ar));
	archive_entry_free(e);
	return rc;
}

static int tar_dir(struct tree_sink *t, const char *name, struct ss_err *err)
{
	struct archive_entry *e = archive_entry_new();
	int rc = 0;

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFDIR);
	archive_entry_set_perm(e, 0755);
	archive_entry_set_mtime(e, t->mtime, 0);
	if (archive_write_header(t->ar, e) != ARCHIVE_OK)
		rc = ss_err_set(err, SS_ERR_IO, "cannot write the archive: %s",
				archive_error_string(t->ar));
	archive_entry_free(e);
	return rc;
}

static la_ssize_t tar_write_cb(struct archive *a, void *ctx, const void *buf, size_t n)
{
	struct outfile *f = ctx;

	if (fwrite(buf, 1, n, f->f) != n) {
		archive_set_error(a, errno, "%s", strerror(errno));
		return -1;
	}
	return (la_ssize_t)n;
}

static const char toc_intro[] =
	"-- ssync dump: table of contents.  Load everything in order with\n"
	"--   psql -v ON_ERROR_STOP=1 -f toc\n"
	"-- from this directory (lines are psql \\ir includes, one per object).\n";

static int write_tree(const struct ss_dump *d, const struct ss_dump_write_opts *o,
		      struct ss_err *err)
{
	struct tree_sink t;
	struct outfile arfile;
	int rc = 0;

	memset(&t, 0, sizeof(t));
	sqlp_buf_init(&t.toc);
	sqlp_buf_init(&t.buf);
	t.base.object = tree_object;
	t.mtime = time(NULL);
	if (o->format == SS_FMT_DIR) {
		char *pre, *post;

		if (!o->output)
			return ss_err_set(err, SS_ERR_USAGE, "--format dir needs -o DIRECTORY");
		t.dir = o->output;
		t.put = dir_put;
		pre = ss_xasprintf("%s/pre", o->output);
		post = ss_xasprintf("%s/post", o->output);
		rc = make_dir(o->output, 0, err) || make_dir(pre, 1, err) || make_dir(post, 1, err);
		free(pre);
		free(post);
		if (rc)
			return -1;
	} else {
		if (out_open(&arfile, o->output, err))
			return -1;
		t.arfile = &arfile;
		t.put = tar_put;
		t.ar = archive_write_new();
		archive_write_set_format_pax_restricted(t.ar);
		if (archive_write_open2(t.ar, &arfile, NULL, tar_write_cb, NULL, NULL) != ARCHIVE_OK) {
			rc = ss_err_set(err, SS_ERR_IO, "cannot start the archive: %s",
					archive_error_string(t.ar));
			archive_write_free(t.ar);
			out_abort(&arfile);
			return -1;
		}
		rc = tar_dir(&t, "pre/", err) || tar_dir(&t, "post/", err);
	}
	sqlp_buf_addstr(&t.toc, toc_intro);
	sqlp_buf_addstr(&t.toc, "\\ir header.sql\n");
	rc = rc || t.put(&t, "header.sql", o->header, strlen(o->header), err);
	rc = rc || ss_dump_feed(d, o->sections, &t.base, o->progress, err);
	ss_buf_check(&t.toc);
	rc = rc || t.put(&t, "toc", t.toc.data, t.toc.len, err);
	if (t.ar) {
		if (archive_write_close(t.ar) != ARCHIVE_OK && !rc)
			rc = ss_err_set(err, SS_ERR_IO, "cannot finish the archive: %s",
					archive_error_string(t.ar));
		archive_write_free(t.ar);
		if (rc)
			out_abort(&arfile);
		else
			rc = out_close(&arfile, err);
	}
	sqlp_buf_release(&t.toc);
	sqlp_buf_release(&t.buf);
	return rc ? -1 : 0;
}

int ss_dump_write(const struct ss_dump *d, const struct ss_dump_write_opts *o,
		  struct ss_err *err)
{
	if (o->format == SS_FMT_SQL)
		return write_sql(d, o, err);
	return write_tree(d, o, err);
}

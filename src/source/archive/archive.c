/*
 * archive.c - the archive:// source: migration files inside a tar, tar.gz,
 * tar.zst, zip... (anything libarchive reads), optionally in a
 * sub-directory of it: archive:///srv/m.tar.gz?dir=db/migrations.
 *
 * Nothing is extracted to disk: the archive is read once, when the source
 * is opened, and the files directly inside the chosen directory are kept
 * in memory (an archive cannot be read in random order cheaply, and
 * migrations are applied in version order, not archive order); only the
 * files named like migrations are read, so a large unrelated file next to
 * them (a README, a data dump, an archive bomb) costs nothing.  Every
 * entry's path is checked first: one that is absolute or climbs out with
 * ".." makes the whole archive unacceptable, wherever it is.  Links are
 * not followed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "migrate/index.h"
#include "source/source.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"

struct archive_source {
	struct ss_source base;	/* must be first */
	struct sqlp_buf *data;	/* data[i] holds names.items[i]'s bytes ... */
	char *unread;		/* ... unless unread[i]: not a migration, skipped */
	size_t ndata, alloc_data, alloc_unread;
};

static int archive_src_read(struct ss_source *src, size_t i, struct sqlp_buf *out,
			    struct ss_err *err)
{
	struct archive_source *a = (struct archive_source *)src;

	if (a->unread[i])
		return ss_err_set(err, SS_ERR_IO, "'%s' in the archive is not a migration file, "
				  "so it was not read", a->base.names.items[i]);
	sqlp_buf_add(out, a->data[i].data, a->data[i].len);
	ss_buf_check(out);
	return 0;
}

static void archive_src_free(struct ss_source *src)
{
	struct archive_source *a = (struct archive_source *)src;

	for (size_t i = 0; i < a->ndata; i++)
		sqlp_buf_release(&a->data[i]);
	free(a->data);
	free(a->unread);
}

static const struct ss_source_ops archive_ops = {
	.scheme = "archive",
	.read = archive_src_read,
	.free = archive_src_free,
};

/* Absolute (/x, \x, C:...) or with a ".." component (either separator). */
static int unsafe_path(const char *p)
{
	if (p[0] == '/' || p[0] == '\\')
		return 1;
	if (((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) && p[1] == ':')
		return 1;
	while (*p) {
		size_t n = strcspn(p, "/\\");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

/* Drop leading "./" (and "." alone) and trailing slashes, in place. */
static char *normalize(char *p)
{
	size_t n;

	while (p[0] == '.' && (p[1] == '/' || p[1] == '\0')) {
		p += p[1] ? 2 : 1;
		while (*p == '/')
			p++;
	}
	n = strlen(p);
	while (n && p[n - 1] == '/')
		p[--n] = '\0';
	return p;
}

/* If path lies directly inside dir ("" = the root), its base name. */
static const char *child_of(const char *path, const char *dir)
{
	size_t dn = strlen(dir);
	const char *rest;

	if (dn) {
		if (strncmp(path, dir, dn) || path[dn] != '/')
			return NULL;
		rest = path + dn + 1;
	} else {
		rest = path;
	}
	return *rest && !strchr(rest, '/') ? rest : NULL;
}

static int inside(const char *path, const char *dir)
{
	size_t dn = strlen(dir);

	return !dn || (!strncmp(path, dir, dn) && (path[dn] == '/' || path[dn] == '\0'));
}

static int read_entry(struct archive *ar, struct sqlp_buf *out, const char *archive_path,
		      const char *name, struct ss_err *err)
{
	char buf[65536];

	for (;;) {
		la_ssize_t n = archive_read_data(ar, buf, sizeof(buf));

		if (n < 0)
			return ss_err_set(err, SS_ERR_IO, "cannot read '%s' in archive '%s': %s",
					  name, archive_path, archive_error_string(ar));
		if (n == 0)
			return 0;
		sqlp_buf_add(out, buf, (size_t)n);
		ss_buf_check(out);
	}
}

static int scan(struct archive_source *a, struct archive *ar, const char *archive_path,
		const char *sub, struct ss_err *err)
{
	struct archive_entry *entry;
	int found_sub = !*sub;
	int r;

	while ((r = archive_read_next_header(ar, &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		const char *raw = archive_entry_pathname(entry);
		char *copy, *path;
		const char *base;
		mode_t type = archive_entry_filetype(entry);

		if (!raw)
			return ss_err_set(err, SS_ERR_IO,
					  "archive '%s' has an entry whose name cannot be read",
					  archive_path);
		if (unsafe_path(raw))
			return ss_err_set(err, SS_ERR_IO,
					  "archive '%s' is refused: entry '%s' has an unsafe path "
					  "(absolute, or with a '..' component)", archive_path, raw);
		copy = ss_xstrdup(raw);
		path = normalize(copy);
		if (inside(path, sub) && *path)
			found_sub = 1;
		base = child_of(path, sub);
		if (!base || type == AE_IFDIR) {
			free(copy);
			archive_read_data_skip(ar);
			continue;
		}
		if (type != AE_IFREG || archive_entry_hardlink(entry)) {
			ss_err_set(err, SS_ERR_IO,
				   "archive '%s': entry '%s' is a link or special file; "
				   "ssync reads only regular files from archives", archive_path, raw);
			free(copy);
			return -1;
		}
		for (size_t i = 0; i < a->base.names.n; i++) {
			if (!strcmp(a->base.names.items[i], base)) {
				ss_err_set(err, SS_ERR_IO, "archive '%s' holds '%s' twice",
					   archive_path, raw);
				free(copy);
				return -1;
			}
		}
		{
			struct ss_mig_name mn;

			a->data = ss_xgrow(a->data, a->ndata + 1, &a->alloc_data, sizeof(*a->data));
			a->unread = ss_xgrow(a->unread, a->ndata + 1, &a->alloc_unread,
					     sizeof(*a->unread));
			sqlp_buf_init(&a->data[a->ndata]);
			a->unread[a->ndata] = ss_mig_parse_name(base, &mn) != SS_MIG_NAME_YES;
		}
		ss_strlist_push(&a->base.names, base);
		a->ndata++;
		free(copy);
		if (a->unread[a->ndata - 1])
			archive_read_data_skip(ar);
		else if (read_entry(ar, &a->data[a->ndata - 1], archive_path, raw, err))
			return -1;
	}
	if (r != ARCHIVE_EOF)
		return ss_err_set(err, SS_ERR_IO, "cannot read archive '%s': %s", archive_path,
				  archive_error_string(ar));
	if (!found_sub)
		return ss_err_set(err, SS_ERR_IO, "archive '%s' has no directory '%s'",
				  archive_path, sub);
	return 0;
}

/* Sort names and their data together (names were pushed in archive order). */
static void sort_together(struct archive_source *a)
{
	size_t n = a->ndata;

	/* Insertion sort: migration sets are small and often already sorted. */
	for (size_t i = 1; i < n; i++) {
		char *name = a->base.names.items[i], unread = a->unread[i];
		struct sqlp_buf data = a->data[i];
		size_t j = i;

		while (j > 0 && strcmp(a->base.names.items[j - 1], name) > 0) {
			a->base.names.items[j] = a->base.names.items[j - 1];
			a->data[j] = a->data[j - 1];
			a->unread[j] = a->unread[j - 1];
			j--;
		}
		a->base.names.items[j] = name;
		a->data[j] = data;
		a->unread[j] = unread;
	}
}

int ss_source_archive_open(const char *url, const char *path, const char *subdir,
			   struct ss_source **out, struct ss_err *err)
{
	struct archive_source *a;
	struct archive *ar;
	char *sub_copy = ss_xstrdup(subdir ? subdir : "");
	char *sub = normalize(sub_copy);
	int rc = 0;

	if (!*path) {
		free(sub_copy);
		return ss_err_set(err, SS_ERR_USAGE,
				  "archive source needs a file: archive:///path/to/migrations.tar.gz");
	}
	while (*sub == '/')
		sub++;
	if (unsafe_path(sub)) {
		ss_err_set(err, SS_ERR_USAGE, "bad archive directory '%s': '..' is not allowed",
			   subdir);
		free(sub_copy);
		return -1;
	}
	a = (struct archive_source *)ss_source_alloc(&archive_ops, sizeof(*a), url);
	a->base.display = *sub ? ss_xasprintf("%s!%s", path, sub) : ss_xasprintf("%s!", path);
	ar = archive_read_new();
	if (!ar) {
		free(sub_copy);
		ss_source_free(&a->base);
		return ss_err_set(err, SS_ERR_INTERNAL, "cannot allocate an archive reader");
	}
	archive_read_support_filter_all(ar);
	archive_read_support_format_all(ar);
	if (archive_read_open_filename(ar, path, 65536) != ARCHIVE_OK)
		rc = ss_err_set(err, SS_ERR_IO, "cannot open archive '%s': %s", path,
				archive_error_string(ar));
	else
		rc = scan(a, ar, path, sub, err);
	archive_read_free(ar);
	free(sub_copy);
	if (rc) {
		ss_source_free(&a->base);
		return -1;
	}
	sort_together(a);
	*out = &a->base;
	return 0;
}

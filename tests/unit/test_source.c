/* Unit tests for migration sources: directories and archives. */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source/source.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"
#include "tap.h"

struct entry {
	const char *path;
	const char *data;	/* NULL: a directory; "->x": a symlink to x */
};

static void write_archive(const char *file, int zip, const struct entry *e)
{
	struct archive *a = archive_write_new();

	if (zip) {
		archive_write_set_format_zip(a);
	} else {
		archive_write_set_format_pax_restricted(a);
		archive_write_add_filter_gzip(a);
	}
	archive_write_open_filename(a, file);
	for (; e->path; e++) {
		struct archive_entry *ae = archive_entry_new();

		archive_entry_set_pathname(ae, e->path);
		if (!e->data) {
			archive_entry_set_filetype(ae, AE_IFDIR);
			archive_entry_set_perm(ae, 0755);
			archive_write_header(a, ae);
		} else if (!strncmp(e->data, "->", 2)) {
			archive_entry_set_filetype(ae, AE_IFLNK);
			archive_entry_set_symlink(ae, e->data + 2);
			archive_write_header(a, ae);
		} else {
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_set_perm(ae, 0644);
			archive_entry_set_size(ae, (la_int64_t)strlen(e->data));
			archive_write_header(a, ae);
			archive_write_data(a, e->data, strlen(e->data));
		}
		archive_entry_free(ae);
	}
	archive_write_close(a);
	archive_write_free(a);
}

static void write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "w");

	fputs(data, f);
	fclose(f);
}

static char *read_all(struct ss_source *src, size_t i)
{
	struct sqlp_buf b = SQLP_BUF_INIT;
	struct ss_err err = SS_ERR_INIT;

	if (ss_source_read(src, i, &b, &err)) {
		ss_err_release(&err);
		return NULL;
	}
	return sqlp_buf_detach(&b, NULL);
}

static char *joined_names(const struct ss_source *src)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	for (size_t i = 0; i < src->names.n; i++)
		sqlp_buf_addf(&b, "%s%s", i ? " " : "", src->names.items[i]);
	return sqlp_buf_detach(&b, NULL);
}

static void refused(const char *url, const char *want_substr, const char *label)
{
	struct ss_source *src = NULL;
	struct ss_err err = SS_ERR_INIT;

	ok(ss_source_open(url, &src, &err) == -1 && err.msg && strstr(err.msg, want_substr), label);
	if (err.msg && !strstr(err.msg, want_substr))
		printf("#   got: %s\n", err.msg);
	ss_source_free(src);
	ss_err_release(&err);
}

int main(void)
{
	char tmpl[] = "/tmp/ssync-test-source.XXXXXX";
	char *dir = mkdtemp(tmpl), *p, *url, *s;
	struct ss_source *src = NULL;
	struct ss_err err = SS_ERR_INIT;
	static const struct entry good[] = {
		{ "./db/", NULL },
		{ "./db/migrations/", NULL },
		{ "./db/migrations/2_b.up.sql", "CREATE TABLE b();" },
		{ "./db/migrations/1_a.up.sql", "CREATE TABLE a();" },
		{ "./db/migrations/1_a.down.sql", "DROP TABLE a;" },
		{ "./db/migrations/deeper/9_x.up.sql", "SELECT 1;" },
		{ "./db/migrations/notes.txt", "not a migration" },
		{ "./db/README.md", "hello" },
		{ NULL, NULL }
	};
	static const struct entry evil[] = {
		{ "1_a.up.sql", "SELECT 1;" },
		{ "../evil.up.sql", "DROP TABLE users;" },
		{ NULL, NULL }
	};
	static const struct entry absolute[] = {
		{ "/etc/1_a.up.sql", "SELECT 1;" },
		{ NULL, NULL }
	};
	static const struct entry linked[] = {
		{ "1_a.up.sql", "->/etc/passwd" },
		{ NULL, NULL }
	};

	if (!ok(dir != NULL, "temporary directory"))
		return tap_done();

	/* A directory. */
	p = ss_xasprintf("%s/m", dir);
	mkdir(p, 0755);
	free(p);
	p = ss_xasprintf("%s/m/sub", dir);
	mkdir(p, 0755);
	free(p);
	p = ss_xasprintf("%s/m/2_b.up.sql", dir);
	write_file(p, "CREATE TABLE b();");
	free(p);
	p = ss_xasprintf("%s/m/1_a.up.sql", dir);
	write_file(p, "CREATE TABLE a();");
	free(p);
	url = ss_xasprintf("file://%s/m", dir);
	ok(ss_source_open(url, &src, &err) == 0, "file:// source opens");
	s = joined_names(src);
	is_str(s, "1_a.up.sql 2_b.up.sql", "files listed sorted, sub-directory skipped");
	free(s);
	s = read_all(src, 1);
	is_str(s, "CREATE TABLE b();", "file read");
	free(s);
	s = ss_source_path(src, 0);
	p = ss_xasprintf("%s/m/1_a.up.sql", dir);
	is_str(s, p, "path for messages");
	free(s);
	free(p);
	ss_source_free(src);
	free(url);

	refused("file:///nonexistent-ssync-dir", "open /nonexistent-ssync-dir/.: no such file or directory",
		"a missing directory: golang-migrate's message");
	refused("", "URL cannot be empty", "empty URL");
	refused("nourl", "no scheme", "no scheme");
	refused("s3://bucket/x", "unknown driver s3", "unknown source driver");

	/* Archives: tar.gz and zip with a sub-directory. */
	for (int zip = 0; zip <= 1; zip++) {
		char *file = ss_xasprintf("%s/m.%s", dir, zip ? "zip" : "tar.gz");

		write_archive(file, zip, good);
		url = ss_xasprintf("archive://%s?dir=db/migrations", file);
		src = NULL;
		ok(ss_source_open(url, &src, &err) == 0, zip ? "zip opens" : "tar.gz opens");
		if (src) {
			s = joined_names(src);
			is_str(s, "1_a.down.sql 1_a.up.sql 2_b.up.sql notes.txt",
			       "only the files directly inside the sub-directory, sorted");
			free(s);
			s = read_all(src, 2);
			is_str(s, "CREATE TABLE b();", "archive entry read from memory");
			free(s);
			s = read_all(src, 3);
			ok(s == NULL, "a file not named like a migration is listed but not read");
			free(s);
			s = ss_source_path(src, 0);
			p = ss_xasprintf("%s!db/migrations/1_a.down.sql", file);
			is_str(s, p, "archive path for messages");
			free(s);
			free(p);
		}
		ss_err_release(&err);
		ss_source_free(src);
		free(url);
		url = ss_xasprintf("archive://%s?dir=nope", file);
		refused(url, "has no directory 'nope'", "a missing sub-directory is an error");
		free(url);
		url = ss_xasprintf("archive://%s", file);
		src = NULL;
		is_int(ss_source_open(url, &src, &err) == 0 && src ? (long)src->names.n : -1, 0,
		   "the archive root holds no migration files here");
		ss_source_free(src);
		free(url);
		free(file);
	}

	p = ss_xasprintf("%s/evil.tar.gz", dir);
	write_archive(p, 0, evil);
	url = ss_xasprintf("archive://%s", p);
	refused(url, "entry '../evil.up.sql' has an unsafe path", "an entry with '..' refuses the archive");
	free(url);
	free(p);
	p = ss_xasprintf("%s/abs.zip", dir);
	write_archive(p, 1, absolute);
	url = ss_xasprintf("archive://%s", p);
	refused(url, "unsafe path", "an absolute entry refuses the archive");
	free(url);
	free(p);
	p = ss_xasprintf("%s/link.tar.gz", dir);
	write_archive(p, 0, linked);
	url = ss_xasprintf("archive://%s", p);
	refused(url, "is a link", "links are not followed");
	free(url);
	free(p);
	p = ss_xasprintf("%s/m/1_a.up.sql", dir);
	url = ss_xasprintf("archive://%s", p);
	refused(url, "cannot", "a file that is not an archive");
	free(url);
	free(p);
	refused("archive:///x.tar.gz?dir=../up", "'..' is not allowed", "a sub-directory with '..'");

	p = ss_xasprintf("rm -rf '%s'", dir);
	if (system(p) != 0)
		printf("# could not remove %s\n", dir);
	free(p);
	return tap_done();
}

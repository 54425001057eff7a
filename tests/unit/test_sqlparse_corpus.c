/*
 * test_sqlparse_corpus.c - every SQL file of the shared corpus of real
 * scripts splits without error (dialect detected), its items tile the
 * file, and feeding it in chunks (1 byte upwards) gives the same items as
 * the whole buffer.  Skips when the corpus is absent ($SSYNC_CORPUS, else
 * $SSYNC_SRCDIR/../shared/corpus).
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sqlp_render.h"
#include "tap.h"

static char **files;
static size_t nfiles;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	size_t l = strlen(path);

	(void)st;
	(void)ftw;
	if (type == FTW_F && l > 4 &&
	    (!strcmp(path + l - 4, ".sql") || !strcmp(path + l - 4, ".SQL"))) {
		files = realloc(files, (nfiles + 1) * sizeof(*files));
		files[nfiles++] = strdup(path);
	}
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	const char *corpus = getenv("SSYNC_CORPUS");
	char def[4096];
	struct stat st;
	size_t i, root_len;

	if (!corpus || !*corpus) {
		const char *src = getenv("SSYNC_SRCDIR");

		snprintf(def, sizeof(def), "%s/../shared/corpus", src ? src : ".");
		corpus = def;
	}
	(void)tap_is_long;
	(void)tap_is_str;
	if (stat(corpus, &st) || !S_ISDIR(st.st_mode)) {
		printf("ok 1 # skip corpus not found at %s\n1..1\n", corpus);
		return 0;
	}
	nftw(corpus, collect, 16, FTW_PHYS);
	qsort(files, nfiles, sizeof(*files), cmp);
	ok(nfiles > 0, "the corpus has SQL files");
	root_len = strlen(corpus) + 1;
	for (i = 0; i < nfiles; i++) {
		struct sqlp_buf whole = SQLP_BUF_INIT, got = SQLP_BUF_INIT;
		struct tiling tile = { NULL, 0, 0, 0 };
		static const size_t small[] = { 1, 2, 3, 5, 7, 8, 11, 13, 16, 64, 4096, 0 };
		static const size_t large[] = { 1, 7, 4093, 65536, 0 };
		const size_t *sizes;
		const char *name = files[i] + root_len;
		char label[1024];
		size_t len, k;
		char *buf = read_whole(files[i], &len);
		int same = 1;

		if (!buf) {
			ok(0, name);
			continue;
		}
		tile.in = tiling_input(buf, len, &tile.len);
		render_split(&whole, buf, len, SQLP_AUTO, &tile);
		snprintf(label, sizeof(label), "%s splits without error", name);
		if (!ok(!strstr(whole.data, "\nERROR ") && strncmp(whole.data, "ERROR ", 6), label)) {
			const char *e = strstr(whole.data, "ERROR ");

			printf("#   %s", e ? e : "?\n");
		}
		sizes = len < 200000 ? small : large;
		for (k = 0; sizes[k] && same; k++) {
			sqlp_buf_reset(&got);
			render_stream(&got, buf, len, SQLP_AUTO, sizes[k]);
			if (strcmp(got.data, whole.data)) {
				printf("#   differs when fed in %zu-byte chunks\n", sizes[k]);
				same = 0;
			}
		}
		snprintf(label, sizeof(label), "%s: same items in chunks, items tile the file", name);
		ok(same && (!tile.in || !tile.broken), label);
		sqlp_buf_release(&whole);
		sqlp_buf_release(&got);
		free(buf);
		free(files[i]);
	}
	free(files);
	return tap_done();
}

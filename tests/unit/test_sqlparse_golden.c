/*
 * test_sqlparse_golden.c - golden files of the splitter, one per hazard.
 *
 * For each tests/sqlparse/<dialect>/NAME.sql the rendered split must equal
 * NAME.out (or NAME.err for inputs that must fail), the items must tile
 * the input, and feeding the file in chunks of every size from 1 to 64
 * bytes (and a few larger) must give the very same result.
 *
 * Regenerating the goldens is deliberate: SQLP_REGEN=1 rewrites them
 * (make regen-sqlparse-goldens), and the diff is reviewed like code.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlp_render.h"
#include "tap.h"

static const struct {
	const char *dir;
	enum sqlp_dialect d;
} dialects[] = {
	{ "postgres", SQLP_POSTGRES },
	{ "mysql", SQLP_MYSQL },
	{ "tsql", SQLP_TSQL },
	{ "auto", SQLP_AUTO },
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		printf("# cannot write %s\n", path);
		exit(1);
	}
}

static void check_file(const char *dir, const char *name, enum sqlp_dialect d, int regen)
{
	char path[8192], out_path[8192], err_path[8192], label[512];
	struct sqlp_buf whole = SQLP_BUF_INIT, got = SQLP_BUF_INIT;
	struct tiling tile = { NULL, 0, 0, 0 };
	size_t len, base = strlen(name) - 4, n, elen = 0;
	char *buf, *expect_out, *expect_err;
	const char *expect, *bad = NULL;
	static const size_t big[] = { 100, 127, 1000, 4096, 65536 };

	if (strlen(dir) + strlen(name) + 8 > sizeof(path) || strlen(name) > 200) {
		ok(0, name);
		return;
	}
	sprintf(path, "%s/%s", dir, name);
	sprintf(out_path, "%s/%.*s.out", dir, (int)base, name);
	sprintf(err_path, "%s/%.*s.err", dir, (int)base, name);
	sprintf(label, "%s/%s", strrchr(dir, '/') + 1, name);
	buf = read_whole(path, &len);
	if (!buf) {
		ok(0, label);
		return;
	}
	tile.in = tiling_input(buf, len, &tile.len);
	render_split(&whole, buf, len, d, &tile);
	if (regen) {
		int failed = strstr(whole.data, "ERROR ") != NULL;

		write_file(failed ? err_path : out_path, whole.data, whole.len);
		remove(failed ? out_path : err_path);
		ok(1, label);
	} else {
		expect_out = read_whole(out_path, &elen);
		expect_err = expect_out ? NULL : read_whole(err_path, &elen);
		expect = expect_out ? expect_out : expect_err ? expect_err : "(no .out or .err file)\n";
		if (!tap_is_str(whole.data, expect, label, __FILE__, __LINE__)) {
			/* show where they part */
			const char *a = whole.data, *b = expect;

			while (*a && *a == *b)
				a++, b++;
			printf("#   first difference at byte %zu\n", (size_t)(a - whole.data));
		}
		free(expect_out);
		free(expect_err);
	}
	if (tile.in)
		ok(!tile.broken, "items tile the input");
	for (n = 1; n <= 64 + sizeof(big) / sizeof(big[0]) && !bad; n++) {
		size_t chunk = n <= 64 ? n : big[n - 65];
		static char what[64];

		sqlp_buf_reset(&got);
		render_stream(&got, buf, len, d, chunk);
		if (strcmp(got.data, whole.data)) {
			snprintf(what, sizeof(what), "%zu-byte chunks", chunk);
			bad = what;
		}
	}
	if (bad)
		printf("# differs with %s:\n# %s\n", bad, got.data);
	ok(!bad, "fed in chunks of 1..64, 100, 127, 1000, 4096, 65536 bytes: same items");
	sqlp_buf_release(&whole);
	sqlp_buf_release(&got);
	free(buf);
}

int main(void)
{
	const char *src = getenv("SSYNC_SRCDIR");
	int regen = getenv("SQLP_REGEN") != NULL;
	size_t i;

	(void)tap_is_long;
	if (!src)
		src = ".";
	for (i = 0; i < sizeof(dialects) / sizeof(dialects[0]); i++) {
		char dir[4096];
		DIR *dh;
		struct dirent *de;
		char **names = NULL;
		size_t n = 0, j;

		snprintf(dir, sizeof(dir), "%s/tests/sqlparse/%s", src, dialects[i].dir);
		dh = opendir(dir);
		if (!dh) {
			ok(0, dir);
			continue;
		}
		while ((de = readdir(dh))) {
			size_t l = strlen(de->d_name);

			if (l > 4 && !strcmp(de->d_name + l - 4, ".sql")) {
				names = realloc(names, (n + 1) * sizeof(*names));
				names[n++] = strdup(de->d_name);
			}
		}
		closedir(dh);
		qsort(names, n, sizeof(*names), cmp_names);
		ok(n > 0, dialects[i].dir);
		for (j = 0; j < n; j++) {
			check_file(dir, names[j], dialects[i].d, regen);
			free(names[j]);
		}
		free(names);
	}
	return tap_done();
}

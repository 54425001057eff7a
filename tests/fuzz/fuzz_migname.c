/*
 * fuzz_migname.c - differential libFuzzer target for migration file names
 * (src/migrate/index.c).
 *
 * golang-migrate takes a file for a migration when its name matches
 *     ^([0-9]+)_(.*)\.(down|up)\.(.*)$
 * in Go's RE2 ('.' is any character but a newline; the greedy title makes
 * the last ".up." or ".down." the direction).  This target compares
 * ss_mig_parse_name with that expression run by the C library's POSIX
 * regex engine, whose leftmost-longest submatches agree with RE2's greedy
 * ones for this pattern: match or not, version, direction, title and
 * extension must all be equal.
 */
#include "config.h"

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrate/index.h"

static regex_t re;
static int re_ready;

static void check(int cond, const char *what, const char *name)
{
	if (!cond) {
		fprintf(stderr, "migration name contract broken: %s\n(name: \"%s\")\n", what, name);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *name = malloc(size + 1);
	struct ss_mig_name got;
	regmatch_t m[5];
	int mine, ref;

	if (!name)
		return 0;
	if (!re_ready) {
		if (regcomp(&re, "^([0-9]+)_(.*)\\.(down|up)\\.(.*)$", REG_EXTENDED))
			abort();
		re_ready = 1;
	}
	memcpy(name, data, size);
	name[size] = 0;	/* a file name ends at its first NUL */
	mine = ss_mig_parse_name(name, &got);
	/* without REG_NEWLINE '.' would match a newline, which RE2's does not */
	ref = !strchr(name, '\n') && regexec(&re, name, 5, m, 0) == 0;
	if (!ref) {
		check(mine == SS_MIG_NAME_NO, "no match for golang-migrate, none for ssync", name);
	} else {
		uint64_t v = 0;
		int overflow = 0;

		for (regoff_t i = m[1].rm_so; i < m[1].rm_eo; i++) {
			unsigned d = (unsigned)(name[i] - '0');

			if (v > (UINT64_MAX - d) / 10)
				overflow = 1;
			v = v * 10 + d;
		}
		if (overflow) {
			check(mine == SS_MIG_NAME_OVERFLOW, "a version over 2^64-1 is set aside", name);
		} else {
			check(mine == SS_MIG_NAME_YES, "a match for golang-migrate is one for ssync", name);
			check(got.version == v, "same version", name);
			check(got.up == (name[m[3].rm_so] == 'u'), "same direction", name);
			check(got.title == name + m[2].rm_so &&
			      got.title_len == (size_t)(m[2].rm_eo - m[2].rm_so), "same title", name);
			check(got.ext == name + m[4].rm_so && strlen(got.ext) ==
			      (size_t)(m[4].rm_eo - m[4].rm_so), "same extension", name);
		}
	}
	free(name);
	return 0;
}

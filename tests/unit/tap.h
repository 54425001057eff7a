/*
 * tap.h - a minimal TAP producer for the C unit tests.  Include it in
 * exactly one file per test program.
 */
#ifndef SS_TAP_H
#define SS_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

static int tap_ok(int cond, const char *name, const char *file, int line)
{
	tap_count++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_count, name);
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return cond;
}

static int tap_is_str(const char *got, const char *want, const char *name,
		      const char *file, int line)
{
	int cond = (got == NULL && want == NULL) ||
		   (got && want && strcmp(got, want) == 0);

	if (!tap_ok(cond, name, file, line)) {
		printf("#   got:  %s%s%s\n", got ? "'" : "", got ? got : "NULL", got ? "'" : "");
		printf("#   want: %s%s%s\n", want ? "'" : "", want ? want : "NULL", want ? "'" : "");
	}
	return cond;
}

static int tap_is_long(long long got, long long want, const char *name,
		       const char *file, int line)
{
	int cond = got == want;

	if (!tap_ok(cond, name, file, line))
		printf("#   got: %lld, want: %lld\n", got, want);
	return cond;
}

#define ok(cond, name) tap_ok(!!(cond), (name), __FILE__, __LINE__)
#define is_str(got, want, name) tap_is_str((got), (want), (name), __FILE__, __LINE__)
#define is_int(got, want, name) tap_is_long((long long)(got), (long long)(want), (name), __FILE__, __LINE__)

static int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif /* SS_TAP_H */

/*
 * create.c - "migrate create"; see create.h.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "migrate/create.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* --- Go time layouts --------------------------------------------------- */

static const char *const long_months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"
};
static const char *const long_days[] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
};

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* A zone offset in one of Go's forms; iso = "Z..." (Z for UTC). */
static void put_zone(struct sqlp_buf *out, long off, int iso, int colons, int seconds,
		     int hours_only)
{
	long a = off < 0 ? -off : off;

	if (iso && off == 0) {
		sqlp_buf_addch(out, 'Z');
		return;
	}
	sqlp_buf_addf(out, "%c%02ld", off < 0 ? '-' : '+', a / 3600);
	if (hours_only)
		return;
	sqlp_buf_addf(out, "%s%02ld", colons ? ":" : "", a / 60 % 60);
	if (seconds)
		sqlp_buf_addf(out, "%s%02ld", colons ? ":" : "", a % 60);
}

void ss_mig_go_time_format(struct sqlp_buf *out, const char *layout, const struct tm *t,
			   long nsec)
{
	const char *p = layout;
	int hour12 = t->tm_hour % 12 ? t->tm_hour % 12 : 12;
	long off = t->tm_gmtoff;

	while (*p) {
		if (starts(p, "January")) {
			sqlp_buf_addstr(out, long_months[t->tm_mon]);
			p += 7;
		} else if (starts(p, "Jan")) {
			sqlp_buf_add(out, long_months[t->tm_mon], 3);
			p += 3;
		} else if (starts(p, "Monday")) {
			sqlp_buf_addstr(out, long_days[t->tm_wday]);
			p += 6;
		} else if (starts(p, "Mon")) {
			sqlp_buf_add(out, long_days[t->tm_wday], 3);
			p += 3;
		} else if (starts(p, "MST")) {
			if (t->tm_zone && *t->tm_zone && !(t->tm_zone[0] == '+' || t->tm_zone[0] == '-'))
				sqlp_buf_addstr(out, t->tm_zone);
			else
				put_zone(out, off, 0, 0, 0, off % 3600 == 0);
			p += 3;
		} else if (starts(p, "2006")) {
			sqlp_buf_addf(out, "%04d", t->tm_year + 1900);
			p += 4;
		} else if (starts(p, "002")) {
			sqlp_buf_addf(out, "%03d", t->tm_yday + 1);
			p += 3;
		} else if (p[0] == '0' && p[1] >= '1' && p[1] <= '6') {
			int v = 0;

			switch (p[1]) {
			case '1': v = t->tm_mon + 1; break;
			case '2': v = t->tm_mday; break;
			case '3': v = hour12; break;
			case '4': v = t->tm_min; break;
			case '5': v = t->tm_sec; break;
			case '6': v = (t->tm_year + 1900) % 100; break;
			}
			sqlp_buf_addf(out, "%02d", v);
			p += 2;
		} else if (starts(p, "15")) {
			sqlp_buf_addf(out, "%02d", t->tm_hour);
			p += 2;
		} else if (p[0] == '1') {
			sqlp_buf_addf(out, "%d", t->tm_mon + 1);
			p++;
		} else if (p[0] == '2') {
			sqlp_buf_addf(out, "%d", t->tm_mday);
			p++;
		} else if (starts(p, "__2")) {
			sqlp_buf_addf(out, "%3d", t->tm_yday + 1);
			p += 3;
		} else if (starts(p, "_2") && !starts(p, "_2006")) {
			sqlp_buf_addf(out, "%2d", t->tm_mday);
			p += 2;
		} else if (p[0] == '3') {
			sqlp_buf_addf(out, "%d", hour12);
			p++;
		} else if (p[0] == '4') {
			sqlp_buf_addf(out, "%d", t->tm_min);
			p++;
		} else if (p[0] == '5') {
			sqlp_buf_addf(out, "%d", t->tm_sec);
			p++;
		} else if (starts(p, "PM") || starts(p, "pm")) {
			const char *s = t->tm_hour >= 12 ? "PM" : "AM";

			sqlp_buf_addstr(out, p[0] == 'P' ? s : (t->tm_hour >= 12 ? "pm" : "am"));
			p += 2;
		} else if (starts(p, "-070000") || starts(p, "Z070000")) {
			put_zone(out, off, p[0] == 'Z', 0, 1, 0);
			p += 7;
		} else if (starts(p, "-07:00:00") || starts(p, "Z07:00:00")) {
			put_zone(out, off, p[0] == 'Z', 1, 1, 0);
			p += 9;
		} else if (starts(p, "-0700") || starts(p, "Z0700")) {
			put_zone(out, off, p[0] == 'Z', 0, 0, 0);
			p += 5;
		} else if (starts(p, "-07:00") || starts(p, "Z07:00")) {
			put_zone(out, off, p[0] == 'Z', 1, 0, 0);
			p += 6;
		} else if (starts(p, "-07") || starts(p, "Z07")) {
			put_zone(out, off, p[0] == 'Z', 0, 0, 1);
			p += 3;
		} else if ((p[0] == '.' || p[0] == ',') && (p[1] == '0' || p[1] == '9')) {
			/* A run of 0s (fixed) or 9s (trailing zeros dropped) not followed by a digit. */
			size_t n = 1;
			char digits[16];
			int keep;

			while (p[n + 1] == p[1])
				n++;
			if (isdigit((unsigned char)p[n + 1]) || n > 9) {
				sqlp_buf_addch(out, *p++);
				continue;
			}
			snprintf(digits, sizeof(digits), "%09ld", nsec);
			keep = (int)n;
			if (p[1] == '9')
				while (keep > 0 && digits[keep - 1] == '0')
					keep--;
			if (keep > 0) {
				sqlp_buf_addch(out, p[0]);
				sqlp_buf_add(out, digits, (size_t)keep);
			}
			p += n + 1;
		} else {
			sqlp_buf_addch(out, *p++);
		}
	}
}

/* --- time zones -------------------------------------------------------- */

static int zone_exists(const char *tz)
{
	static const char *const dirs[] = {
		"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/",
		"/etc/zoneinfo/", NULL
	};
	const char *env = getenv("ZONEINFO");
	struct stat st;

	if (env && *env) {
		char *p = ss_xasprintf("%s/%s", env, tz);
		int ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);

		free(p);
		if (ok)
			return 1;
	}
	for (int i = 0; dirs[i]; i++) {
		char *p = ss_xasprintf("%s%s", dirs[i], tz);
		int ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);

		free(p);
		if (ok)
			return 1;
	}
	return 0;
}

int ss_mig_time_in_zone(time_t now, const char *tz, struct tm *out, struct ss_err *err)
{
	char *saved;
	const char *old;

	if (!tz || !*tz || !strcmp(tz, "UTC")) {
		gmtime_r(&now, out);
		return 0;
	}
	if (!strcmp(tz, "Local")) {
		localtime_r(&now, out);
		return 0;
	}
	/* Go refuses names that climb out of the zone database. */
	if (tz[0] == '/' || strstr(tz, "..") || strchr(tz, '\\') || !zone_exists(tz))
		return ss_err_set(err, SS_ERR_USAGE, "unknown time zone %s", tz);
	old = getenv("TZ");
	saved = old ? ss_xstrdup(old) : NULL;
	setenv("TZ", tz, 1);
	tzset();
	localtime_r(&now, out);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	return 0;
}

/* --- file names -------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in dir starting with prefix and ending with suffix, sorted (Go's filepath.Glob). */
static int glob_dir(const char *dir, const char *prefix, const char *suffix,
		    struct ss_strlist *out, struct ss_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t pl = strlen(prefix), sl = strlen(suffix);

	if (!d) {
		if (errno == ENOENT)
			return 0;
		return ss_err_set(err, SS_ERR_IO, "open %s: %s", dir, strerror(errno));
	}
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n >= pl + sl && !strncmp(de->d_name, prefix, pl) &&
		    !strcmp(de->d_name + n - sl, suffix))
			ss_strlist_push(out, de->d_name);
	}
	closedir(d);
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(char *), cmp_str);
	return 0;
}

static char *next_seq(const char *dir, const char *ext, long long digits, struct ss_err *err)
{
	struct ss_strlist names = SS_STRLIST_INIT;
	unsigned long long next = 1;
	char *version;

	if (digits <= 0) {
		ss_err_set(err, SS_ERR_USAGE, "digits must be positive");
		return NULL;
	}
	if (glob_dir(dir, "", ext, &names, err))
		return NULL;
	if (names.n) {
		const char *last = names.items[names.n - 1];
		const char *us = strchr(last, '_');
		char *num, *end;

		if (!us || us == last) {
			ss_err_set(err, SS_ERR_USAGE, "malformed migration filename: %s/%s", dir, last);
			ss_strlist_release(&names);
			return NULL;
		}
		num = ss_xstrndup(last, (size_t)(us - last));
		errno = 0;
		next = strtoull(num, &end, 10);
		if (*end || errno || num[0] == '-' || num[0] == '+' || next == ULLONG_MAX) {
			ss_err_set(err, SS_ERR_USAGE, "strconv.ParseUint: parsing \"%s\": %s", num,
				   errno == ERANGE ? "value out of range" : "invalid syntax");
			free(num);
			ss_strlist_release(&names);
			return NULL;
		}
		free(num);
		next++;
	}
	ss_strlist_release(&names);
	version = ss_xasprintf("%0*llu", digits > 64 ? 64 : (int)digits, next);
	if ((long long)strlen(version) > digits) {
		ss_err_set(err, SS_ERR_USAGE,
			   "next sequence number %s too large, at most %lld digits are allowed",
			   version, digits);
		free(version);
		return NULL;
	}
	return version;
}

static char *time_version(const struct ss_mig_create *c, struct ss_err *err)
{
	const char *format = c->format ? c->format : SS_MIG_DEFAULT_TIME_FORMAT;
	struct sqlp_buf b = SQLP_BUF_INIT;
	struct tm tm;

	if (!*format) {
		ss_err_set(err, SS_ERR_USAGE, "time format may not be empty");
		return NULL;
	}
	if (!strcmp(format, "unix"))
		return ss_xasprintf("%lld", (long long)c->now.tv_sec);
	if (!strcmp(format, "unixNano"))
		return ss_xasprintf("%lld", (long long)c->now.tv_sec * 1000000000LL + c->now.tv_nsec);
	if (ss_mig_time_in_zone(c->now.tv_sec, c->tz, &tm, err))
		return NULL;
	ss_mig_go_time_format(&b, format, &tm, c->now.tv_nsec);
	ss_buf_check(&b);
	return sqlp_buf_detach(&b, NULL);
}

/* mkdir -p, mode 0777 & ~umask. */
static int make_dirs(const char *dir, struct ss_err *err)
{
	char *p = ss_xstrdup(dir);

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || !*s) {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) && errno != EEXIST) {
				ss_err_set(err, SS_ERR_IO, "mkdir %s: %s", p, strerror(errno));
				free(p);
				return -1;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return 0;
}

/* Go's filepath.Clean, enough for directories: "" -> ".", no trailing or doubled "/". */
static char *clean_dir(const char *dir)
{
	size_t n;
	char *d, *w;

	if (!dir || !*dir)
		return ss_xstrdup(".");
	d = ss_xstrdup(dir);
	w = d;
	for (const char *r = dir; *r; r++) {
		if (*r == '/' && w > d && w[-1] == '/')
			continue;
		*w++ = *r;
	}
	*w = '\0';
	n = strlen(d);
	while (n > 1 && d[n - 1] == '/')
		d[--n] = '\0';
	return d;
}

int ss_mig_create_files(const struct ss_mig_create *c, struct ss_strlist *created,
			struct ss_err *err)
{
	const char *format = c->format ? c->format : SS_MIG_DEFAULT_TIME_FORMAT;
	char *dir, *ext, *version = NULL;
	struct ss_strlist dups = SS_STRLIST_INIT;
	int rc = -1;

	if (c->seq && strcmp(format, SS_MIG_DEFAULT_TIME_FORMAT))
		return ss_err_set(err, SS_ERR_USAGE, "the seq and format options are mutually exclusive");
	dir = clean_dir(c->dir);
	ext = ss_xasprintf(".%s", c->ext[0] == '.' ? c->ext + 1 : c->ext);
	version = c->seq ? next_seq(dir, ext, c->digits, err) : time_version(c, err);
	if (!version)
		goto out;
	{
		char *prefix = ss_xasprintf("%s_", version);
		int g = glob_dir(dir, prefix, ext, &dups, err);

		free(prefix);
		if (g)
			goto out;
	}
	if (dups.n) {
		ss_err_set(err, SS_ERR_USAGE, "duplicate migration version: %s", version);
		goto out;
	}
	if (make_dirs(dir, err))
		goto out;
	for (int up = 1; up >= 0; up--) {
		char *path = ss_xasprintf("%s/%s_%s.%s%s", dir, version, c->name, up ? "up" : "down",
					  ext);
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

		if (fd < 0) {
			ss_err_set(err, SS_ERR_IO, "open %s: %s", path, strerror(errno));
			free(path);
			goto out;
		}
		close(fd);
		if (path[0] == '/') {
			ss_strlist_push_owned(created, path);
		} else {
			char *cwd = getcwd(NULL, 0);
			const char *rel = !strncmp(path, "./", 2) ? path + 2 : path;

			ss_strlist_push_owned(created, cwd ? ss_xasprintf("%s/%s", cwd, rel)
							   : ss_xstrdup(path));
			free(cwd);
			free(path);
		}
	}
	rc = 0;
out:
	ss_strlist_release(&dups);
	free(version);
	free(ext);
	free(dir);
	return rc;
}

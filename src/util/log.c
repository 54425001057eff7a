/*
 * log.c - stderr diagnostics; see log.h.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "sqlparse.h"
#include "util/err.h"
#include "util/log.h"
#include "util/xmalloc.h"

static int verbose;
static enum ss_log_format log_format = SS_LOG_TEXT;

static const char *const level_names[] = {
	[SS_LOG_ERROR] = "error",
	[SS_LOG_WARN] = "warning",
	[SS_LOG_INFO] = "info",
	[SS_LOG_DEBUG] = "debug",
};
_Static_assert(sizeof(level_names) / sizeof(level_names[0]) == SS_LOG_DEBUG + 1,
	       "level_names must name every level");

void ss_log_setup(int verbose_on, enum ss_log_format format)
{
	verbose = verbose_on;
	log_format = format;
}

int ss_log_parse_format(const char *name, enum ss_log_format *out)
{
	if (!strcmp(name, "text"))
		*out = SS_LOG_TEXT;
	else if (!strcmp(name, "json"))
		*out = SS_LOG_JSON;
	else
		return -1;
	return 0;
}

int ss_log_verbose(void)
{
	return verbose;
}

enum ss_log_format ss_log_format(void)
{
	return log_format;
}

/* Length of the valid UTF-8 sequence at p (1 to 4 bytes), 0 if none starts there. */
static size_t utf8_seq(const unsigned char *p)
{
	unsigned c = p[0];

	/* each test stops at the first byte that is not a continuation:
	 * nothing past the string's NUL is read */
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if ((p[1] & 0xc0) != 0x80 || (c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0))
			return 0;	/* overlong, or a UTF-16 surrogate */
		return (p[2] & 0xc0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if ((p[1] & 0xc0) != 0x80 || (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))
			return 0;	/* overlong, or past U+10FFFF */
		return (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80 ? 4 : 0;
	}
	return 0;
}

void ss_json_buf(struct sqlp_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	sqlp_buf_addch(out, '"');
	while (*p) {
		const unsigned char *q = p;
		size_t k;

		while (*q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\')
			q++;
		sqlp_buf_add(out, p, (size_t)(q - p));
		p = q;
		if (!*p)
			break;
		if (*p == '"' || *p == '\\') {
			sqlp_buf_addch(out, '\\');
			sqlp_buf_addch(out, (char)*p++);
		} else if (*p == '\n' || *p == '\r' || *p == '\t') {
			sqlp_buf_addstr(out, *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : "\\t");
			p++;
		} else if (*p < 0x20) {
			sqlp_buf_addf(out, "\\u%04x", *p++);
		} else if ((k = utf8_seq(p)) != 0) {
			sqlp_buf_add(out, p, k);
			p += k;
		} else {
			sqlp_buf_addstr(out, "\\ufffd");
			p++;
		}
	}
	sqlp_buf_addch(out, '"');
}

void ss_json_string(FILE *f, const char *s)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	ss_json_buf(&b, s);
	if (sqlp_buf_failed(&b))
		fputs("\"\"", f);	/* out of memory: still valid JSON */
	else
		fwrite(b.data, 1, b.len, f);
	sqlp_buf_release(&b);
}

static void json_time(FILE *f)
{
	struct timeval tv;
	struct tm tm;
	char buf[32];

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(f, "{\"time\":\"%s.%03ldZ\"", buf, (long)(tv.tv_usec / 1000));
}

static void text_time(FILE *f)
{
	time_t now = time(NULL);
	struct tm tm;
	char buf[32];

	localtime_r(&now, &tm);
	strftime(buf, sizeof(buf), "%Y/%m/%d %H:%M:%S ", &tm);
	fputs(buf, f);
}

void ss_log_plain(const char *level, const char *msg, int stamped, int newline)
{
	if (log_format == SS_LOG_JSON) {
		json_time(stderr);
		fputs(",\"level\":", stderr);
		ss_json_string(stderr, level);
		fputs(",\"msg\":", stderr);
		ss_json_string(stderr, msg);
		fputs("}\n", stderr);
	} else {
		if (stamped)
			text_time(stderr);
		fputs(msg, stderr);
		if (newline || stamped)
			fputc('\n', stderr);
	}
	fflush(stderr);
}

void ss_log(enum ss_log_level level, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (level == SS_LOG_INFO && !verbose)
		return;
	if (level == SS_LOG_DEBUG && !getenv("SSYNC_DEBUG"))
		return;
	va_start(ap, fmt);
	msg = ss_xvasprintf(fmt, ap);
	va_end(ap);
	if (log_format == SS_LOG_JSON) {
		json_time(stderr);
		fprintf(stderr, ",\"level\":\"%s\",\"msg\":", level_names[level]);
		ss_json_string(stderr, msg);
		fputs("}\n", stderr);
	} else if (level <= SS_LOG_WARN) {
		fprintf(stderr, "ssync: %s%s\n", level == SS_LOG_WARN ? "warning: " : "", msg);
	} else {
		text_time(stderr);
		fprintf(stderr, "%s\n", msg);
	}
	free(msg);
	fflush(stderr);
}

void ss_log_err(const struct ss_err *err)
{
	const char *msg = err->msg ? err->msg : "unknown error";

	if (log_format == SS_LOG_JSON) {
		json_time(stderr);
		fputs(",\"level\":\"error\",\"kind\":", stderr);
		ss_json_string(stderr, ss_err_kind_name(err->kind));
		fputs(",\"msg\":", stderr);
		ss_json_string(stderr, msg);
		if (err->file) {
			fputs(",\"file\":", stderr);
			ss_json_string(stderr, err->file);
			if (err->line)
				fprintf(stderr, ",\"line\":%u", err->line);
			if (err->column)
				fprintf(stderr, ",\"column\":%u", err->column);
		}
		if (err->sqlstate[0]) {
			fputs(",\"sqlstate\":", stderr);
			ss_json_string(stderr, err->sqlstate);
		}
		if (err->server_code)
			fprintf(stderr, ",\"server_code\":%ld", err->server_code);
		if (err->detail) {
			fputs(",\"detail\":", stderr);
			ss_json_string(stderr, err->detail);
		}
		if (err->hint) {
			fputs(",\"hint\":", stderr);
			ss_json_string(stderr, err->hint);
		}
		fputs("}\n", stderr);
		fflush(stderr);
		return;
	}
	fputs("ssync: ", stderr);
	if (err->file) {
		fputs(err->file, stderr);
		if (err->line) {
			fprintf(stderr, ":%u", err->line);
			if (err->column)
				fprintf(stderr, ":%u", err->column);
		}
		fputs(": ", stderr);
	}
	fputs(msg, stderr);
	if (err->sqlstate[0])
		fprintf(stderr, " (SQLSTATE %s)", err->sqlstate);
	else if (err->server_code)
		fprintf(stderr, " (error %ld)", err->server_code);
	fputc('\n', stderr);
	if (err->detail)
		fprintf(stderr, "detail: %s\n", err->detail);
	if (err->hint)
		fprintf(stderr, "hint: %s\n", err->hint);
	fflush(stderr);
}

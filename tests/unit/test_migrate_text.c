/* Unit tests for durations, file positions, lock ids and the splitter seam. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "migrate/create.h"
#include "migrate/engine.h"
#include "migrate/split.h"
#include "migrate/text.h"
#include "sqlparse.h"
#include "util/err.h"
#include "tap.h"

static void dur_is(unsigned long long ns, const char *want)
{
	char buf[64];

	ss_mig_duration(buf, sizeof(buf), ns);
	is_str(buf, want, want);
}

static void pos_is(const char *text, unsigned long pos, unsigned line, unsigned col, const char *label)
{
	size_t off = ss_mig_char_to_byte(text, strlen(text), pos);
	unsigned l, c;

	ss_mig_line_col(text, strlen(text), off, &l, &c);
	if (!ok(l == line && c == col, label))
		printf("#   got %u:%u, want %u:%u\n", l, c, line, col);
}

static void lock_is(const char *s, const char *t, const char *db, unsigned long want)
{
	char buf[256];
	size_t n = 0;
	char label[300];

	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s", s) + 1;
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s", t) + 1;
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s", db);
	snprintf(label, sizeof(label), "lock id of %s/%s/%s", s, t, db);
	is_int(ss_mig_lock_hash(buf, n), want, label);
}

static void layout_is(const char *layout, const char *want)
{
	struct tm tm = { 0 };
	struct sqlp_buf b = SQLP_BUF_INIT;

	/* 2024-03-09 07:05:04.012300 UTC, a Saturday, day 69 */
	tm.tm_year = 124;
	tm.tm_mon = 2;
	tm.tm_mday = 9;
	tm.tm_hour = 7;
	tm.tm_min = 5;
	tm.tm_sec = 4;
	tm.tm_wday = 6;
	tm.tm_yday = 68;
	tm.tm_zone = "UTC";
	ss_mig_go_time_format(&b, layout, &tm, 12300000);
	is_str(b.data, want, layout);
	sqlp_buf_release(&b);
}

int main(void)
{
	struct ss_mig_pieces p = { 0 };
	struct ss_err err = SS_ERR_INIT;
	const char *body;

	/* Go's time.Duration text. */
	dur_is(0, "0s");
	dur_is(999, "999ns");
	dur_is(1500, "1.5\xc2\xb5s");
	dur_is(12482420, "12.48242ms");
	dur_is(2000000, "2ms");
	dur_is(2500000000ULL, "2.5s");
	dur_is(120000000000ULL, "2m0s");
	dur_is(3600500000000ULL, "1h0m0.5s");

	/* Server character positions -> line:column. */
	pos_is("CREATE TABLE e2(id int);\nCREATE TABLE e3 (id int,);\n", 50, 2, 25, "LF: line 2 column 25");
	pos_is("CREATE TABLE e2(id int);\r\nCREATE TABLE e3 (id int,);\r\n", 51, 2, 25,
	       "CRLF: the \\r counts as a character but not as a column");
	pos_is("-- caf\xc3\xa9\nSELECT 'x\xe2\x82\xac' +;\n", 22, 2, 14,
	       "multibyte characters count once, in lines before and on the line");
	pos_is("SELECT", 7, 1, 7, "at end of input");
	pos_is("a\rb", 3, 1, 3, "a lone CR is not a line end");
	{
		size_t start, n;

		body = "l1\r\nline two\r\nl3";
		n = ss_mig_line_at(body, strlen(body), 6, &start);
		ok(start == 4 && n == 8, "the line around an offset, without its CRLF");
	}
	ok(ss_mig_blank(" \n\t\r\n", 5), "white space is blank");
	ok(!ss_mig_blank("-- x\n", 5), "a comment is not blank (the server decides)");
	is_int(ss_mig_bom("\xef\xbb\xbfSELECT", 9), 3, "UTF-8 BOM detected");

	/* golang-migrate's lock ids (spec table; three were read from pg_locks). */
	lock_is("public", "schema_migrations", "/postgres", 3280485947UL);
	lock_is("public", "schema_migrations", "postgres", 143310882UL);
	lock_is("public", "neosync_api_schema_migrations", "/app", 2436010327UL);
	lock_is("public", "neosync_api_schema_migrations", "app", 3898011833UL);
	lock_is("public", "schema_migrations", "/app", 1726534663UL);
	lock_is("public", "t3", "app", 21693546UL);
	is_int(ss_mig_lock_hash("/app", 4), 198434227UL, "pgx table-lock id of /app");

	/* Identifier quoting. */
	{
		struct sqlp_buf b = SQLP_BUF_INIT;

		ss_mig_quote_ident(&b, "we\"ird", '"', '"');
		is_str(b.data, "\"we\"\"ird\"", "double quotes are doubled");
		sqlp_buf_release(&b);
	}

	/* golang-migrate's x-multi-statement cut, and the sqlparse seam. */
	body = "CREATE TABLE a(x int);\nINSERT INTO a VALUES (1);\n-- end";
	ss_mig_split_semicolons(body, strlen(body), &p);
	is_int(p.n, 3, "cut after every ';' plus the tail");
	ok(p.v[1].off == 22 && body[p.v[1].off + p.v[1].len - 1] == ';', "pieces keep their ';'");
	ss_mig_pieces_release(&p);
	body = "DO $$ BEGIN PERFORM 1; END $$;";
	ss_mig_split_semicolons(body, strlen(body), &p);
	is_int(p.n, 2, "the byte cut breaks dollar-quoted bodies, as golang-migrate's does");
	ss_mig_pieces_release(&p);
	ok(ss_mig_split_statements(SS_MIG_DIALECT_PG, body, strlen(body), &p, &err) == 0 &&
	   p.n == 1 && p.v[0].off == 0 && p.v[0].len == strlen(body),
	   "the statement splitter keeps a dollar-quoted body whole");
	ss_mig_pieces_release(&p);
	body = "\xef\xbb\xbfSELECT 1;\nSELECT ';';\n";
	ok(ss_mig_split_statements(SS_MIG_DIALECT_PG, body, strlen(body), &p, &err) == 0 &&
	   p.n == 2 && p.v[0].off == 3 && p.v[1].off == 13 && p.v[1].len == 11,
	   "pieces are offsets into the file, after its byte-order mark");
	ss_mig_pieces_release(&p);
	body = "SELECT 'open;\n";
	ok(ss_mig_split_statements(SS_MIG_DIALECT_PG, body, strlen(body), &p, &err) == -1 &&
	   err.kind == SS_ERR_PARSE && err.line == 1 && err.column == 8,
	   "an unterminated string is an error at the line and column where it opened");
	ss_err_release(&err);
	ss_mig_pieces_release(&p);

	/* Go time layouts for "create". */
	layout_is("20060102150405", "20240309070504");
	layout_is("2006-01-02T15:04:05Z07:00", "2024-03-09T07:05:04Z");
	layout_is("Mon Jan _2 3:4:5 PM MST 2006", "Sat Mar  9 7:5:4 AM UTC 2024");
	layout_is("Monday January 2 06 002", "Saturday March 9 24 069");
	layout_is("15:04:05.000", "07:05:04.012");
	layout_is("15:04:05.999999", "07:05:04.0123");
	layout_is("-0700 -07:00", "+0000 +00:00");
	return tap_done();
}

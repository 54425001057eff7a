/* Unit tests for struct ss_err and the JSON strings of the diagnostics. */
#include "config.h"

#include "sqlparse.h"
#include "util/err.h"
#include "util/log.h"
#include "tap.h"

/* s as a JSON string literal, in a buffer of the test's */
static const char *json(struct sqlp_buf *b, const char *s)
{
	sqlp_buf_reset(b);
	ss_json_buf(b, s);
	sqlp_buf_addch(b, 0);
	return b->data;
}

static void test_json(void)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	is_str(json(&b, "a\"b\\c"), "\"a\\\"b\\\\c\"", "quote and backslash escaped");
	is_str(json(&b, "a\nb\tc\rd\001e"), "\"a\\nb\\tc\\rd\\u0001e\"", "control characters");
	is_str(json(&b, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
	       "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"", "valid UTF-8 is kept as it is");
	is_str(json(&b, "a\xff" "b"), "\"a\\ufffdb\"", "a byte that starts no UTF-8 sequence: U+FFFD");
	is_str(json(&b, "\xc3("), "\"\\ufffd(\"", "a lead byte without its continuation");
	is_str(json(&b, "\xe2\x82"), "\"\\ufffd\\ufffd\"", "a sequence cut by the end of the string");
	is_str(json(&b, "\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80"),
	       "\"\\ufffd\\ufffd \\ufffd\\ufffd\\ufffd \\ufffd\\ufffd\\ufffd\\ufffd\"",
	       "overlong forms, surrogates and code points past U+10FFFF are not UTF-8");
	sqlp_buf_release(&b);
}

static int fails(struct ss_err *err, const char *what)
{
	return ss_err_set(err, SS_ERR_IO, "cannot open '%s'", what);
}

int main(void)
{
	struct ss_err err = SS_ERR_INIT;

	ok(!ss_err_isset(&err), "starts empty");
	ok(fails(&err, "a.sql") == -1, "set returns -1");
	ok(fails(&err, "b.sql") || fails(&err, "c.sql"), "chained calls fail");
	is_str(err.msg, "cannot open 'a.sql'", "the first error wins");
	is_int(err.kind, SS_ERR_IO, "kind is kept");
	is_int(ss_err_exit_status(&err), 1, "runtime errors exit 1");
	ss_err_locate(&err, "m/1_x.up.sql", 12, 5);
	is_str(err.file, "m/1_x.up.sql", "locus file");
	ok(err.line == 12 && err.column == 5, "locus line and column");
	ss_err_detail(&err, "detail %d", 1);
	ss_err_hint(&err, "try %s", "again");
	is_str(err.detail, "detail 1", "detail");
	is_str(err.hint, "try again", "hint");
	ss_err_prefix(&err, "migration %d", 3);
	is_str(err.msg, "migration 3: cannot open 'a.sql'", "prefix");
	ss_err_release(&err);
	ok(!ss_err_isset(&err) && !err.msg && !err.file, "release clears");

	ss_err_set(&err, SS_ERR_USAGE, "unknown option '%s'", "--x");
	is_int(ss_err_exit_status(&err), 2, "usage errors exit 2");
	err.exit_status = 7;
	is_int(ss_err_exit_status(&err), 7, "explicit exit status wins");
	ss_err_release(&err);

	ss_err_set_at(&err, SS_ERR_PARSE, "f.sql", 3, 9, "unterminated %s", "string");
	ok(err.line == 3 && err.column == 9 && err.kind == SS_ERR_PARSE, "set_at sets the locus");
	{
		struct ss_err dst = SS_ERR_INIT;

		ss_err_move(&dst, &err);
		is_str(dst.msg, "unterminated string", "move transfers the message");
		ok(!ss_err_isset(&err), "move empties the source");
		ss_err_release(&dst);
	}
	ok(ss_err_set(NULL, SS_ERR_IO, "x") == -1, "NULL err is allowed");
	is_str(ss_err_kind_name(SS_ERR_LOCK), "lock", "kind names");
	test_json();
	return tap_done();
}

/* Unit tests for struct ss_err. */
#include "config.h"

#include "util/err.h"
#include "tap.h"

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
	return tap_done();
}

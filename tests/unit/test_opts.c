/* Unit tests for the option parser. */
#include "config.h"

#include "cli/opts.h"
#include "util/err.h"
#include "tap.h"

struct vals {
	const char *db, *out;
	int flag;
	unsigned long long n;
	long long i;
	struct ss_strlist list;
	struct ss_common_opts common;
};

static int parse(struct vals *v, struct ss_strlist *pos, unsigned flags, struct ss_err *err,
		 int argc, char **argv)
{
	struct ss_option opts[] = {
		SS_OPT_STRING_("database", 0, &v->db, "URL", "db"),
		SS_OPT_FLAG_("flag", 'f', &v->flag, "a flag"),
		SS_OPT_INT_("int", 0, &v->i, "N", "an int"),
		SS_OPT_LIST_("include-table", 't', &v->list, "RE", "a list"),
		SS_OPT_STRING_("output", 'o', &v->out, "FILE", "out"),
		SS_OPT_UINT_("prefetch", 0, &v->n, "N", "a uint"),
		SS_OPT_COMMON_(&v->common),
		SS_OPT_END_(),
	};

	return ss_opts_parse(opts, argc, argv, 1, flags, pos, err);
}

#define ARGV(...) (char *[]){ "cmd", __VA_ARGS__, NULL }
#define ARGC(...) ((int)(sizeof((char *[]){ "cmd", __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(v, pos, fl, err, ...) parse((v), (pos), (fl), (err), ARGC(__VA_ARGS__), ARGV(__VA_ARGS__))

int main(void)
{
	struct vals v = { 0 };
	struct ss_strlist pos = SS_STRLIST_INIT;
	struct ss_err err = SS_ERR_INIT;
	unsigned long long u;
	long long s;

	ok(PARSE(&v, &pos, 0, &err, "--database", "a", "-o", "x.sql", "up") == 0, "--name value, -x value");
	is_str(v.db, "a", "--database value");
	is_str(v.out, "x.sql", "short option value");
	ok(pos.n == 1 && !strcmp(pos.items[0], "up"), "positional kept");
	ss_strlist_release(&pos);

	v = (struct vals){ 0 };
	ok(PARSE(&v, &pos, 0, &err, "-database=b", "--output=y", "-prefetch", "0x10") == 0,
	   "-name=value and --name=value");
	is_str(v.db, "b", "-database=value");
	is_str(v.out, "y", "--output=value");
	is_int(v.n, 16, "Go hex syntax for unsigned ints");

	v = (struct vals){ 0 };
	ok(PARSE(&v, &pos, 0, &err, "-database", "c", "-verbose", "--flag=false", "-f") == 0, "flags");
	ok(v.common.verbose == 1, "-verbose sets the common flag");
	ok(v.flag == 1, "a later -f wins over --flag=false");

	v = (struct vals){ 0 };
	ok(PARSE(&v, &pos, 0, &err, "force", "-1", "--int", "-5") == 0, "negative numbers");
	ok(pos.n == 2 && !strcmp(pos.items[1], "-1"), "-1 is positional");
	is_int(v.i, -5, "an int option takes a negative value");
	ss_strlist_release(&pos);

	v = (struct vals){ 0 };
	ok(PARSE(&v, &pos, 0, &err, "-t", "a.*", "--include-table", "b", "--", "--database") == 0,
	   "lists and --");
	ok(v.list.n == 2 && !strcmp(v.list.items[1], "b"), "each list use appends");
	ok(pos.n == 1 && !strcmp(pos.items[0], "--database"), "after -- everything is positional");
	ss_strlist_release(&pos);
	ss_strlist_release(&v.list);

	v = (struct vals){ 0 };
	ok(PARSE(&v, &pos, SS_OPTS_STOP_AT_POSITIONAL, &err, "up", "--database", "z") == 0,
	   "stop at first positional");
	ok(v.db == NULL && pos.n == 3, "options after the command are positional in Go mode");
	ss_strlist_release(&pos);

	v = (struct vals){ 0 };
	ok(PARSE(&v, &pos, 0, &err, "--bogus") == -1, "unknown option fails");
	is_str(err.msg, "unknown option '--bogus'", "the error names the option");
	is_int(ss_err_exit_status(&err), 2, "usage error exits 2");
	ss_err_release(&err);
	ok(PARSE(&v, &pos, 0, &err, "-bogus=1") == -1, "unknown -name=value fails");
	is_str(err.msg, "unknown option '-bogus'", "the error names it without the value");
	ss_err_release(&err);
	ok(PARSE(&v, &pos, 0, &err, "--database") == -1, "missing value fails");
	is_str(err.msg, "option '--database' needs a value (URL)", "missing value message");
	ss_err_release(&err);
	ok(PARSE(&v, &pos, 0, &err, "--prefetch", "x") == -1, "bad uint fails");
	ss_err_release(&err);
	ok(PARSE(&v, &pos, 0, &err, "--flag=maybe") == -1, "bad bool fails");
	ss_err_release(&err);
	ss_strlist_release(&pos);

	ok(ss_parse_go_uint("0o17", &u) == 0 && u == 15, "0o octal");
	ok(ss_parse_go_uint("017", &u) == 0 && u == 15, "leading-zero octal");
	ok(ss_parse_go_uint("0b101", &u) == 0 && u == 5, "binary");
	ok(ss_parse_go_uint("08", &u) == -1, "08 is invalid");
	ok(ss_parse_go_uint("18446744073709551616", &u) == -1, "overflow is invalid");
	ok(ss_parse_go_uint("", &u) == -1, "empty is invalid");
	ok(ss_parse_go_int("-9223372036854775808", &s) == 0 && s == (-9223372036854775807LL - 1),
	   "int64 minimum");
	is_int(ss_parse_go_bool("True"), 1, "Go bool True");
	is_int(ss_parse_go_bool("yes"), -1, "yes is not a Go bool");
	return tap_done();
}

/* Unit tests for migration file names, the version index and plans. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "migrate/index.h"
#include "migrate/plan.h"
#include "util/err.h"
#include "util/xmalloc.h"
#include "tap.h"

static void name_is(const char *name, int want, unsigned long long v, int up, const char *title,
		    const char *ext)
{
	struct ss_mig_name n;
	int r = ss_mig_parse_name(name, &n);
	char label[256];

	snprintf(label, sizeof(label), "'%s' classified", name);
	if (!is_int(r, want, label) || r != SS_MIG_NAME_YES)
		return;
	snprintf(label, sizeof(label), "'%s' version/direction/title/ext", name);
	ok(n.version == v && n.up == up && n.title_len == strlen(title) &&
	   !strncmp(n.title, title, n.title_len) && !strcmp(n.ext, ext), label);
}

static void names(struct ss_strlist *l, const char *const *v)
{
	for (; *v; v++)
		ss_strlist_push(l, *v);
}

/* Render a plan as "1/u>1 2/u>2 ... END" for compact comparisons. */
static char *render(const struct ss_mig_plan *p)
{
	static const char *const ends[] = { "done", "no change", "short", "not exist", "no first",
					    "unknown" };
	char *out = ss_xstrdup("");

	for (size_t i = 0; i < p->n; i++) {
		char *o = out;

		out = ss_xasprintf("%s%llu/%c>%lld%s ", o, (unsigned long long)p->steps[i].version,
				   p->steps[i].up ? 'u' : 'd', (long long)p->steps[i].target,
				   p->steps[i].file < 0 ? "(nil)" : "");
		free(o);
	}
	{
		char *o = out;

		if (p->end == SS_MIG_END_SHORT)
			out = ss_xasprintf("%s%s %llu", o, ends[p->end], (unsigned long long)p->short_by);
		else if (p->end == SS_MIG_END_UNKNOWN)
			out = ss_xasprintf("%s%s %llu", o, ends[p->end], (unsigned long long)p->unknown);
		else
			out = ss_xasprintf("%s%s", o, ends[p->end]);
		free(o);
	}
	return out;
}

static void plan_is(const struct ss_mig_index *idx, long long cur, enum ss_mig_verb verb, int all,
		    unsigned long long n, const char *want, const char *label)
{
	struct ss_mig_request req = { verb, all, n };
	struct ss_mig_plan plan;
	char *got;

	ss_mig_plan_make(idx, cur, &req, &plan);
	got = render(&plan);
	is_str(got, want, label);
	free(got);
	ss_mig_plan_release(&plan);
}

int main(void)
{
	static const char *const set1[] = {
		"1_init.up.sql", "1_init.down.sql", "README.md", "2_users.up.sql",
		"3_only_down.down.sql", "5_five.up.sql", "5_five.down.sql", NULL
	};
	static const char *const dups[] = { "1_foobar.up.sql", "1_foobaz.up.sql", NULL };
	static const char *const big[] = { "9223372036854775808_x.up.sql", NULL };
	struct ss_strlist l = SS_STRLIST_INIT;
	struct ss_mig_index idx;
	struct ss_err err = SS_ERR_INIT;

	/* File names: golang-migrate's regex. */
	name_is("1_init.up.sql", SS_MIG_NAME_YES, 1, 1, "init", "sql");
	name_is("0010_x.down.sql", SS_MIG_NAME_YES, 10, 0, "x", "sql");
	name_is("1_a.up.b.down.sql", SS_MIG_NAME_YES, 1, 0, "a.up.b", "sql");
	name_is("1_.up.sql", SS_MIG_NAME_YES, 1, 1, "", "sql");
	name_is("5_x.up.", SS_MIG_NAME_YES, 5, 1, "x", "");
	name_is("0050_2.2.0_schema.up.sql", SS_MIG_NAME_YES, 50, 1, "2.2.0_schema", "sql");
	name_is("20230808180650_initial.up.sql", SS_MIG_NAME_YES, 20230808180650ULL, 1, "initial", "sql");
	name_is("12_3_x.up.sql", SS_MIG_NAME_YES, 12, 1, "3_x", "sql");
	name_is("1_x.up.tar.gz", SS_MIG_NAME_YES, 1, 1, "x", "tar.gz");
	name_is("README.md", SS_MIG_NAME_NO, 0, 0, "", "");
	name_is("1_x.sql", SS_MIG_NAME_NO, 0, 0, "", "");
	name_is(".1_x.up.sql", SS_MIG_NAME_NO, 0, 0, "", "");
	name_is("1x_y.up.sql", SS_MIG_NAME_NO, 0, 0, "", "");
	name_is("_x.up.sql", SS_MIG_NAME_NO, 0, 0, "", "");
	name_is("1_x.upsql", SS_MIG_NAME_NO, 0, 0, "", "");
	name_is("1_x\n.up.sql", SS_MIG_NAME_NO, 0, 0, "", "");
	name_is("atlas.sum", SS_MIG_NAME_NO, 0, 0, "", "");
	name_is("18446744073709551615_max.up.sql", SS_MIG_NAME_YES, 18446744073709551615ULL, 1, "max", "sql");
	name_is("18446744073709551616_over.up.sql", SS_MIG_NAME_OVERFLOW, 0, 0, "", "");

	/* The index. */
	names(&l, set1);
	ok(ss_mig_index_build(&idx, &l, &err) == 0, "index builds");
	is_int(idx.n, 4, "four versions (README ignored)");
	is_int(idx.v[0].version, 1, "sorted: 1 first");
	ok(idx.v[0].up >= 0 && idx.v[0].down >= 0, "1 has up and down");
	ok(idx.v[1].up >= 0 && idx.v[1].down < 0, "2 has only up");
	ok(idx.v[2].up < 0 && idx.v[2].down >= 0, "3 has only down");
	is_str(idx.v[3].up_title, "five", "title kept");
	is_int(ss_mig_index_find(&idx, 5), 3, "find 5");
	is_int(ss_mig_index_find(&idx, 4), -1, "4 is not there");

	/* Plans (golang-migrate's walks). */
	plan_is(&idx, -1, SS_MIG_UP, 1, 0, "1/u>1 2/u>2 3/u>3(nil) 5/u>5 done", "up from nothing");
	plan_is(&idx, 2, SS_MIG_UP, 1, 0, "3/u>3(nil) 5/u>5 done", "up from 2");
	plan_is(&idx, 5, SS_MIG_UP, 1, 0, "no change", "up at the last version");
	plan_is(&idx, -1, SS_MIG_UP, 0, 2, "1/u>1 2/u>2 done", "up 2");
	plan_is(&idx, 3, SS_MIG_UP, 0, 3, "5/u>5 short 2", "up 3 with one left: limit 2 short");
	plan_is(&idx, 5, SS_MIG_UP, 0, 1, "not exist", "up 1 at the end: file does not exist");
	plan_is(&idx, 4, SS_MIG_UP, 1, 0, "unknown 4", "up from a version the source lacks");
	plan_is(&idx, -1, SS_MIG_UP, 0, 0, "no change", "up 0");
	plan_is(&idx, 5, SS_MIG_DOWN, 1, 0, "5/d>3 3/d>2 2/d>1(nil) 1/d>-1 done", "down all");
	plan_is(&idx, -1, SS_MIG_DOWN, 1, 0, "no change", "down at no version");
	plan_is(&idx, -1, SS_MIG_DOWN, 0, 1, "not exist", "down 1 at no version");
	plan_is(&idx, 2, SS_MIG_DOWN, 0, 5, "2/d>1(nil) 1/d>-1 short 3", "down 5 from 2: limit 3 short");
	plan_is(&idx, 5, SS_MIG_DOWN, 0, 2, "5/d>3 3/d>2 done", "down 2");
	plan_is(&idx, -1, SS_MIG_GOTO, 0, 3, "1/u>1 2/u>2 3/u>3(nil) done", "goto 3 from nothing");
	plan_is(&idx, 5, SS_MIG_GOTO, 0, 2, "5/d>3 3/d>2 done", "goto 2 from 5");
	plan_is(&idx, 2, SS_MIG_GOTO, 0, 2, "no change", "goto the current version");
	plan_is(&idx, 2, SS_MIG_GOTO, 0, 4, "unknown 4", "goto a missing version");
	plan_is(&idx, 4, SS_MIG_GOTO, 0, 2, "unknown 4", "goto from a missing version names it");
	ss_mig_index_release(&idx);
	ss_strlist_release(&l);

	/* An empty source. */
	ok(ss_mig_index_build(&idx, &l, &err) == 0, "empty index builds");
	plan_is(&idx, -1, SS_MIG_UP, 1, 0, "no first", "up on an empty source: first .: ...");
	plan_is(&idx, -1, SS_MIG_UP, 0, 2, "no first", "up 2 on an empty source too");
	ss_mig_index_release(&idx);

	/* Duplicates: the second name (bytewise order) is the one named. */
	names(&l, dups);
	ok(ss_mig_index_build(&idx, &l, &err) == -1, "duplicate versions are refused");
	is_str(err.msg, "duplicate migration file: 1_foobaz.up.sql", "golang-migrate's message");
	ok(err.detail && strstr(err.detail, "1_foobar.up.sql"), "detail names both files");
	ss_err_release(&err);
	ss_strlist_release(&l);

	names(&l, big);
	ok(ss_mig_index_build(&idx, &l, &err) == -1, "a version above bigint is refused");
	ok(err.msg && strstr(err.msg, "9223372036854775808_x.up.sql"), "naming the file");
	ss_err_release(&err);
	ss_strlist_release(&l);
	return tap_done();
}

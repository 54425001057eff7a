/* Unit tests for the engine-neutral dump: quoting, order, cycles, patterns. */
#include <stdlib.h>
#include <string.h>

#include "dump/dump.h"
#include "sqlparse.h"
#include "tap.h"
#include "util/err.h"

static char *quoted(const char *name)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	ss_quote_ident(&b, name);
	return sqlp_buf_detach(&b, NULL);
}

static char *lit(const char *s)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	ss_quote_literal(&b, s);
	return sqlp_buf_detach(&b, NULL);
}

static int add(struct ss_dump *d, enum ss_dkind k, const char *name, const char *text)
{
	int o = ss_dump_add(d, k, 0, 0, "s", name, "", NULL);

	d->objs[o].text = ss_dump_strdup(d, text);
	return o;
}

/* The names of the objects in load order, space separated. */
static char *order_names(const struct ss_dump *d)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	for (size_t i = 0; i < d->norder; i++) {
		const struct ss_dobj *o = &d->objs[d->order[i]];

		sqlp_buf_addf(&b, "%s%s%s", i ? " " : "", o->name, o->section ? "/post" : "");
	}
	return sqlp_buf_detach(&b, NULL);
}

int main(void)
{
	struct ss_dump d;
	struct ss_err err = SS_ERR_INIT;
	char *s;
	int t1, t2, v, f, idx, fk, chk;

	ss_dump_set_keywords("select user table");
	is_str(s = quoted("users"), "users", "plain name unquoted"), free(s);
	is_str(s = quoted("user"), "\"user\"", "reserved word quoted"), free(s);
	is_str(s = quoted("Mixed"), "\"Mixed\"", "upper case quoted"), free(s);
	is_str(s = quoted("a\"b"), "\"a\"\"b\"", "embedded quote doubled"), free(s);
	is_str(s = quoted("1abc"), "\"1abc\"", "leading digit quoted"), free(s);
	is_str(s = lit("it's"), "'it''s'", "literal quote doubled"), free(s);
	is_str(s = lit("a\\b"), "E'a\\\\b'", "backslash gives an E'' literal"), free(s);

	/* ordering: dependencies first, then rank, then names */
	ss_dump_init(&d);
	t2 = add(&d, SS_DK_TABLE, "b", "CREATE TABLE b;\n");
	t1 = add(&d, SS_DK_TABLE, "a", "CREATE TABLE a;\n");
	idx = add(&d, SS_DK_INDEX, "a_idx", "CREATE INDEX;\n");
	fk = add(&d, SS_DK_FKEY, "a_fk", "ALTER TABLE a ADD FOREIGN KEY;\n");
	f = add(&d, SS_DK_FUNCTION, "f", "CREATE FUNCTION f;\n");
	v = add(&d, SS_DK_VIEW, "v", "CREATE VIEW v;\n");
	ss_dump_dep(&d, idx, t1, -1);
	ss_dump_dep(&d, fk, t1, -1);
	ss_dump_dep(&d, fk, t2, -1);
	ss_dump_dep(&d, v, t2, -1);
	ss_dump_dep(&d, f, t2, -1);	/* a function that needs a table's row type */
	ok(ss_dump_order(&d, &err) == 0, "order succeeds");
	is_str(s = order_names(&d), "a b f v a_idx/post a_fk/post", "smallest ready object first (rank, then name)"), free(s);
	ss_dump_release(&d);

	/* a pre-data object that needs a post-data one moves to post-data */
	ss_dump_init(&d);
	t1 = add(&d, SS_DK_TABLE, "t", "CREATE TABLE t;\n");
	idx = add(&d, SS_DK_INDEX, "i", "CREATE INDEX i;\n");
	v = add(&d, SS_DK_MATVIEW, "m", "CREATE MATERIALIZED VIEW m;\n");
	ss_dump_dep(&d, idx, t1, -1);
	ss_dump_dep(&d, v, idx, -1);
	ok(ss_dump_order(&d, &err) == 0, "order with a section move");
	is_str(s = order_names(&d), "t i/post m/post", "matview needing an index goes post-data"), free(s);
	ss_dump_release(&d);

	/* view <-> function cycle: placeholder first, real view later */
	ss_dump_init(&d);
	v = add(&d, SS_DK_VIEW, "v", "CREATE VIEW v AS SELECT f(v);\nALTER VIEW v OWNER TO x;\n");
	d.objs[v].def_len = strlen("CREATE VIEW v AS SELECT f(v);\n");
	d.objs[v].alt_text = ss_dump_strdup(&d, "CREATE VIEW v AS SELECT NULL::integer AS a;\n");
	f = add(&d, SS_DK_FUNCTION, "f", "CREATE FUNCTION f(v);\n");
	ss_dump_dep(&d, v, f, -1);
	ss_dump_dep(&d, f, v, -1);
	ok(ss_dump_order(&d, &err) == 0, "view cycle is broken");
	is_str(s = order_names(&d), "v f v/post", "placeholder, function, definition"), free(s);
	is_str(d.objs[d.order[2]].text, "CREATE OR REPLACE VIEW v AS SELECT f(v);\n",
	       "the definition replaces the placeholder");
	is_int(d.nsplits, 1, "one cycle broken");
	ss_dump_release(&d);

	/* table <-> function through an inline CHECK: the CHECK is split off */
	ss_dump_init(&d);
	t1 = add(&d, SS_DK_TABLE, "t", "CREATE TABLE t (a int, CONSTRAINT c CHECK (f(t)));\n");
	chk = ss_dump_add(&d, SS_DK_CHECK, 0, 0, "s", "c", "t", NULL);
	s = strstr(d.objs[t1].text, ", CONSTRAINT");
	ss_dump_frag(&d, t1, chk, (size_t)(s - d.objs[t1].text),
		     (size_t)(strstr(s, ")));") + 2 - d.objs[t1].text));
	d.objs[chk].alt_text = ss_dump_strdup(&d, "ALTER TABLE t ADD CONSTRAINT c CHECK (f(t));\n");
	f = add(&d, SS_DK_FUNCTION, "f", "CREATE FUNCTION f(t);\n");
	ss_dump_dep(&d, f, t1, -1);
	ss_dump_dep(&d, t1, f, chk);
	ok(ss_dump_order(&d, &err) == 0, "check cycle is broken");
	is_str(s = order_names(&d), "t f c", "table, function, then the constraint"), free(s);
	is_str(s = ss_dump_text(&d, t1), "CREATE TABLE t (a int);\n", "the table loses its inline CHECK"), free(s);
	is_str(s = ss_dump_text(&d, chk), "ALTER TABLE t ADD CONSTRAINT c CHECK (f(t));\n",
	       "the CHECK gets its own statement"), free(s);
	ss_dump_release(&d);

	/* a cycle with nothing to split fails, naming the objects */
	ss_dump_init(&d);
	t1 = add(&d, SS_DK_FUNCTION, "g", "x;\n");
	t2 = add(&d, SS_DK_FUNCTION, "h", "y;\n");
	ss_dump_dep(&d, t1, t2, -1);
	ss_dump_dep(&d, t2, t1, -1);
	ok(ss_dump_order(&d, &err) == -1, "unbreakable cycle fails");
	ok(err.detail && strstr(err.detail, "FUNCTION s.g") && strstr(err.detail, "FUNCTION s.h"),
	   "the cycle is printed");
	ss_err_release(&err);
	ss_dump_release(&d);

	/* patterns: anchored, qualified and bare */
	{
		struct ss_patlist l = SS_PATLIST_INIT;

		ok(ss_patlist_add(&l, "include-table", "users|app\\.o.*", &err) == 0, "pattern compiles");
		ok(ss_patlist_match(&l, "app", "users"), "bare name matches");
		ok(ss_patlist_match(&l, "app", "orders"), "qualified name matches");
		ok(!ss_patlist_match(&l, "app", "users2"), "anchored at the end");
		ok(!ss_patlist_match(&l, "app", "my_users"), "anchored at the start");
		ok(ss_patlist_add(&l, "include-table", "(", &err) == -1, "bad pattern fails");
		ok(err.kind == SS_ERR_USAGE && strstr(err.msg, "--include-table '('"), "and names itself");
		ss_err_release(&err);
		ss_patlist_release(&l);
	}
	ss_dump_set_keywords(NULL);
	return tap_done();
}

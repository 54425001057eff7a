/*
 * test_sqlparse.c - the sqlparse API: names, positions, the lexer's
 * contract (errors, limits, COPY pieces), classification of single
 * statements and CREATE TABLE elements.  Splitting hazards are covered by
 * the golden files (test_sqlparse_golden.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlp_render.h"
#include "tap.h"

static void test_names(void)
{
	enum sqlp_dialect d = SQLP_AUTO;

	ok(sqlp_dialect_parse("PostgreSQL", &d) == 0 && d == SQLP_POSTGRES, "parse postgresql");
	ok(sqlp_dialect_parse("mariadb", &d) == 0 && d == SQLP_MYSQL, "parse mariadb");
	ok(sqlp_dialect_parse("mssql", &d) == 0 && d == SQLP_TSQL, "parse mssql");
	ok(sqlp_dialect_parse("auto", &d) == 0 && d == SQLP_AUTO, "parse auto");
	ok(sqlp_dialect_parse("oracle", &d) == -1, "unknown dialect refused");
	is_str(sqlp_dialect_name(SQLP_TSQL), "tsql", "dialect name");
	is_str(sqlp_class_name(SQLP_C_PRIMARY_KEY), "primary-key", "class name");
	is_str(sqlp_class_name((enum sqlp_class)999), "other", "out-of-range class is other");
	is_str(sqlp_objkind_name(SQLP_O_MATVIEW), "materialized view", "object kind name");
	is_str(sqlp_cons_name(SQLP_K_FOREIGN_KEY), "foreign key", "constraint kind name");
}

static void test_positions(void)
{
	const char *s = "ab\ncd\xc3\xa9" "f\r\nx";
	unsigned line = 1, col = 1;

	sqlp_advance(s, 2, &line, &col);
	ok(line == 1 && col == 3, "advance within a line");
	line = 1, col = 1;
	sqlp_advance(s, 8, &line, &col);
	ok(line == 2 && col == 5, "advance counts UTF-8 characters, not bytes");
	line = 1, col = 1;
	sqlp_advance(s, strlen(s), &line, &col);
	ok(line == 3 && col == 2, "advance over CRLF");
	is_int(sqlp_char_offset("a\xc3\xa9z", 4, 3), 3, "char position 3 is byte 3");
	is_int(sqlp_char_offset("abc", 3, 1), 0, "char position 1 is byte 0");
	is_int(sqlp_char_offset("abc", 3, 9), 3, "past the end gives len");
}

struct collect {
	struct sqlp_item items[64];
	char texts[64][128];
	char objects[64][128];
	int n;
	int stop_at;
};

static int collect_cb(void *ctx, const struct sqlp_item *it)
{
	struct collect *c = ctx;

	if (c->n < 64) {
		c->items[c->n] = *it;
		snprintf(c->texts[c->n], sizeof(c->texts[0]), "%.*s", (int)it->len, it->text);
		snprintf(c->objects[c->n], sizeof(c->objects[0]), "%s", it->object);
	}
	c->n++;
	return c->stop_at && c->n == c->stop_at ? 7 : 0;
}

static void test_split_basics(void)
{
	struct sqlp_options pg = { SQLP_POSTGRES, 0, 0 };
	struct sqlp_error err;
	struct collect c;
	const char *sql = "SELECT 1;\n  SELECT 'é' ,\n 2;\nSELECT 3";

	memset(&c, 0, sizeof(c));
	ok(sqlp_split(sql, strlen(sql), &pg, collect_cb, &c, &err) == 0, "split returns 0");
	is_int(c.n, 3, "three statements");
	is_str(c.texts[1], "SELECT 'é' ,\n 2", "text excludes the terminator");
	ok(c.items[1].line == 2 && c.items[1].col == 3, "start line:col");
	ok(c.items[1].end_line == 3 && c.items[1].end_col == 3, "end line:col is the terminator");
	ok(c.items[2].flags & SQLP_F_UNTERMINATED, "last statement without ';' is unterminated");
	is_int(c.items[1].start, 12, "start offset");
	is_int(c.items[1].end, 12 + strlen("SELECT 'é' ,\n 2;"), "end offset");

	memset(&c, 0, sizeof(c));
	c.stop_at = 2;
	is_int(sqlp_split(sql, strlen(sql), &pg, collect_cb, &c, &err), 7,
	       "a nonzero callback return stops the split and is returned");
	is_int(c.n, 2, "no item after the stop");

	memset(&c, 0, sizeof(c));
	ok(sqlp_split("SELECT 1;\nSELECT $fn$ x", 23, &pg, collect_cb, &c, &err) == -1,
	   "unterminated dollar quote fails");
	is_str(err.msg, "unterminated dollar-quoted string $fn$", "message names the construct");
	ok(err.line == 2 && err.col == 8 && err.offset == 17, "error at the opening");
	is_int(err.code, SQLP_ERR_UNTERMINATED, "error code");
	is_int(c.n, 1, "items before the error were delivered");
}

static void test_lexer_contract(void)
{
	struct sqlp_options o = { SQLP_MYSQL, 0, 0 };
	struct sqlp_lexer *lx = sqlp_lexer_new(&o);
	struct sqlp_item it;

	ok(lx != NULL, "new lexer");
	ok(sqlp_lexer_feed(lx, "SELECT 1; SEL", 13) == 0, "feed");
	is_int(sqlp_lexer_next(lx, &it), SQLP_ITEM, "first statement ready");
	is_int(sqlp_lexer_next(lx, &it), SQLP_MORE, "second needs more input");
	ok(sqlp_lexer_feed(lx, "ECT 2", 5) == 0, "feed the rest");
	is_int(sqlp_lexer_next(lx, &it), SQLP_MORE, "still no terminator");
	sqlp_lexer_finish(lx);
	is_int(sqlp_lexer_next(lx, &it), SQLP_ITEM, "finish hands out the last statement");
	ok(it.len == 8 && !memcmp(it.text, "SELECT 2", 8), "its text spans both feeds");
	is_int(sqlp_lexer_next(lx, &it), SQLP_DONE, "then done");
	is_int(sqlp_lexer_next(lx, &it), SQLP_DONE, "and stays done");
	ok(sqlp_lexer_feed(lx, "x", 1) == -1, "feeding after finish fails");
	is_int(sqlp_lexer_error(lx)->code, SQLP_ERR_USAGE, "usage error");
	is_int(sqlp_lexer_next(lx, &it), SQLP_ERROR, "next reports the error from then on");
	sqlp_lexer_free(lx);

	o.max_stmt = 100;
	lx = sqlp_lexer_new(&o);
	{
		char big[300];

		memset(big, 'x', sizeof(big));
		memcpy(big, "SELECT '", 8);
		sqlp_lexer_feed(lx, big, sizeof(big));
		is_int(sqlp_lexer_next(lx, &it), SQLP_ERROR, "max_stmt stops a runaway statement");
		is_int(sqlp_lexer_error(lx)->code, SQLP_ERR_TOO_LARGE, "too-large error");
	}
	sqlp_lexer_free(lx);
	sqlp_lexer_free(NULL);
}

/* A COPY block larger than a piece comes out in pieces cut at line ends. */
static void test_copy_pieces(void)
{
	struct sqlp_buf in = SQLP_BUF_INIT, data = SQLP_BUF_INIT, r1 = SQLP_BUF_INIT,
			r2 = SQLP_BUF_INIT;
	struct sqlp_options o = { SQLP_POSTGRES, 0, 0 };
	struct sqlp_lexer *lx;
	struct sqlp_item it;
	int i, pieces = 0, first_ok = 1, cont_ok = 1, r;
	size_t at = 0;

	sqlp_buf_addstr(&in, "COPY public.big (a, b) FROM stdin;\n");
	for (i = 0; i < 6000; i++)
		sqlp_buf_addf(&data, "%d\tsome text; with -- and 'quotes' \\N\n", i);
	sqlp_buf_add(&in, data.data, data.len);
	sqlp_buf_addstr(&in, "\\.\nSELECT 1;\n");
	lx = sqlp_lexer_new(&o);
	sqlp_buf_reset(&data);
	while (at < in.len || !sqlp_lexer_error(lx)->code) {
		size_t k = in.len - at < 5000 ? in.len - at : 5000;

		if (k)
			sqlp_lexer_feed(lx, in.data + at, k);
		at += k;
		if (at == in.len)
			sqlp_lexer_finish(lx);
		while ((r = sqlp_lexer_next(lx, &it)) == SQLP_ITEM) {
			if (it.cls != SQLP_C_COPY_DATA)
				continue;
			pieces++;
			if (pieces == 1 && (it.flags & SQLP_F_CONT))
				first_ok = 0;
			if (pieces > 1 && !(it.flags & SQLP_F_CONT))
				cont_ok = 0;
			if (it.len > 65536 + 100 || (it.len && it.text[it.len - 1] != '\n'))
				cont_ok = 0;
			if (!(it.flags & SQLP_F_MORE))
				ok(it.term_len == 2 && !memcmp(it.term, "\\.", 2),
				   "the last piece ends with \\.");
			sqlp_buf_add(&data, it.text, it.len);
			if (strcmp(it.table, "public.big"))
				cont_ok = 0;
		}
		if (r != SQLP_MORE)
			break;
	}
	ok(r == SQLP_DONE, "done");
	ok(pieces >= 3, "a 230 KB block comes in several pieces");
	ok(first_ok && cont_ok, "pieces: first has no CONT, others have it, cut at line ends");
	ok(data.len + strlen("COPY public.big (a, b) FROM stdin;\n") + strlen("\\.\nSELECT 1;\n") ==
		   in.len,
	   "the pieces hold all the data");
	sqlp_lexer_free(lx);
	render_stream(&r1, in.data, in.len, SQLP_POSTGRES, 1);
	render_stream(&r2, in.data, in.len, SQLP_POSTGRES, 65536 * 3);
	ok(!strcmp(r1.data, r2.data), "piece boundaries do not depend on the chunk size");
	sqlp_buf_release(&in);
	sqlp_buf_release(&data);
	sqlp_buf_release(&r1);
	sqlp_buf_release(&r2);
}

static void test_blanked(void)
{
	struct sqlp_options o = { SQLP_POSTGRES, 0, 0 };
	struct collect c;
	const char *sql = "SELECT 1\n\\echo hi\n+ 2;";

	memset(&c, 0, sizeof(c));
	sqlp_split(sql, strlen(sql), &o, collect_cb, &c, NULL);
	is_int(c.n, 2, "meta-command inside a statement is its own item");
	is_int(c.items[0].cls, SQLP_C_PSQL_META, "first the meta-command");
	ok(c.items[0].flags & SQLP_F_EMBEDDED, "flagged embedded");
	is_str(c.texts[1], "SELECT 1\n        \n+ 2", "the statement has it blanked out");
	ok(c.items[1].flags & SQLP_F_BLANKED, "flagged blanked");
}

struct cls_case {
	enum sqlp_dialect d;
	const char *sql;
	enum sqlp_class cls;
	const char *object;
	const char *table;
};

static const struct cls_case cls_cases[] = {
	{ SQLP_POSTGRES, "CREATE TABLE Public.\"MixedCase\" (id int)", SQLP_C_TABLE, "public.\"MixedCase\"", "" },
	{ SQLP_POSTGRES, "create table IF NOT EXISTS a.b()", SQLP_C_TABLE, "a.b", "" },
	{ SQLP_POSTGRES, "/* c */ -- x\n CREATE OR REPLACE VIEW v AS SELECT 1", SQLP_C_VIEW, "v", "" },
	{ SQLP_POSTGRES, "ALTER TABLE ONLY s.t ADD CONSTRAINT t_pkey PRIMARY KEY (id)", SQLP_C_PRIMARY_KEY, "t_pkey", "s.t" },
	{ SQLP_POSTGRES, "ALTER TABLE s.t ADD FOREIGN KEY (a) REFERENCES u(id) NOT VALID", SQLP_C_FOREIGN_KEY, "", "s.t" },
	{ SQLP_POSTGRES, "ALTER TABLE s.t ADD COLUMN c int", SQLP_C_ALTER_TABLE, "s.t", "s.t" },
	{ SQLP_POSTGRES, "CREATE UNIQUE INDEX i ON ONLY s.t (a)", SQLP_C_UNIQUE_INDEX, "i", "s.t" },
	{ SQLP_POSTGRES, "CREATE TRIGGER tr AFTER INSERT ON s.t FOR EACH ROW EXECUTE FUNCTION f()", SQLP_C_TRIGGER, "tr", "s.t" },
	{ SQLP_POSTGRES, "ALTER TABLE ONLY s.t ENABLE ALWAYS TRIGGER tr", SQLP_C_TRIGGER_STATE, "tr", "s.t" },
	{ SQLP_POSTGRES, "ALTER TABLE s.t DISABLE RULE r", SQLP_C_RULE_STATE, "r", "s.t" },
	{ SQLP_POSTGRES, "alter table s.t enable replica rule \"R\"", SQLP_C_RULE_STATE, "\"R\"", "s.t" },
	{ SQLP_POSTGRES, "COMMENT ON COLUMN s.t.c IS 'x'", SQLP_C_COMMENT, "s.t.c", "s.t" },
	{ SQLP_POSTGRES, "ALTER SEQUENCE s.seq OWNED BY s.t.id", SQLP_C_SEQUENCE_OWNED, "s.seq", "s.t" },
	{ SQLP_POSTGRES, "ALTER SEQUENCE s.seq OWNED BY NONE", SQLP_C_SEQUENCE, "s.seq", "" },
	{ SQLP_POSTGRES, "SELECT pg_catalog.setval('s.\"Seq\"', 1)", SQLP_C_SETVAL, "s.\"Seq\"", "" },
	{ SQLP_POSTGRES, "ALTER FUNCTION f(int) OWNER TO x", SQLP_C_OWNER, "f", "" },
	{ SQLP_POSTGRES, "GRANT ALL ON SEQUENCE s.seq TO x", SQLP_C_GRANT, "s.seq", "" },
	{ SQLP_POSTGRES, "SET ROLE admin", SQLP_C_OWNER, "admin", "" },
	{ SQLP_POSTGRES, "BEGIN", SQLP_C_TRANSACTION, "", "" },
	{ SQLP_POSTGRES, "EXPLAIN SELECT 1", SQLP_C_OTHER, "", "" },
	{ SQLP_POSTGRES, "", SQLP_C_OTHER, "", "" },
	{ SQLP_MYSQL, "CREATE TABLE `my db`.`t``x` (id int)", SQLP_C_TABLE, "`my db`.`t``x`", "" },
	{ SQLP_MYSQL, "/*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013 DEFINER=`a`@`%` SQL SECURITY DEFINER */ /*!50001 VIEW `v` AS select 2 AS `x` */", SQLP_C_VIEW, "v", "" },
	{ SQLP_MYSQL, "/*!50001 CREATE VIEW `v` AS SELECT\n 1 AS `a` */", SQLP_C_VIEW_STANDIN, "v", "" },
	{ SQLP_MYSQL, "CREATE DEFINER=foo@'localhost' /*c*/ FUNCTION db.f() RETURNS int RETURN 1", SQLP_C_FUNCTION, "db.f", "" },
	{ SQLP_MYSQL, "create definer=foo@..x$y. FUNCTION g() RETURNS int RETURN 1", SQLP_C_FUNCTION, "g", "" },
	{ SQLP_MYSQL, "ALTER TABLE t ADD KEY k (a), ADD KEY k2 (b)", SQLP_C_INDEX, "k", "t" },
	{ SQLP_MYSQL, "ALTER TABLE t ADD UNIQUE INDEX u (a)", SQLP_C_UNIQUE, "u", "t" },
	{ SQLP_MYSQL, "DROP SCHEMA IF EXISTS sakila", SQLP_C_DATABASE, "sakila", "" },
	{ SQLP_MYSQL, "SET @@GLOBAL.GTID_PURGED='x'", SQLP_C_REPLICATION, "@@GLOBAL.GTID_PURGED", "" },
	{ SQLP_MYSQL, "LOCK TABLES `t` WRITE", SQLP_C_LOCK, "t", "t" },
	{ SQLP_MYSQL, "/*!40000 ALTER TABLE `t` DISABLE KEYS */", SQLP_C_KEYS, "t", "t" },
	{ SQLP_TSQL, "CREATE TABLE [dbo].[Order Details] (id int)", SQLP_C_TABLE, "dbo.[Order Details]", "" },
	{ SQLP_TSQL, "ALTER TABLE [dbo].[T] WITH NOCHECK ADD CONSTRAINT [FK_x] FOREIGN KEY ([a]) REFERENCES [dbo].[U] ([id])", SQLP_C_FOREIGN_KEY, "FK_x", "dbo.T" },
	{ SQLP_TSQL, "ALTER TABLE [dbo].[T] NOCHECK CONSTRAINT [FK_x]", SQLP_C_CONSTRAINT_STATE, "FK_x", "dbo.T" },
	{ SQLP_TSQL, "IF NOT EXISTS (SELECT 1) BEGIN CREATE INDEX ix ON dbo.T (a) END", SQLP_C_INDEX, "ix", "dbo.T" },
	{ SQLP_TSQL, "EXEC sp_executesql N'ALTER TABLE [x] ADD CONSTRAINT [pk] PRIMARY KEY ([id])'", SQLP_C_PRIMARY_KEY, "pk", "x" },
	{ SQLP_TSQL, "EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'v', @level0type=N'SCHEMA', @level0name=N'dbo', @level1type=N'TABLE', @level1name=N'T'", SQLP_C_COMMENT, "dbo.T", "dbo.T" },
	{ SQLP_TSQL, "CREATE TRIGGER t ON ALL SERVER FOR LOGON AS PRINT 1", SQLP_C_EVENT_TRIGGER, "t", "" },
	{ SQLP_TSQL, "ALTER INDEX [ix] ON [dbo].[T] DISABLE", SQLP_C_INDEX, "ix", "dbo.T" },
	{ SQLP_TSQL, "DISABLE TRIGGER [ddl] ON DATABASE", SQLP_C_EVENT_TRIGGER, "ddl", "" },
	{ SQLP_TSQL, "enable trigger t1, t2 on all server", SQLP_C_EVENT_TRIGGER, "t1", "" },
	{ SQLP_TSQL, "DISABLE TRIGGER [dbo].[trg] ON [dbo].[T]", SQLP_C_TRIGGER_STATE, "dbo.trg", "dbo.T" },
	{ SQLP_TSQL, "BEGIN TRANSACTION", SQLP_C_TRANSACTION, "", "" },
	{ SQLP_TSQL, "BEGIN SELECT 1 END", SQLP_C_OTHER, "", "" },
};

static void test_classify(void)
{
	struct sqlp_buf names = SQLP_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cls_cases) / sizeof(cls_cases[0]); i++) {
		const struct cls_case *k = &cls_cases[i];
		struct sqlp_item it;
		char label[256];

		memset(&it, 0, sizeof(it));
		ok(sqlp_classify(k->d, k->sql, strlen(k->sql), 0, &it, &names) == 0, "classify");
		snprintf(label, sizeof(label), "%s: %.60s", sqlp_dialect_name(k->d), k->sql);
		for (char *q = label; *q; q++)
			if (*q == '\n')
				*q = ' ';
		if (!ok(it.cls == k->cls && !strcmp(it.object, k->object) &&
			!strcmp(it.table, k->table), label))
			printf("#   got %s '%s' on '%s'\n", sqlp_class_name(it.cls), it.object,
			       it.table);
	}
	sqlp_buf_release(&names);
}

struct elems {
	char lines[32][160];
	int n;
	const char *text;
};

static int elem_cb(void *ctx, const struct sqlp_elem *e)
{
	struct elems *x = ctx;
	static const char *const kinds[] = { "column", "constraint", "like", "other",
					      "auto_increment" };

	if (x->n < 32)
		snprintf(x->lines[x->n], sizeof(x->lines[0]), "%s %s [%.*s] %.*s", kinds[e->kind],
			 sqlp_cons_name(e->cons), (int)e->name_len, x->text + e->name_off,
			 (int)e->len, x->text + e->off);
	x->n++;
	return 0;
}

static void test_table_elements(void)
{
	const char *my = "CREATE TABLE `orders` (\n"
			 "  `id` int NOT NULL AUTO_INCREMENT,\n"
			 "  `c` int /*!50601 DEFAULT 1*/,\n"
			 "  `n` decimal(9,2) DEFAULT '1,0',\n"
			 "  PRIMARY KEY (`id`),\n"
			 "  UNIQUE KEY `u` (`n`,`c`),\n"
			 "  KEY `k` (`c`),\n"
			 "  FULLTEXT KEY `f` (`n`),\n"
			 "  CONSTRAINT `fk` FOREIGN KEY (`c`) REFERENCES `x` (`id`),\n"
			 "  CHECK (c > 0)\n"
			 ") ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4";
	struct elems x;

	memset(&x, 0, sizeof(x));
	x.text = my;
	is_int(sqlp_table_elements(SQLP_MYSQL, my, strlen(my), elem_cb, &x), 0, "elements read");
	is_int(x.n, 10, "nine elements and AUTO_INCREMENT");
	is_str(x.lines[0], "column  [`id`] `id` int NOT NULL AUTO_INCREMENT", "column");
	is_str(x.lines[1], "column  [`c`] `c` int /*!50601 DEFAULT 1*/", "column with executable comment");
	is_str(x.lines[2], "column  [`n`] `n` decimal(9,2) DEFAULT '1,0'", "commas inside parens and strings");
	is_str(x.lines[3], "constraint primary key [] PRIMARY KEY (`id`)", "primary key");
	is_str(x.lines[4], "constraint unique [`u`] UNIQUE KEY `u` (`n`,`c`)", "unique key");
	is_str(x.lines[5], "constraint index [`k`] KEY `k` (`c`)", "key");
	is_str(x.lines[6], "constraint fulltext [`f`] FULLTEXT KEY `f` (`n`)", "fulltext");
	is_str(x.lines[7], "constraint foreign key [`fk`] CONSTRAINT `fk` FOREIGN KEY (`c`) REFERENCES `x` (`id`)", "foreign key");
	is_str(x.lines[8], "constraint check [] CHECK (c > 0)", "check");
	is_str(x.lines[9], "auto_increment  [] AUTO_INCREMENT=42", "AUTO_INCREMENT table option");
	memset(&x, 0, sizeof(x));
	x.text = "CREATE VIEW v AS SELECT 1";
	is_int(sqlp_table_elements(SQLP_MYSQL, x.text, strlen(x.text), elem_cb, &x), 1,
	       "not a CREATE TABLE");
	x.text = "CREATE TABLE t AS SELECT 1";
	is_int(sqlp_table_elements(SQLP_POSTGRES, x.text, strlen(x.text), elem_cb, &x), 1,
	       "CREATE TABLE AS has no element list");
	memset(&x, 0, sizeof(x));
	x.text = "CREATE TABLE s.t (id int, CONSTRAINT t_pk PRIMARY KEY (id), LIKE u INCLUDING ALL)";
	sqlp_table_elements(SQLP_POSTGRES, x.text, strlen(x.text), elem_cb, &x);
	is_str(x.lines[1], "constraint primary key [t_pk] CONSTRAINT t_pk PRIMARY KEY (id)", "named pk");
	is_str(x.lines[2], "like  [] LIKE u INCLUDING ALL", "LIKE");
}

static void test_encodings(void)
{
	/* UTF-16LE with BOM, one byte at a time: same as UTF-8 */
	const char le[] = "\xff\xfeS\0E\0L\0E\0C\0T\0 \0\xe9\0;\0";
	struct sqlp_buf a = SQLP_BUF_INIT, b = SQLP_BUF_INIT;

	render_stream(&a, le, sizeof(le) - 1, SQLP_POSTGRES, 1);
	render_stream(&b, "SELECT \xc3\xa9;", 10, SQLP_POSTGRES, 3);
	is_str(a.data, b.data, "UTF-16LE input reads as its UTF-8 transcoding");
	sqlp_buf_release(&a);
	sqlp_buf_release(&b);
}

int main(void)
{
	test_names();
	test_positions();
	test_split_basics();
	test_lexer_contract();
	test_copy_pieces();
	test_blanked();
	test_classify();
	test_table_elements();
	test_encodings();
	return tap_done();
}

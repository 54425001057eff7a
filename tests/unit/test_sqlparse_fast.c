/*
 * test_sqlparse_fast.c - the fast path for common pg_dump statements
 * (sqlparse/fastpath.c) must classify exactly as the rules of classify.c
 * do.  Generates variants of each shape it takes (and of near misses):
 * keyword case, whitespace and comments between tokens, names that are
 * keywords, quoted, upper-case or qualified, clauses with commas, quotes
 * and NOT VALID, and compares every field sqlp_classify() fills with
 * sqlp__classify_rules() (the rules alone).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlp_int.h"
#include "tap.h"

static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

#define PICK(a) (a)[pick(sizeof(a) / sizeof((a)[0]))]

static struct sqlp_buf sql = SQLP_BUF_INIT;

static void sep(void);

/* A keyword in upper, lower or mixed case. */
static void kw(const char *w)
{
	unsigned mode = pick(4);
	size_t i;

	for (i = 0; w[i]; i++) {
		char ch = w[i];

		/* the words of a phrase ("primary key") with other blanks, at times */
		if (ch == ' ' && pick(4) == 0) {
			sep();
			continue;
		}
		if (mode == 0 || (mode == 3 && pick(2)))
			ch = (char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
		sqlp_buf_addch(&sql, ch);
	}
}

/* Whitespace (or a comment) between tokens; mostly one space. */
static void sep(void)
{
	static const char *const seps[] = { "\n    ", "\t", "  ", "/* c */ ", "-- c\n", "\n",
					    "/**/", "/* , */ ", "--\n  " };

	if (pick(3))
		sqlp_buf_addch(&sql, ' ');
	else
		sqlp_buf_addstr(&sql, PICK(seps));
}

static void name(void)
{
	static const char *const parts[] = {
		"public", "t", "ai_tags", "x1", "_u", "api_keys_id_seq", "on", "only", "if",
		"concurrently", "owner", "owned", "valid", "key", "unique", "index", "table",
		"by", "add", "alter", "Foo", "\"Foo\"", "\"a b\"", "\"on\"", "a$b", "e", "n",
		"caf\xc3\xa9", "T1", "*", "1a", "x'y'",
		/* 15, 16 and 31 bytes: dots at the edges of 16-byte blocks */
		"abcdefghijklmno", "abcdefghijklmnop", "index_ai_tags_on_media_asset_id",
		"a_b_c_d_e_f_g_h", "x1234567890123_", "a.b",
	};
	static const char *const dots[] = { ".", ".", ".", ".", " . ", ".\n", "./**/" };
	unsigned n = 1 + pick(3) / 2 + (pick(8) == 0), i;

	for (i = 0; i < n; i++) {
		if (i)
			sqlp_buf_addstr(&sql, PICK(dots));
		/* plain names half the time, the first six of the list */
		if (pick(40) == 0) {
			/* about as long as a name may be (the rules keep 511 bytes) */
			unsigned k = 240 + pick(290);

			while (k--)
				sqlp_buf_addch(&sql, "abc_9"[pick(5)]);
		} else {
			sqlp_buf_addstr(&sql, pick(2) ? parts[pick(6)] : PICK(parts));
		}
	}
	if (pick(10) == 0)
		sqlp_buf_addstr(&sql, pick(2) ? "." : "*");
}

static void rest(void)
{
	static const char *const frags[] = {
		"(id)", "(a, b)", "(a,b)", "(lower((name)::text))", "USING btree (x)",
		"REFERENCES public.users(id)", "REFERENCES public.users(id) DEFERRABLE INITIALLY DEFERRED",
		"NOT VALID", "NOT  /* x */ VALID", "(x > 0) NOT VALID", ", ADD CONSTRAINT y CHECK (z)",
		"DEFAULT nextval('public.s'::regclass)", "DEFAULT -1", "-- c, d\n(x)", "/* , */ (x)",
		"'a,b'", "$$,$$", "$1", "\"c,d\"", "WITH (fillfactor='70')", "", "OWNER TO me",
		"OWNED BY NONE", "is_valid", "owner_id", "(a) , (b)", ")(,", "E'\\'', x", "(", "PARTITION OF p",
		"AS SELECT 1", "SET STATISTICS 1000", "INCLUDE (a, b)", "WHERE (a, b) IS NOT NULL",
	};
	unsigned n = pick(3), i;

	for (i = 0; i < n; i++) {
		sep();
		sqlp_buf_addstr(&sql, PICK(frags));
	}
}

static void gen(void)
{
	sqlp_buf_reset(&sql);
	switch (pick(9)) {
	case 0:
	case 1:
		kw("create");
		if (pick(3) == 0) {
			sep();
			kw("unique");
		}
		sep();
		kw(pick(8) ? "index" : "table");
		if (pick(8) == 0) {
			sep();
			kw("concurrently");
		}
		if (pick(10) == 0) {
			sep();
			kw("if not exists");
		}
		sep();
		name();
		sep();
		kw(pick(10) ? "on" : "using");
		if (pick(4) == 0) {
			sep();
			kw("only");
		}
		sep();
		name();
		sep();
		kw("using btree");
		rest();
		break;
	case 2:
		kw("create");
		sep();
		kw(pick(2) ? "table" : pick(2) ? "sequence" : "unlogged table");
		if (pick(10) == 0) {
			sep();
			kw("if not exists");
		}
		sep();
		name();
		if (pick(2))
			sep();
		if (pick(4))
			sqlp_buf_addstr(&sql, "(\n    id integer NOT NULL,\n    x text\n)");
		rest();
		break;
	case 3:
	case 4: {
		static const char *const kinds[] = { "primary key", "unique", "foreign key", "check",
						     "exclude using gist", "primary", "default",
						     "unique key", "foreign" };

		kw("alter");
		sep();
		kw("table");
		if (pick(10) == 0) {
			sep();
			kw("if exists");
		}
		if (pick(3)) {
			sep();
			kw("only");
		}
		sep();
		name();
		sep();
		if (pick(4) == 0) {
			static const char *const acts[] = { "alter column", "owner to", "owner",
							    "attach partition", "attach", "enable trigger",
							    "owner  to", "attach  partition" };

			kw(PICK(acts));
			if (pick(3)) {
				/* the role, or the partition and its bounds */
				sep();
				name();
				if (pick(2)) {
					sep();
					kw("for values from");
					sqlp_buf_addstr(&sql, pick(2) ? " ('2022-01-01') TO ('2022-02-01')"
								      : " (1, 'a') TO (2, 'b')");
				}
			}
		} else {
			kw("add");
			if (pick(8)) {
				sep();
				kw("constraint");
				sep();
				name();
			}
			sep();
			kw(PICK(kinds));
		}
		rest();
		break;
	}
	case 5:
		kw("alter");
		sep();
		kw("sequence");
		sep();
		name();
		sep();
		kw(pick(6) ? "owned by" : pick(2) ? "owner to" : "restart");
		sep();
		name();
		rest();
		break;
	case 6: {
		static const char *const privs[] = { "select", "all", "select,insert,update",
						     "usage", "all privileges", "select, delete",
						     "select(a)", "grant option for select", "on",
						     "x1", "truncate,references,trigger", "_x", "1" };
		static const char *const kinds[] = { "table", "sequence", "schema", "function",
						     "all tables in schema", "", "type", "column",
						     "database", "table only" };

		kw(pick(2) ? "grant" : "revoke");
		sep();
		kw(PICK(privs));
		sep();
		kw("on");
		sep();
		kw(PICK(kinds));
		sep();
		name();
		if (pick(4)) {
			sep();
			kw(pick(2) ? "to" : "from");
			sep();
			kw(pick(2) ? "public" : "app_ro");
		}
		rest();
		break;
	}
	case 7: {
		static const char *const kinds[] = { "table", "column", "index", "sequence", "view",
						     "schema", "extension", "function", "constraint",
						     "materialized view", "trigger", "" };

		kw("comment");
		sep();
		kw(pick(10) ? "on" : "of");
		sep();
		kw(PICK(kinds));
		sep();
		name();
		if (pick(5)) {
			sep();
			kw("is");
			sqlp_buf_addstr(&sql, pick(2) ? " 'a note'" : " NULL");
		}
		rest();
		break;
	}
	default:
		kw(pick(2) ? "create" : "alter");
		rest();
		break;
	}
	if (pick(6) == 0)
		sqlp_buf_addstr(&sql, pick(2) ? " " : "\n--");
}

static int same(const struct sqlp_item *a, const struct sqlp_item *b)
{
	return a->cls == b->cls && a->objkind == b->objkind && a->cons == b->cons &&
	       a->flags == b->flags && !strcmp(a->object, b->object) && !strcmp(a->table, b->table);
}

int main(int argc, char **argv)
{
	static const char *const shapes[] = {
		"CREATE INDEX index_ai_tags_on_media_asset_id ON public.ai_tags USING btree (media_asset_id)",
		"CREATE UNIQUE INDEX i ON ONLY public.t USING btree (a, b)",
		"CREATE TABLE public.ai_tags (\n    media_asset_id integer NOT NULL\n)",
		"CREATE SEQUENCE public.api_keys_id_seq\n    AS integer\n    START WITH 1",
		"ALTER TABLE ONLY public.api_keys\n    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id)",
		"ALTER TABLE ONLY public.t\n    ADD CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES public.u(a, b)",
		"ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass)",
		"ALTER SEQUENCE public.api_keys_id_seq OWNED BY public.api_keys.id",
		"ALTER TABLE public.actor OWNER TO postgres",
		"GRANT SELECT,INSERT ON TABLE public.actor TO app",
		"REVOKE ALL ON SCHEMA public FROM PUBLIC",
		"GRANT USAGE ON SEQUENCE public.actor_actor_id_seq TO app",
		"COMMENT ON COLUMN public.actor.first_name IS 'given name'",
		"COMMENT ON TABLE public.actor IS 'actors'",
		"COMMENT ON INDEX public.actor_pkey IS 'the key'",
		("ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p2022_01 FOR VALUES "
		 "FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00')"),
	};
	struct sqlp_buf n1 = SQLP_BUF_INIT, n2 = SQLP_BUF_INIT;
	struct sqlp_item a, b;
	unsigned i, bad = 0, shown = 0, runs = argc > 1 ? (unsigned)atoi(argv[1]) : 200000;
	size_t k;

	if (argc > 2)
		rng = strtoull(argv[2], NULL, 10) | 1;

	for (k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		sqlp_classify(SQLP_POSTGRES, shapes[k], strlen(shapes[k]), 0, &a, &n1);
		sqlp__classify_rules(SQLP_POSTGRES, shapes[k], strlen(shapes[k]), 0, &b, &n2);
		ok(same(&a, &b) && a.cls != SQLP_C_OTHER, shapes[k]);
	}
	sqlp_classify(SQLP_POSTGRES, shapes[5], strlen(shapes[5]), 0, &a, &n1);
	is_str(a.object, "fk", "foreign key: its name");
	is_str(a.table, "public.t", "foreign key: its table");
	ok(a.cls == SQLP_C_FOREIGN_KEY && a.flags == SQLP_F_ONLY, "foreign key: one action, ONLY");
	for (i = 0; i < runs; i++) {
		unsigned session = pick(4) == 0 ? SQLP_S_SCS_OFF : 0;

		gen();
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		if (sqlp_classify(SQLP_POSTGRES, sql.data, sql.len, session, &a, &n1) ||
		    sqlp__classify_rules(SQLP_POSTGRES, sql.data, sql.len, session, &b, &n2)) {
			bad++;
			continue;
		}
		if (!same(&a, &b)) {
			if (shown++ < 5)
				printf("# differs: [%s]\n#   fast %s %s %s %x, rules %s %s %s %x\n", sql.data,
				       sqlp_class_name(a.cls), a.object, a.table, a.flags,
				       sqlp_class_name(b.cls), b.object, b.table, b.flags);
			bad++;
		}
	}
	is_int(bad, 0, "generated statements: fast path and rules agree");
	sqlp_buf_release(&sql);
	sqlp_buf_release(&n1);
	sqlp_buf_release(&n2);
	return tap_done();
}

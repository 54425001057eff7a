/*
 * test_filter.c - the filter engine through its library interface: kinds
 * and their fates, what follows what, rewrites, client lines per dialect,
 * selection, and that the result does not depend on how input is cut.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter/filter.h"
#include "filter/filter_int.h"
#include "tap.h"
#include "util/err.h"
#include "util/xmalloc.h"

struct out {
	struct sqlp_buf pre, post, rep, hdr_pre, hdr_post;
	int rc;
	char errmsg[256];
};

static int buf_write(void *ctx, const char *data, size_t len, struct ss_err *err)
{
	(void)err;
	sqlp_buf_add(ctx, data, len);
	return 0;
}

/* Filter len bytes of input, fed in chunks of chunk bytes (0: all at once). */
static void filt_bytes(struct ss_filter_config *cfg, const char *input, size_t len, size_t chunk,
		       struct out *o)
{
	struct ss_filter_sink pre = { buf_write, &o->pre }, post = { buf_write, &o->post };
	struct ss_filter_sink rep = { buf_write, &o->rep };
	struct ss_err err = SS_ERR_INIT;
	struct ss_filter *f;
	int rc = 0;

	memset(o, 0, sizeof(*o));
	sqlp_buf_init(&o->pre);
	sqlp_buf_init(&o->post);
	sqlp_buf_init(&o->rep);
	sqlp_buf_init(&o->hdr_pre);
	sqlp_buf_init(&o->hdr_post);
	cfg->report = &rep;
	f = ss_filter_new(cfg, &pre, cfg->post_sync ? &post : NULL);
	if (ss_filter_wants_facts(f)) {
		rc = ss_filter_learn_begin(f, &err) || ss_filter_begin_input(f, "in.sql", &err) ||
		     ss_filter_feed(f, input, len, &err) || ss_filter_end_input(f, &err) ||
		     ss_filter_learn_end(f, &err);
	}
	if (!rc)
		rc = ss_filter_begin_input(f, "in.sql", &err);
	for (size_t off = 0; !rc && off < len;) {
		size_t n = chunk && chunk < len - off ? chunk : len - off;

		rc = ss_filter_feed(f, input + off, n, &err);
		off += n;
	}
	if (!rc)
		rc = ss_filter_end_input(f, &err) || ss_filter_finish(f, &err);
	if (!rc) {
		ss_filter_header(f, SS_OUT_PRE, "in.sql", &o->hdr_pre);
		ss_filter_header(f, SS_OUT_POST, "in.sql", &o->hdr_post);
	}
	o->rc = rc;
	if (rc)
		snprintf(o->errmsg, sizeof(o->errmsg), "%s:%u:%u: %s", err.file ? err.file : "",
			 err.line, err.column, err.msg ? err.msg : "");
	ss_err_release(&err);
	ss_filter_free(f);
	cfg->report = NULL;
}

static void filt_chunked(struct ss_filter_config *cfg, const char *input, size_t chunk,
			 struct out *o)
{
	filt_bytes(cfg, input, strlen(input), chunk, o);
}

static void filt(struct ss_filter_config *cfg, const char *input, struct out *o)
{
	filt_chunked(cfg, input, 0, o);
}

static void out_release(struct out *o)
{
	sqlp_buf_release(&o->pre);
	sqlp_buf_release(&o->post);
	sqlp_buf_release(&o->rep);
	sqlp_buf_release(&o->hdr_pre);
	sqlp_buf_release(&o->hdr_post);
}

static int has(const struct sqlp_buf *b, const char *s)
{
	return strstr(b->data, s) != NULL;
}

static int count(const struct sqlp_buf *b, const char *s)
{
	int n = 0;

	for (const char *p = b->data; (p = strstr(p, s)); p += strlen(s))
		n++;
	return n;
}

static void cfg_post(struct ss_filter_config *cfg, int post)
{
	ss_filter_config_init(cfg);
	cfg->post_sync = post;
}

/* --- kinds --------------------------------------------------------------- */

static void test_kinds(void)
{
	struct ss_filter_config cfg;
	struct ss_err err = SS_ERR_INIT;

	cfg_post(&cfg, 0);
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_TRIGGER), SS_FATE_STRIP, "triggers are stripped");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_TRIGGER_STATE), SS_FATE_STRIP,
	       "ENABLE/DISABLE TRIGGER follows trigger");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_RULE_STATE), SS_FATE_STRIP,
	       "ENABLE/DISABLE RULE follows rule");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_VIEW_STANDIN), SS_FATE_STRIP, "stand-ins follow views");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_MATVIEW_REFRESH), SS_FATE_STRIP, "REFRESH follows matview");
	is_int(ss_filter_kind_fate(&cfg, SS_FK_TRIGGER_FUNCTION), SS_FATE_KEEP,
	       "trigger functions are kept by default");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_COMMENT), SS_FATE_KEEP, "comments are kept");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_INDEX), SS_FATE_KEEP,
	       "without --post-sync nothing is deferred");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_PRIMARY_KEY), SS_FATE_KEEP, "primary keys stay");
	for (int k = 0; k < SS_FK_COUNT; k++)
		if (ss_filter_kind_fate(&cfg, k) == SS_FATE_DEFER)
			ok(0, ss_filter_kind_name(k));
	cfg_post(&cfg, 1);
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_INDEX), SS_FATE_DEFER, "--post-sync defers indexes");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_FOREIGN_KEY), SS_FATE_DEFER, "and foreign keys");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_UNIQUE), SS_FATE_DEFER, "and unique constraints");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_EXCLUSION), SS_FATE_DEFER, "and exclusion constraints");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_PRIMARY_KEY), SS_FATE_KEEP, "but not primary keys");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_TRIGGER), SS_FATE_STRIP, "triggers stay stripped");
	for (const char *const *p = (const char *const[]){ "grant", "owner", "default-privileges",
			 "security-label", "publication", "subscription", "event-trigger", "view",
			 "matview", NULL }; *p; p++) {
		struct ss_filter_config c;
		int k = -1;

		cfg_post(&c, 1);
		for (int i = 0; i < SS_FK_COUNT; i++)
			if (!strcmp(ss_filter_kind_name(i), *p))
				k = i;
		ok(k >= 0 && ss_filter_kind_fate(&c, k) == SS_FATE_STRIP, *p);
	}

	ok(!ss_filter_kinds_apply(&cfg, SS_OP_KEEP, "triggers", &err), "--keep triggers (plural)");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_TRIGGER), SS_FATE_DEFER,
	       "a kept trigger is deferred with --post-sync");
	ok(!ss_filter_kinds_apply(&cfg, SS_OP_STRIP, "trigger-functions, indexes", &err),
	   "--strip trigger-functions,indexes");
	is_int(ss_filter_kind_fate(&cfg, SS_FK_TRIGGER_FUNCTION), SS_FATE_STRIP, "trigger functions stripped");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_INDEX), SS_FATE_STRIP, "indexes stripped");
	ok(ss_filter_kinds_apply(&cfg, SS_OP_KEEP, "index", &err) && err.kind == SS_ERR_USAGE,
	   "one kind named for two ops is a usage error");
	ok(err.msg && strstr(err.msg, "index given both to --strip and to --keep"), err.msg);
	ss_err_release(&err);
	ok(ss_filter_kinds_apply(&cfg, SS_OP_STRIP, "views,nonsense", &err) &&
	   strstr(err.msg, "unknown kind 'nonsense'"), "unknown kind named");
	ss_err_release(&err);
	ok(ss_filter_kinds_apply(&cfg, SS_OP_DEFER, "session", &err) &&
	   strstr(err.msg, "every output file"), "session lines cannot be deferred");
	ss_err_release(&err);
	ok(ss_filter_kinds_apply(&cfg, SS_OP_STRIP, "", &err), "an empty name is an error");
	ss_err_release(&err);

	cfg_post(&cfg, 1);
	ok(!ss_filter_kinds_apply(&cfg, SS_OP_STRIP, "all", &err) &&
	   !ss_filter_kinds_apply(&cfg, SS_OP_KEEP, "table,primary-key", &err) &&
	   !ss_filter_kinds_apply(&cfg, SS_OP_KEEP, "data", &err), "--strip all --keep table,... --keep data");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_TABLE), SS_FATE_KEEP, "a named kind beats all");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_INSERT), SS_FATE_KEEP, "data beats all");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_SCHEMA), SS_FATE_STRIP, "the rest of all is stripped");
	cfg_post(&cfg, 1);
	ok(!ss_filter_kinds_apply(&cfg, SS_OP_DEFER, "all", &err), "--defer all skips session kinds");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_TABLE), SS_FATE_DEFER, "tables deferred by --defer all");
	cfg_post(&cfg, 1);
	ok(!ss_filter_kinds_apply(&cfg, SS_OP_PRE, "unique", &err), "--pre unique");
	is_int(ss_filter_kind_fate(&cfg, SQLP_C_UNIQUE), SS_FATE_KEEP, "keeps unique in pre-sync");
	ss_err_release(&err);
}

/* --- helpers ------------------------------------------------------------- */

static int collect_name(void *ctx, const char *name, size_t n)
{
	struct sqlp_buf *b = ctx;

	sqlp_buf_add(b, name, n);
	sqlp_buf_addch(b, '|');
	return 0;
}

static void test_helpers(void)
{
	struct ss_name nm;
	struct ss_action acts[8];
	size_t pl = 0, n;
	struct sqlp_buf b = SQLP_BUF_INIT, v[8];
	unsigned have;
	const char *alter = "ALTER TABLE ONLY public.t\n  ADD CONSTRAINT a CHECK (x IN (1, 2)),\n"
			    "  ADD COLUMN \"c,d\" text DEFAULT ',', ALTER b SET DEFAULT f(1, 2)";

	ss_name_init(&nm);
	is_int(ss_name_parse(&nm, "\"Mixed Case\".\"Table \"\"q\"\"\""), 2, "two parts");
	is_str(nm.part[1], "Table \"q\"", "quotes undoubled");
	is_int(ss_name_parse(&nm, "dbo.[Order Details]"), 2, "bracketed part");
	is_str(nm.part[1], "Order Details", "brackets removed");
	is_int(ss_name_parse(&nm, "`na``me`"), 1, "backquoted");
	is_str(nm.part[0], "na`me", "backquotes undoubled");
	is_int(ss_name_parse(&nm, "app.users.email"), 3, "column names have three parts");
	ss_name_release(&nm);

	ok(ss_filter_returns_trigger("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ x $$",
				     61), "RETURNS trigger");
	{
		const char *t = "CREATE FUNCTION app.f(a text DEFAULT 'returns trigger') RETURNS "
				"pg_catalog.\"trigger\" AS $$ $$";

		ok(ss_filter_returns_trigger(t, strlen(t)), "qualified, quoted, after a tricky default");
		t = "CREATE FUNCTION f() RETURNS integer AS $$ SELECT 1 -- RETURNS trigger\n $$";
		ok(!ss_filter_returns_trigger(t, strlen(t)), "not a trigger function");
		t = "CREATE FUNCTION f() RETURNS event_trigger AS 'x'";
		ok(ss_filter_returns_trigger(t, strlen(t)), "event_trigger too");
	}

	n = ss_filter_split_actions(SQLP_POSTGRES, alter, strlen(alter), &pl, acts, 8);
	is_int(n, 3, "three actions");
	is_int(pl, strlen("ALTER TABLE ONLY public.t\n  "), "prefix up to the first action");
	ok(n == 3 && acts[1].len == strlen("ADD COLUMN \"c,d\" text DEFAULT ','") &&
	   !strncmp(alter + acts[1].off, "ADD COLUMN", 10), "commas in quotes do not split");

	sqlp_buf_reset(&b);
	ok(ss_filter_references(SQLP_MYSQL, "CONSTRAINT `f` FOREIGN KEY (`a`) REFERENCES `db`.`p` (`id`)",
				60, &b) && !strcmp(b.data, "`db`.`p`"), "REFERENCES target");

	for (int i = 0; i < 8; i++)
		sqlp_buf_init(&v[i]);
	{
		const char *x = "EXECUTE [sys].[sp_addextendedproperty] N'MS_Description', N'It''s', "
				"N'SCHEMA', [Production], N'TABLE', [Product Review], N'INDEX', [IX a]";

		ok(ss_filter_xprop(x, strlen(x), v, &have), "extended property parsed");
		is_int(have, 0xff, "all eight arguments present");
		is_str(v[1].data, "It's", "value undoubled");
		is_str(v[5].data, "Product Review", "level1 name unbracketed");
		is_str(v[7].data, "IX a", "level2 name");
		x = "EXEC sp_addextendedproperty @name = N'd', @value = 'v', @level0type = N'TRIGGER', "
		    "@level0name = [ddl]";
		ok(ss_filter_xprop(x, strlen(x), v, &have) && (have & 12) == 12 &&
		   !strcmp(v[2].data, "TRIGGER") && !strcmp(v[3].data, "ddl"), "named arguments");
		x = "EXEC dbo.other N'x'";
		ok(!ss_filter_xprop(x, strlen(x), v, &have), "another procedure is not one");
	}
	for (int i = 0; i < 8; i++)
		sqlp_buf_release(&v[i]);
	{
		const char *t = "ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0) NOT VALID";

		ok(ss_filter_ends_not_valid(SQLP_POSTGRES, t, strlen(t)), "NOT VALID at the end");
	}
	ok(!ss_filter_ends_not_valid(SQLP_POSTGRES, "COMMENT ON x IS 'NOT VALID'", 27),
	   "not inside a string");
	sqlp_buf_reset(&b);
	{
		const char *t = "CREATE FUNCTION app.f(app.v, \"App\".\"W\") RETURNS SETOF app.v2 "
				"LANGUAGE sql AS $$ SELECT * FROM app.x $$";

		ss_filter_signature_names(SQLP_POSTGRES, t, strlen(t), collect_name, &b);
		ok(strstr(b.data, "app.v|") && strstr(b.data, "\"App\".\"W\"|") &&
		   strstr(b.data, "app.v2|") && !strstr(b.data, "app.x"), b.data);
	}
	sqlp_buf_release(&b);
}

/* --- PostgreSQL ------------------------------------------------------------ */

static const char pg_dump[] =
	"--\n-- PostgreSQL database dump\n--\n\n"
	"\\restrict k3y\n\n"
	"SET statement_timeout = 0;\n"
	"SELECT pg_catalog.set_config('search_path', '', false);\n\n"
	"CREATE FUNCTION public.touch() RETURNS trigger\n    LANGUAGE plpgsql\n    AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;\n\n"
	"COMMENT ON FUNCTION public.touch() IS 'sets at';\n\n"
	"CREATE TABLE public.users (\n    id integer NOT NULL,\n    key character varying NOT NULL,\n    at timestamp\n);\n\n"
	"ALTER TABLE public.users OWNER TO alice;\n\n"
	"CREATE SEQUENCE public.users_id_seq START WITH 1;\n\n"
	"ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;\n\n"
	"CREATE TABLE public.orders (\n    id integer NOT NULL,\n    user_id integer\n);\n\n"
	"CREATE VIEW public.v AS SELECT 1 AS a;\n\n"
	"COMMENT ON VIEW public.v IS 'a view';\n\n"
	"CREATE FUNCTION public.uses_v(public.v) RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;\n\n"
	"COPY public.users (id, key, at) FROM stdin;\n1\tk\t\\N\n\\.\n\n"
	"SELECT pg_catalog.setval('public.users_id_seq', 1, true);\n\n"
	"ALTER TABLE ONLY public.users\n    ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n\n"
	"ALTER TABLE ONLY public.users\n    ADD CONSTRAINT users_key_key UNIQUE (key);\n\n"
	"CREATE INDEX users_at ON public.users USING btree (at);\n\n"
	"COMMENT ON INDEX public.users_at IS 'by time';\n\n"
	"ALTER TABLE public.users CLUSTER ON users_at;\n\n"
	"CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch();\n\n"
	"COMMENT ON TRIGGER users_touch ON public.users IS 'keeps at';\n\n"
	"ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES public.users(id) NOT VALID;\n\n"
	"ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_pos CHECK (id > 0) NOT VALID;\n\n"
	"GRANT SELECT ON TABLE public.users TO bob;\n\n"
	"\\unrestrict k3y\n";

static void test_pg(void)
{
	struct ss_filter_config cfg;
	struct ss_err err = SS_ERR_INIT;
	struct out o, o1;
	const char *k1, *k2;

	cfg_post(&cfg, 1);
	filt(&cfg, pg_dump, &o);
	is_int(o.rc, 0, "pg: filtered");
	ok(has(&o.pre, "CREATE TABLE public.users (\n    id integer NOT NULL,\n    key character "
		       "varying NOT NULL,\n    at timestamp\n);"), "a column named key stays in its table");
	ok(has(&o.pre, "\n-- PostgreSQL database dump\n"), "the opening comment stays");
	ok(has(&o.pre, "SET statement_timeout = 0;") && has(&o.post, "SET statement_timeout = 0;") &&
	   has(&o.post, "set_config('search_path', '', false);"), "session lines in both files");
	ok(has(&o.pre, "CREATE FUNCTION public.touch() RETURNS trigger") &&
	   has(&o.pre, "COMMENT ON FUNCTION public.touch()"), "trigger function and comment kept");
	ok(!has(&o.pre, "OWNER TO") && !has(&o.post, "OWNER TO"), "owner stripped");
	ok(!has(&o.pre, "GRANT") && !has(&o.post, "GRANT"), "grant stripped");
	ok(!has(&o.pre, "CREATE VIEW") && !has(&o.pre, "COMMENT ON VIEW"), "view and its comment stripped");
	ok(!has(&o.pre, "uses_v"), "a function taking the view's row type goes with it");
	ok(!has(&o.pre, "COPY ") && !has(&o.pre, "1\tk") && !has(&o.pre, "setval"), "data stripped");
	ok(has(&o.pre, "ADD CONSTRAINT users_pkey PRIMARY KEY (id);"), "primary key in pre-sync");
	ok(has(&o.post, "ADD CONSTRAINT users_key_key UNIQUE (key);") && !has(&o.pre, "UNIQUE (key)"),
	   "unique deferred");
	ok(has(&o.post, "CREATE INDEX users_at") && has(&o.post, "COMMENT ON INDEX public.users_at") &&
	   has(&o.post, "CLUSTER ON users_at"), "index, its comment and CLUSTER ON deferred");
	ok(!has(&o.pre, "TRIGGER") && !has(&o.post, "CREATE TRIGGER") &&
	   !has(&o.post, "COMMENT ON TRIGGER"), "trigger and its comment stripped");
	ok(has(&o.post, "orders_user_fk FOREIGN KEY") && has(&o.post, "orders_pos CHECK (id > 0) NOT VALID"),
	   "foreign key and NOT VALID check deferred");
	is_int(count(&o.pre, "\\restrict "), 1, "pre: one \\restrict");
	is_int(count(&o.post, "\\unrestrict "), 1, "post: one \\unrestrict");
	k1 = strstr(o.pre.data, "\\restrict ");
	k2 = strstr(o.post.data, "\\restrict ");
	ok(k1 && k2 && strncmp(k1, k2, 10 + 64) && !has(&o.pre, "k3y"), "a new key per file");
	ok(k1 && strstr(o.pre.data, "\\unrestrict ") &&
	   !strncmp(k1 + 10, strstr(o.pre.data, "\\unrestrict ") + 12, 64), "\\unrestrict matches");
	ok(has(&o.hdr_pre, "-- stripped:") && has(&o.hdr_pre, "1 view") && has(&o.hdr_pre, "1 trigger") &&
	   has(&o.hdr_pre, "2 owner") == 0 && has(&o.hdr_pre, "1 owner"), "header: stripped counts");
	ok(has(&o.hdr_post, "-- deferred to the post-sync part:") && has(&o.hdr_post, "1 index") &&
	   has(&o.hdr_post, "1 foreign-key") && has(&o.hdr_post, "1 unique"), "header: deferred counts");
	ok(has(&o.rep, "\tcomment\tpublic.users_at\tdeferred\tnames index public.users_at: deferred with "
		       "the indexes\n"), "report: a comment on an index is deferred");
	ok(has(&o.rep, "\tfunction\tpublic.uses_v\tstripped\tuses the row type of view public.v"),
	   "report says why");

	/* cutting the input anywhere gives the same files */
	filt_chunked(&cfg, pg_dump, 1, &o1);
	ok(o1.rc == 0 && o1.pre.len == o.pre.len && o1.post.len == o.post.len &&
	   !strcmp(o1.rep.data, o.rep.data), "fed one byte at a time: same result");
	out_release(&o1);
	out_release(&o);

	/* without --post-sync: one file, nothing deferred, statements in their place */
	cfg_post(&cfg, 0);
	filt(&cfg, pg_dump, &o);
	ok(o.rc == 0 && has(&o.pre, "CREATE INDEX users_at") && has(&o.pre, "orders_user_fk") &&
	   strstr(o.pre.data, "users_pkey") < strstr(o.pre.data, "users_at"), "without --post-sync all in pre");
	ok(has(&o.hdr_pre, "-- deferred: nothing"), "header says nothing deferred");
	out_release(&o);

	/* --strip trigger-functions takes its comment; --keep trigger defers the trigger */
	cfg_post(&cfg, 1);
	ss_filter_kinds_apply(&cfg, SS_OP_STRIP, "trigger-functions", &err);
	ss_filter_kinds_apply(&cfg, SS_OP_KEEP, "trigger,owner,data", &err);
	filt(&cfg, pg_dump, &o);
	ok(!has(&o.pre, "touch() RETURNS") && !has(&o.pre, "COMMENT ON FUNCTION public.touch"),
	   "--strip trigger-functions, with its comment");
	ok(has(&o.post, "CREATE TRIGGER users_touch") && has(&o.post, "COMMENT ON TRIGGER"),
	   "--keep trigger: deferred with its comment");
	ok(has(&o.pre, "ALTER TABLE public.users OWNER TO alice;"), "--keep owner");
	ok(has(&o.pre, "COPY public.users (id, key, at) FROM stdin;\n1\tk\t\\N\n\\.") &&
	   has(&o.pre, "setval"), "--keep data: COPY with its data");
	out_release(&o);
	ss_err_release(&err);
}

/* --- selection --------------------------------------------------------------- */

static const char pg_sel[] =
	"CREATE SCHEMA audit;\n"
	"CREATE TABLE public.users (id integer NOT NULL);\n"
	"CREATE SEQUENCE public.users_id_seq;\n"
	"ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;\n"
	"CREATE TABLE public.events (id int, at date) PARTITION BY RANGE (at);\n"
	"CREATE TABLE public.events_2024 (id int, at date);\n"
	"CREATE TABLE audit.log (id int);\n"
	"CREATE FUNCTION audit.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
	"COMMENT ON TABLE public.users IS 'u';\n"
	"ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
	"ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
	"CREATE INDEX events_2024_at ON public.events_2024 (at);\n"
	"ALTER TABLE ONLY audit.log ADD CONSTRAINT log_pkey PRIMARY KEY (id);\n";

static void test_selection(void)
{
	struct ss_filter_config cfg;
	struct ss_dump_select sel = { SS_PATLIST_INIT, SS_PATLIST_INIT, SS_PATLIST_INIT,
				      SS_PATLIST_INIT };
	struct ss_err err = SS_ERR_INIT;
	struct out o;

	cfg_post(&cfg, 0);
	ss_patlist_add(&sel.exclude_table, "exclude-table", "events", &err);
	ss_patlist_add(&sel.exclude_schema, "exclude-schema", "audit", &err);
	cfg.select = &sel;
	filt(&cfg, pg_sel, &o);
	is_int(o.rc, 0, "selection: filtered");
	ok(!has(&o.pre, "audit"), "excluded schema: schema, table, function, key all gone");
	ok(!has(&o.pre, "events"), "excluded table: its partition (attached later), index, attach gone");
	ok(has(&o.pre, "CREATE TABLE public.users") && has(&o.pre, "users_id_seq") &&
	   has(&o.pre, "COMMENT ON TABLE public.users"), "the rest stays");
	ok(has(&o.rep, "in.sql:6:1\ttable\tpublic.events_2024\texcluded"), "report says excluded");
	out_release(&o);
	ss_patlist_release(&sel.exclude_table);
	ss_patlist_release(&sel.exclude_schema);

	ss_patlist_add(&sel.include_table, "include-table", "public\\.users", &err);
	filt(&cfg, pg_sel, &o);
	ok(o.rc == 0 && has(&o.pre, "CREATE SEQUENCE public.users_id_seq") &&
	   has(&o.pre, "OWNED BY public.users.id"), "include-table brings the owned sequence");
	ok(!has(&o.pre, "CREATE TABLE public.events") && !has(&o.pre, "audit.log"),
	   "other tables excluded");
	ok(has(&o.pre, "CREATE SCHEMA audit") && has(&o.pre, "audit.f()"),
	   "objects outside tables follow only schema patterns");
	out_release(&o);
	ss_patlist_release(&sel.include_table);
	ss_err_release(&err);
}

/*
 * Thousands of excluded primary keys: each is remembered twice, as a
 * constraint and as its index, so the map of removed objects grows between
 * the two (it used to write through an entry the growth had moved).
 */
static void test_selection_many(void)
{
	struct ss_filter_config cfg;
	struct ss_dump_select sel = { SS_PATLIST_INIT, SS_PATLIST_INIT, SS_PATLIST_INIT,
				      SS_PATLIST_INIT };
	struct ss_err err = SS_ERR_INIT;
	struct sqlp_buf in = SQLP_BUF_INIT;
	struct out o;

	/* one more entry first: the growth falls on the second of the two */
	sqlp_buf_addstr(&in, "CREATE TABLE public.lone (id integer);\n");
	for (int i = 0; i < 3000; i++)
		sqlp_buf_addf(&in, "CREATE TABLE public.t%d (id integer NOT NULL);\n"
				   "ALTER TABLE ONLY public.t%d ADD CONSTRAINT t%d_pkey PRIMARY KEY (id);\n"
				   "COMMENT ON INDEX public.t%d_pkey IS 'k';\n",
			      i, i, i, i);
	cfg_post(&cfg, 1);
	ss_patlist_add(&sel.include_table, "include-table", "public\\.t7", &err);
	cfg.select = &sel;
	filt(&cfg, in.data, &o);
	is_int(o.rc, 0, "3000 tables, one selected: filtered");
	ok(has(&o.pre, "CREATE TABLE public.t7 ") && has(&o.pre, "t7_pkey PRIMARY KEY") &&
	   has(&o.post, "COMMENT ON INDEX public.t7_pkey"),
	   "the selected table keeps its key, the comment on its index goes after the data");
	is_int(count(&o.pre, "CREATE TABLE"), 1, "the others are left out");
	is_int(count(&o.post, "COMMENT ON INDEX"), 1, "and so are the comments on their keys' indexes");
	out_release(&o);
	ss_patlist_release(&sel.include_table);
	sqlp_buf_release(&in);
	ss_err_release(&err);
}

/* --- MySQL ------------------------------------------------------------------- */

static const char my_dump[] =
	"/*M!999999\\- enable the sandbox mode */ \n"
	"-- MariaDB dump 10.19\n"
	"/*!40101 SET NAMES utf8mb4 */;\n"
	"DROP TABLE IF EXISTS `child`;\n"
	"CREATE TABLE `child` (\n"
	"  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
	"  `parent_id` int(11) NOT NULL,\n"
	"  PRIMARY KEY (`id`),\n"
	"  KEY `ix_parent` (`parent_id`),\n"
	"  CONSTRAINT `fk_p` FOREIGN KEY (`parent_id`) REFERENCES `parent` (`id`),\n"
	"  CONSTRAINT `ck` CHECK (`id` > 0)\n"
	") ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=latin1;\n"
	"DELIMITER ;;\n"
	"/*!50003 CREATE*/ /*!50017 DEFINER=`u`@`h`*/ /*!50003 TRIGGER tr AFTER INSERT ON child FOR EACH ROW BEGIN SET @a = 1; END */;;\n"
	"DELIMITER ;\n"
	"DROP TABLE IF EXISTS `v`;\n"
	"/*!50001 DROP VIEW IF EXISTS `v`*/;\n"
	"SET @saved_cs_client     = @@character_set_client;\n"
	"/*!50001 CREATE VIEW `v` AS SELECT 1 AS `a` */;\n"
	"SET character_set_client = @saved_cs_client;\n"
	"DELIMITER ;;\n"
	"CREATE DEFINER=`u`@`h` FUNCTION `f`(x int) RETURNS int\n    DETERMINISTIC\nBEGIN RETURN x; END ;;\n"
	"DELIMITER ;\n"
	"/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n";

static void test_mysql(void)
{
	struct ss_filter_config cfg;
	struct ss_err err = SS_ERR_INIT;
	struct out o;

	cfg_post(&cfg, 1);
	filt(&cfg, my_dump, &o);
	is_int(o.rc, 0, "mysql: filtered");
	ok(!has(&o.pre, "999999") && !has(&o.post, "999999"), "sandbox line stripped");
	ok(has(&o.pre, "CREATE TABLE `child` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
		       "  `parent_id` int(11) NOT NULL,\n  PRIMARY KEY (`id`),\n"
		       "  CONSTRAINT `ck` CHECK (`id` > 0)\n) ENGINE=InnoDB DEFAULT CHARSET=latin1;"),
	   "keys and the foreign key moved out, CHECK and PRIMARY KEY stay, AUTO_INCREMENT=N gone");
	ok(has(&o.post, "ALTER TABLE `child`\n\tADD KEY `ix_parent` (`parent_id`),\n"
			"\tADD CONSTRAINT `fk_p` FOREIGN KEY (`parent_id`) REFERENCES `parent` (`id`);"),
	   "one ALTER TABLE in post-sync");
	ok(has(&o.pre, "DROP TABLE IF EXISTS `child`;"), "DROP before a table kept");
	ok(!has(&o.pre, "`v`") && !has(&o.post, "`v`"), "view stand-in, its DROP TABLE and DROP VIEW gone");
	ok(!has(&o.pre, "TRIGGER"), "trigger stripped");
	is_int(count(&o.pre, "DELIMITER ;;"), 1, "one DELIMITER ;; for the function");
	ok(has(&o.pre, "DELIMITER ;;\nCREATE DEFINER=`u`@`h` FUNCTION `f`") &&
	   has(&o.pre, "END ;;\n\nDELIMITER ;"), "DELIMITER around the routine");
	ok(!has(&o.post, "DELIMITER"), "post-sync needs none");
	ok(has(&o.post, "/*!40101 SET NAMES utf8mb4 */;") &&
	   has(&o.post, "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;"), "session lines in post too");
	ok(has(&o.hdr_pre, "2 auto-increment") == 0 && has(&o.hdr_pre, "1 auto-increment"),
	   "AUTO_INCREMENT counted");
	out_release(&o);

	ss_filter_kinds_apply(&cfg, SS_OP_KEEP, "trigger", &err);
	filt(&cfg, my_dump, &o);
	ok(has(&o.post, "DELIMITER ;;\n/*!50003 CREATE*/") && has(&o.post, "END */;;\n") &&
	   has(&o.post, "\nDELIMITER ;\n"), "a deferred trigger gets its DELIMITER lines in post-sync");
	ok(!has(&o.pre, "TRIGGER tr"), "and is not in pre-sync");
	out_release(&o);
	ss_err_release(&err);
}

/* --- T-SQL -------------------------------------------------------------------- */

static const char tsql[] =
	":setvar Db \"x\"\n"
	"SET QUOTED_IDENTIFIER ON\nGO\n"
	"CREATE TABLE [dbo].[Orders] (\n\t[Id] int NOT NULL,\n\t[Cust] int NULL,\n"
	"\tCONSTRAINT [PK_Orders] PRIMARY KEY CLUSTERED ([Id]),\n"
	"\tCONSTRAINT [FK_Orders_Cust] FOREIGN KEY ([Cust]) REFERENCES [dbo].[Cust] ([Id])\n)\nGO\n"
	"CREATE NONCLUSTERED INDEX [IX_Cust] ON [dbo].[Orders] ([Cust]);\n"
	"CREATE CLUSTERED INDEX [CX] ON [dbo].[Other] ([A]);\n"
	"GO\n"
	"ALTER TABLE [dbo].[Orders] CHECK CONSTRAINT [FK_Orders_Cust]\nGO\n"
	"EXEC sys.sp_addextendedproperty N'MS_Description', N'd', N'SCHEMA', [dbo], N'TABLE', [Orders], N'INDEX', [IX_Cust];\n"
	"GO\n"
	"CREATE VIEW [dbo].[V] AS SELECT 1 AS A\nGO\n"
	"EXEC sys.sp_addextendedproperty N'MS_Description', N'd', N'SCHEMA', [dbo], N'VIEW', [V];\n"
	"PRINT 'done';\n";

static void test_tsql(void)
{
	struct ss_filter_config cfg;
	struct out o;

	cfg_post(&cfg, 1);
	cfg.dialect = SQLP_TSQL;
	filt(&cfg, tsql, &o);
	is_int(o.rc, 0, "tsql: filtered");
	ok(has(&o.pre, ":setvar Db \"x\"") && has(&o.post, ":setvar Db \"x\""), "sqlcmd lines in both");
	ok(has(&o.pre, "\tCONSTRAINT [PK_Orders] PRIMARY KEY CLUSTERED ([Id])\n)\nGO"),
	   "clustered primary key stays in the table");
	ok(has(&o.post, "ALTER TABLE [dbo].[Orders]\n\tADD CONSTRAINT [FK_Orders_Cust] FOREIGN KEY"),
	   "inline foreign key moved to post-sync");
	ok(has(&o.post, "CREATE NONCLUSTERED INDEX [IX_Cust] ON [dbo].[Orders] ([Cust]);\nGO") &&
	   has(&o.pre, "CREATE CLUSTERED INDEX [CX] ON [dbo].[Other] ([A]);\nGO"),
	   "one batch split: each part ends with GO in its file");
	ok(has(&o.post, "ALTER TABLE [dbo].[Orders] CHECK CONSTRAINT [FK_Orders_Cust]\nGO"),
	   "CHECK CONSTRAINT follows its foreign key");
	ok(has(&o.post, "N'INDEX', [IX_Cust]"), "extended property on an index follows it");
	ok(!has(&o.pre, "VIEW") && !has(&o.post, "VIEW"), "view and its extended property stripped");
	ok(has(&o.pre, "PRINT 'done';\nGO\n"), "the last batch is closed");
	ok(!has(&o.pre, "GO\nGO") && !has(&o.post, "GO\nGO") && !has(&o.pre, "GO\n\nGO"),
	   "no empty batches");
	out_release(&o);

	/* one ADD with a list: split by fate, each part with the ADD and WITH CHECK */
	filt(&cfg, "CREATE INDEX [IX] ON [T] ([A]);\n"
		   "ALTER TABLE [dbo].[T] WITH CHECK ADD CONSTRAINT [PK] PRIMARY KEY ([Id]),\n"
		   "\tCONSTRAINT [FK] FOREIGN KEY ([P]) REFERENCES [P] ([Id]), [X] int NULL\nGO\n"
		   "ALTER TABLE [T] ADD [Y] int, [Z] int\nGO\n", &o);
	ok(has(&o.pre, "ALTER TABLE [dbo].[T] WITH CHECK ADD CONSTRAINT [PK] PRIMARY KEY ([Id]), [X] int NULL\nGO"),
	   "tsql ADD list: the key and the column stay in pre-sync");
	ok(has(&o.post, "ALTER TABLE [dbo].[T] WITH CHECK ADD CONSTRAINT [FK] FOREIGN KEY ([P]) REFERENCES [P] ([Id])\nGO"),
	   "tsql ADD list: the foreign key goes to post-sync");
	ok(has(&o.post, "CREATE INDEX [IX] ON [T] ([A]);\n") && !has(&o.pre, "CREATE INDEX"),
	   "the batch's index in post-sync");
	ok(has(&o.rep, "split by fate: primary-key kept, foreign-key deferred, alter-table kept"),
	   "the report says how it was split");
	ok(has(&o.pre, "ALTER TABLE [T] ADD [Y] int, [Z] int\nGO"), "a list of one fate goes whole");
	ok(!has(&o.pre, "GO\nGO") && !has(&o.post, "GO\nGO"), "no empty batches after a split");
	out_release(&o);
}

/* --- constraints inside column definitions ------------------------------------ */

static void test_column_scan(void)
{
	struct ss_colcons cc[4];
	size_t nl = 0, n;
	const char *c = "\"Parent Id\" int NOT NULL CONSTRAINT fk REFERENCES app.p (id) MATCH FULL "
			"ON DELETE SET NULL (x) ON UPDATE CASCADE NOT DEFERRABLE INITIALLY IMMEDIATE "
			"DEFAULT 0 UNIQUE NULLS NOT DISTINCT INCLUDE (y) WITH (fillfactor=1) NOT NULL";

	n = ss_filter_column_constraints(SQLP_POSTGRES, c, strlen(c), &nl, cc, 4);
	is_int(n, 2, "pg column: a foreign key and a unique constraint");
	is_int(nl, 11, "the column name, quotes included");
	ok(n == 2 && cc[0].cons == SQLP_K_FOREIGN_KEY && !strncmp(c + cc[0].off, "CONSTRAINT fk REF", 17) &&
	   !strncmp(c + cc[0].off + cc[0].len - 19, "INITIALLY IMMEDIATE", 19) && cc[0].name_len == 2,
	   "from CONSTRAINT to its last option");
	ok(n == 2 && cc[1].cons == SQLP_K_UNIQUE && cc[1].nins == 1 &&
	   !strncmp(c + cc[1].ins[0].at - 8, "DISTINCT", 8) &&
	   !strncmp(c + cc[1].off + cc[1].len - 19, "WITH (fillfactor=1)", 19),
	   "UNIQUE: the column list goes after NULLS NOT DISTINCT");
	c = "id int NOT NULL AUTO_INCREMENT KEY COMMENT 'primary key', ts timestamp";
	n = ss_filter_column_constraints(SQLP_MYSQL, c, 34, &nl, cc, 4);
	ok(n == 1 && cc[0].cons == SQLP_K_PRIMARY_KEY && cc[0].nins == 2 &&
	   cc[0].ins[0].what == SS_INS_PRIMARY, "MySQL: KEY alone is the primary key");
	c = "ts timestamp DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP REFERENCES t (a) "
	    "ON UPDATE CURRENT_TIMESTAMP";
	n = ss_filter_column_constraints(SQLP_MYSQL, c, strlen(c), &nl, cc, 4);
	ok(n == 1 && cc[0].len == strlen("REFERENCES t (a)"),
	   "MySQL: ON UPDATE CURRENT_TIMESTAMP is the column's, not the foreign key's");
	c = "[d] datetime NOT NULL CONSTRAINT [DF] DEFAULT -(1) * 2 NOT NULL CHECK NOT FOR "
	    "REPLICATION ([d] > 0) FOREIGN KEY REFERENCES [x]";
	n = ss_filter_column_constraints(SQLP_TSQL, c, strlen(c), &nl, cc, 4);
	ok(n == 3 && cc[0].cons == SQLP_K_DEFAULT && cc[0].len == strlen("CONSTRAINT [DF] DEFAULT -(1) * 2") &&
	   cc[1].cons == SQLP_K_CHECK && cc[2].cons == SQLP_K_FOREIGN_KEY &&
	   cc[2].ins[0].what == SS_INS_COLUMN_LIST_BEFORE, "T-SQL: DEFAULT, CHECK NOT FOR REPLICATION, FOREIGN KEY");
	c = "x int REFERENCES";
	ok(ss_filter_column_constraints(SQLP_POSTGRES, c, strlen(c), &nl, cc, 4) == SS_COLCONS_ERROR,
	   "a REFERENCES without a table is not understood");
	c = "unique_id int DEFAULT unique_fn() NOT NULL -- references x\n";
	is_int((int)ss_filter_column_constraints(SQLP_POSTGRES, c, strlen(c), &nl, cc, 4), 0,
	       "names and comments with the words are not constraints");
}

static void test_columns(void)
{
	struct ss_filter_config cfg;
	struct ss_err err = SS_ERR_INIT;
	struct out o;

	cfg_post(&cfg, 1);
	filt(&cfg, "CREATE TABLE c (id int PRIMARY KEY, p_id int CONSTRAINT c_p REFERENCES p (id) "
		   "ON DELETE CASCADE DEFERRABLE, code text NOT NULL UNIQUE, n int -- why\n"
		   "  CHECK (n > 0) REFERENCES p, key text UNIQUE);\n", &o);
	is_int(o.rc, 0, "columns: filtered");
	ok(has(&o.pre, "CREATE TABLE c (id int PRIMARY KEY, p_id int, code text NOT NULL, n int -- why\n"
		       "  CHECK (n > 0), key text);"), "the clauses leave their columns, the rest stays");
	ok(has(&o.post, "ALTER TABLE \"c\"\n\tADD CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id) "
			"ON DELETE CASCADE DEFERRABLE,\n\tADD UNIQUE (code),\n\tADD FOREIGN KEY (n) "
			"REFERENCES p,\n\tADD UNIQUE (key);"), "post-sync: their table-constraint forms");
	ok(has(&o.hdr_pre, "deferred to the post-sync part: 2 unique, 2 foreign-key"), "counted in the header");
	ok(has(&o.rep, "(4 from column definitions)"), "the report says where they came from");
	out_release(&o);

	filt(&cfg, "CREATE TABLE c (bad int REFERENCES, ok int UNIQUE);\n", &o);
	ok(has(&o.pre, "(bad int REFERENCES, ok int);") && has(&o.post, "ADD UNIQUE (ok);"),
	   "a column that does not read as expected stays whole, the others move");
	out_release(&o);

	/* without a post-sync part nothing moves: the statement is the input's */
	cfg_post(&cfg, 0);
	filt(&cfg, "CREATE TABLE c (p_id int REFERENCES p (id), code text UNIQUE);\n", &o);
	ok(has(&o.pre, "CREATE TABLE c (p_id int REFERENCES p (id), code text UNIQUE);"),
	   "without --post-sync the table is untouched");
	out_release(&o);

	/* stripped: removed outright, and remembered by name */
	cfg_post(&cfg, 1);
	ss_filter_kinds_apply(&cfg, SS_OP_STRIP, "foreign-key", &err);
	filt(&cfg, "CREATE TABLE c (p_id int CONSTRAINT c_p REFERENCES p (id), code text UNIQUE);\n"
		   "COMMENT ON CONSTRAINT c_p ON c IS 'x';\n", &o);
	ok(has(&o.pre, "CREATE TABLE c (p_id int, code text);") && has(&o.post, "ADD UNIQUE (code);") &&
	   !has(&o.post, "REFERENCES"), "--strip foreign-key removes a column REFERENCES");
	ok(!has(&o.pre, "COMMENT ON") && !has(&o.post, "COMMENT ON"), "and the comment on it");
	out_release(&o);

	/* MySQL: a column REFERENCES stays (MySQL ignores it, MariaDB creates it) */
	cfg_post(&cfg, 1);
	cfg.dialect = SQLP_MYSQL;
	filt(&cfg, "CREATE TABLE `c` (`id` int NOT NULL AUTO_INCREMENT KEY, `p` int REFERENCES `p` (`id`),"
		   " `code` varchar(9) UNIQUE KEY) ENGINE=InnoDB;\n", &o);
	ok(has(&o.pre, "(`id` int NOT NULL AUTO_INCREMENT KEY, `p` int REFERENCES `p` (`id`), "
		       "`code` varchar(9)) ENGINE=InnoDB;"), "MySQL: the column REFERENCES stays, UNIQUE KEY goes");
	ok(has(&o.post, "ALTER TABLE `c`\n\tADD UNIQUE KEY (`code`);"), "MySQL: ADD UNIQUE KEY (col)");
	ok(has(&o.rep, "1 REFERENCES in column definitions left in place"), "the report says so");
	out_release(&o);
	ss_filter_kinds_apply(&cfg, SS_OP_DEFER, "primary-key", &err);
	filt(&cfg, "CREATE TABLE `c` (`id` int NOT NULL KEY, `code` varchar(9));\n", &o);
	ok(has(&o.pre, "(`id` int NOT NULL, `code` varchar(9));") &&
	   has(&o.post, "ADD PRIMARY KEY (`id`);"), "--defer primary-key: MySQL KEY becomes PRIMARY KEY (col)");
	out_release(&o);

	/* T-SQL: DEFAULT constraints are the default kind */
	cfg_post(&cfg, 1);
	cfg.dialect = SQLP_TSQL;
	ss_filter_kinds_apply(&cfg, SS_OP_DEFER, "default", &err);
	filt(&cfg, "CREATE TABLE [t] ([a] int NOT NULL CONSTRAINT [DF_a] DEFAULT ((0)), [b] int DEFAULT 1 NULL)\nGO\n",
	     &o);
	ok(has(&o.pre, "CREATE TABLE [t] ([a] int NOT NULL, [b] int NULL)\nGO"), "T-SQL --defer default: defaults leave the columns");
	ok(has(&o.post, "ALTER TABLE [t]\n\tADD CONSTRAINT [DF_a] DEFAULT ((0)) FOR [a],\n\tDEFAULT 1 FOR [b];"),
	   "T-SQL: ADD DEFAULT ... FOR col, in one ADD list");
	out_release(&o);
	ss_err_release(&err);
}

/* --- what follows the last statement ----------------------------------------------- */

static void test_tail(void)
{
	static const char dump[] =
		"--\n-- PostgreSQL database dump\n--\n\nSET x = 1;\n\n"
		"CREATE TABLE a (x int);\n\nCOPY a (x) FROM stdin;\n1\n\\.\n\n"
		"CREATE INDEX a_x ON a (x);\n\n\n--\n-- PostgreSQL database dump complete\n--\n\n";
	struct ss_filter_config cfg;
	struct ss_err err = SS_ERR_INIT;
	struct out o, o1;
	static const size_t chunks[] = { 1, 2, 3, 7, 64 };

	cfg_post(&cfg, 0);
	ss_filter_kinds_apply(&cfg, SS_OP_KEEP, "all", &err);
	filt(&cfg, dump, &o);
	is_str(o.pre.data, dump, "--keep all: the input, byte for byte, closing comment included");
	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		char name[64];

		filt_chunked(&cfg, dump, chunks[i], &o1);
		snprintf(name, sizeof(name), "the same fed %zu bytes at a time", chunks[i]);
		is_str(o1.pre.data, dump, name);
		out_release(&o1);
	}
	out_release(&o);

	filt(&cfg, "\xEF\xBB\xBF" "CREATE TABLE a (x int);\n-- end\n", &o);
	is_str(o.pre.data, "CREATE TABLE a (x int);\n-- end\n", "after a UTF-8 byte-order mark");
	ok(!strncmp(o.hdr_pre.data, "\xEF\xBB\xBF", 3), "which the header carries");
	out_release(&o);
	filt_chunked(&cfg, "\xEF\xBB\xBF" "CREATE TABLE a (x int);\n-- end\n", 1, &o);
	is_str(o.pre.data, "CREATE TABLE a (x int);\n-- end\n", "the same fed a byte at a time");
	out_release(&o);

	filt(&cfg, "-- nothing but a comment\n\n", &o);
	is_str(o.pre.data, "-- nothing but a comment\n\n", "an input of comments only is copied");
	out_release(&o);

	filt(&cfg, "CREATE TABLE a (x int)\n-- unterminated\n", &o);
	ok(has(&o.pre, "CREATE TABLE a (x int)") && has(&o.pre, "-- unterminated\n"),
	   "an unterminated last statement keeps what follows it");
	out_release(&o);

	/* UTF-16: sqlparse's offsets are of the decoded text; nothing is guessed */
	{
		static const char u16[] = "\xFF\xFE" "S\0E\0L\0E\0C\0T\0 \0" "1\0;\0\r\0\n\0-\0-\0 \0x\0\r\0\n\0";

		filt_bytes(&cfg, u16, sizeof(u16) - 1, 0, &o);
		ok(o.rc == 0 && has(&o.pre, "SELECT 1;"), "UTF-16 input: statements as before");
		out_release(&o);
	}

	/* with a post-sync part the closing comment ends both files */
	cfg_post(&cfg, 1);
	filt(&cfg, dump, &o);
	ok(has(&o.pre, "\n-- PostgreSQL database dump complete\n--\n\n") &&
	   has(&o.post, "\n-- PostgreSQL database dump complete\n--\n\n"), "in pre-sync and post-sync");
	ok(strstr(o.post.data, "CREATE INDEX") < strstr(o.post.data, "dump complete"),
	   "after the last statement of each");
	out_release(&o);

	/* two inputs: the first one's tail before the second's statements */
	{
		struct ss_filter_sink pre = { buf_write, &o.pre };
		struct ss_filter *f;

		cfg_post(&cfg, 0);
		memset(&o, 0, sizeof(o));
		sqlp_buf_init(&o.pre);
		f = ss_filter_new(&cfg, &pre, NULL);
		ok(!ss_filter_begin_input(f, "1.sql", &err) &&
		   !ss_filter_feed(f, "SET a = 1;\n-- end of 1\n", 23, &err) && !ss_filter_end_input(f, &err) &&
		   !ss_filter_begin_input(f, "2.sql", &err) &&
		   !ss_filter_feed(f, "SET b = 2;\n-- end of 2\n", 23, &err) && !ss_filter_end_input(f, &err) &&
		   !ss_filter_finish(f, &err), "two inputs");
		ss_buf_check(&o.pre);
		is_str(o.pre.data, "SET a = 1;\n-- end of 1\nSET b = 2;\n-- end of 2\n", "each with its tail");
		ss_filter_free(f);
		sqlp_buf_release(&o.pre);
	}
	ss_err_release(&err);
}

/* --- stripped views that kept statements need ------------------------------------ */

static void test_views(void)
{
	static const char in[] =
		"CREATE TABLE t (id int);\n"
		"CREATE VIEW \"V1\" AS SELECT id FROM t;\n"
		"CREATE VIEW v2 AS SELECT id FROM \"V1\";\n"
		"CREATE VIEW v3 AS SELECT 1 AS one;\n"
		"CREATE FUNCTION f_str() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM v3 $$;\n"
		"CREATE FUNCTION f_atomic() RETURNS bigint LANGUAGE sql\nBEGIN ATOMIC\n SELECT count(*) FROM Public.V2;\nEND;\n"
		"CREATE MATERIALIZED VIEW mv AS SELECT * FROM v3 WITH NO DATA;\n"
		"CREATE OR REPLACE VIEW v2 AS SELECT id FROM \"V1\" WHERE id > 0;\n";
	struct ss_filter_config cfg;
	struct ss_err err = SS_ERR_INIT;
	struct out o, o1;
	const char *a, *b, *c;

	cfg_post(&cfg, 1);
	filt(&cfg, in, &o);
	a = strstr(o.pre.data, "CREATE VIEW \"V1\"");
	b = strstr(o.pre.data, "CREATE VIEW v2");
	c = strstr(o.pre.data, "CREATE FUNCTION f_atomic");
	ok(a && b && c && a < b && b < c, "BEGIN ATOMIC: the view it reads, and the view that one reads, before it");
	ok(!has(&o.pre, "CREATE VIEW v3") && !has(&o.pre, "MATERIALIZED"),
	   "a body given as a string needs no view; the matview stays stripped");
	ok(has(&o.pre, "CREATE OR REPLACE VIEW v2"), "a later CREATE OR REPLACE of a view written is kept");
	ok(has(&o.pre, "-- ssync filter: view v2 (in.sql:3), stripped, is written here: function f_atomic "
		       "(in.sql:6) needs it"), "a comment says why");
	ok(has(&o.hdr_pre, "stripped: 1 view, 1 matview"), "the header counts what stayed out");
	ok(has(&o.rep, "in.sql:2:1\tview\t\"V1\"\tkept\tview: stripped, but view v2 (in.sql:3) needs it"),
	   "the report has a line for it");
	for (size_t chunk = 1; chunk <= 5; chunk += 4) {
		filt_chunked(&cfg, in, chunk, &o1);
		ok(!strcmp(o1.pre.data, o.pre.data), "the same fed in small pieces");
		out_release(&o1);
	}
	out_release(&o);

	/* RETURN expr is parsed at creation too; so is a kept matview */
	ss_filter_kinds_apply(&cfg, SS_OP_KEEP, "matview", &err);
	filt(&cfg, "CREATE VIEW v AS SELECT 1 AS one;\n"
		   "CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN (SELECT one FROM v);\n"
		   "CREATE VIEW w AS SELECT 2 AS two;\n"
		   "CREATE MATERIALIZED VIEW mv AS SELECT * FROM w WITH NO DATA;\n", &o);
	ok(has(&o.pre, "CREATE VIEW v AS") && strstr(o.pre.data, "CREATE VIEW v AS") <
						     strstr(o.pre.data, "CREATE FUNCTION f()"),
	   "RETURN expr: its view first");
	ok(has(&o.pre, "CREATE VIEW w AS") && has(&o.pre, "CREATE MATERIALIZED VIEW mv"),
	   "--keep matview: the view it reads comes with it");
	out_release(&o);
	ss_err_release(&err);
}

/*
 * A chain of stripped views, each reading the one before, that a function
 * needs: all of them are written, the first first.  The walk used to
 * recurse once per view and ran out of stack (a crash) on a long chain.
 */
static void test_views_chain(void)
{
	enum { N = 100000 };
	struct ss_filter_config cfg;
	struct sqlp_buf in = SQLP_BUF_INIT;
	struct out o;
	const char *p;
	char name[64];
	int i;

	sqlp_buf_addstr(&in, "CREATE TABLE t (id int);\n");
	sqlp_buf_addstr(&in, "CREATE VIEW v0 AS SELECT id FROM t;\n");
	for (i = 1; i < N; i++)
		sqlp_buf_addf(&in, "CREATE VIEW v%d AS SELECT id FROM v%d;\n", i, i - 1);
	/* v1 is read twice: written once */
	sqlp_buf_addf(&in, "CREATE FUNCTION f() RETURNS bigint LANGUAGE sql\nBEGIN ATOMIC\n"
			   " SELECT count(*) FROM v%d, v1;\nEND;\n", N - 1);
	cfg_post(&cfg, 1);
	filt(&cfg, in.data, &o);
	is_int(o.rc, 0, "a chain of 100,000 stripped views that a function needs: filtered");
	is_int(count(&o.pre, "is written here"), N, "every view of the chain is written, once");
	p = o.pre.data;
	for (i = 0; p && i < N; i++) {
		snprintf(name, sizeof(name), "CREATE VIEW v%d AS", i);
		p = strstr(p, name);
	}
	ok(p && strstr(p, "CREATE FUNCTION f()"), "in the order they are read, before the function");
	ok(has(&o.pre, "view v0 (in.sql:2), stripped, is written here: view v1 (in.sql:3) needs it") &&
	   has(&o.pre, "view v99999 (in.sql:100001), stripped, is written here: function f "
		       "(in.sql:100002) needs it"),
	   "each says which needs it");
	out_release(&o);
	sqlp_buf_release(&in);
}

/* --- psql lines: \\g, lines inside a statement, \\r --------------------------- */

static void test_psql_lines(void)
{
	struct ss_filter_config cfg;
	struct ss_err err = SS_ERR_INIT;
	struct out o;

	/* \g sends the statement: a ';' as well would send it twice */
	cfg_post(&cfg, 1);
	filt(&cfg, "CREATE TABLE t (a int)\\g\nSELECT 1 \\gset p_\nSELECT 2;\n", &o);
	ok(o.rc == 0 && strstr(o.pre.data, "CREATE TABLE t (a int)\\g\n") &&
	   strstr(o.pre.data, "SELECT 1 \\gset p_\n") && !strstr(o.pre.data, ";\\g"),
	   "\\g and \\gset stay the statement's only terminator");
	out_release(&o);

	/* the \g of a statement that goes elsewhere goes with it */
	filt(&cfg, "CREATE TABLE t (a int);\nCREATE INDEX i ON t (a)\\g\nSELECT 3;\n", &o);
	ok(o.rc == 0 && strstr(o.post.data, "CREATE INDEX i ON t (a)\\g") &&
	   !strstr(o.pre.data, "\\g"), "\\g follows its deferred statement");
	out_release(&o);

	/* a \g with no statement before it in the file is an ordinary psql line */
	filt(&cfg, "\\g\nSELECT 1;\n", &o);
	ok(o.rc == 0 && strstr(o.pre.data, "\\g\nSELECT 1;"), "a \\g opening the file is kept");
	out_release(&o);

	/* without its \g the statement gets a ';', so the next one cannot join it */
	ss_filter_config_init(&cfg);
	ok(!ss_filter_kinds_apply(&cfg, SS_OP_STRIP, "psql-meta", &err), "--strip psql-meta");
	filt(&cfg, "SELECT 1 \\g\nSELECT 2;\n", &o);
	ok(o.rc == 0 && strstr(o.pre.data, "SELECT 1 ;\nSELECT 2;"), "a stripped \\g leaves a ';'");
	out_release(&o);

	/* a psql line inside a statement runs first, on a line of its own */
	ss_filter_config_init(&cfg);
	filt(&cfg, "SELECT 0;\nSELECT 1\n\\echo hi\n+ 1;\n", &o);
	ok(o.rc == 0 && strstr(o.pre.data, "SELECT 0;\n\\echo hi\n"),
	   "a psql line met inside a statement is written on its own line, before it");
	out_release(&o);

	/* \r drops the statement: its text, lines and all, is written once */
	ok(!ss_filter_kinds_apply(&cfg, SS_OP_KEEP, "all", &err), "--keep all");
	filt(&cfg, "SELECT 0;\nSELECT 1\n\\echo hi\n+ 1\n\\r\nSELECT 2;\n", &o);
	ok(o.rc == 0 && strstr(o.pre.data, "\\echo hi") &&
	   !strstr(strstr(o.pre.data, "\\echo hi") + 1, "\\echo hi"),
	   "a psql line inside a statement \\r drops is written once");
	out_release(&o);

	/* what follows a psql line never lands on it */
	cfg_post(&cfg, 1);
	filt(&cfg, "\\set x 1\nCREATE TABLE t (a int);CREATE INDEX i ON t (a);SELECT 1;\n", &o);
	ok(o.rc == 0 && strstr(o.post.data, "\\set x 1\nCREATE INDEX"),
	   "a statement written after a psql line starts a new line");
	out_release(&o);
	ss_err_release(&err);
}

/* --- errors -------------------------------------------------------------------- */

static void test_errors(void)
{
	struct ss_filter_config cfg;
	struct out o;

	cfg_post(&cfg, 1);
	filt(&cfg, "CREATE TABLE t (a int);\nCREATE FUNCTION f() RETURNS int AS $$ x\n", &o);
	ok(o.rc != 0 && strstr(o.errmsg, "in.sql:2:36:") &&
	   strstr(o.errmsg, "unterminated dollar-quoted string"), "lexer error with file:line:col");
	out_release(&o);
}

/* The quick "not remembered" of a table: the hash of the key it would have. */
static void test_rel_key_hash(void)
{
	static const struct {
		enum sqlp_dialect d;
		const char *curdb;
		const char *name;
	} cases[] = {
		{ SQLP_POSTGRES, NULL, "app.t0" },
		{ SQLP_POSTGRES, NULL, "orders" },
		{ SQLP_POSTGRES, NULL, "db.app.t0" },
		{ SQLP_TSQL, NULL, "Sales.Customer" },
		{ SQLP_TSQL, NULL, "ORDERS" },
		{ SQLP_MYSQL, NULL, "film" },
		{ SQLP_MYSQL, "sakila", "film" },
		{ SQLP_MYSQL, NULL, "shop.film" },
	};
	struct ss_filter_config cfg;
	struct ss_filter_sink pre = { buf_write, NULL };
	struct ss_filter *f;
	struct sqlp_buf key = SQLP_BUF_INIT;
	unsigned h = 0;
	char what[96];

	ss_filter_config_init(&cfg);
	f = ss_filter_new(&cfg, &pre, NULL);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ss_fmap m;

		f->dialect = cases[i].d;
		f->curdb = cases[i].curdb ? ss_xstrdup(cases[i].curdb) : NULL;
		ss_fmap_init(&m);
		sqlp_buf_reset(&key);
		sqlp_buf_addch(&key, 'R');
		ss_filter_rel_key(f, &key, cases[i].name, NULL);
		ss_fmap_put(&m, key.data, key.len);
		snprintf(what, sizeof(what), "%s (%s)", cases[i].name,
			 sqlp_dialect_name(cases[i].d));
		ok(ss_filter_rel_key_hash(f, cases[i].name, &h) && ss_fmap_has_hash(&m, h), what);
		ok(ss_filter_rel_key_hash(f, "other.name", &h) && !ss_fmap_has_hash(&m, h),
		   "another name's hash is not there");
		ss_fmap_release(&m);
		free(f->curdb);
		f->curdb = NULL;
	}
	f->dialect = SQLP_POSTGRES;
	ok(!ss_filter_rel_key_hash(f, "app.\"T0\"", &h), "a quoted name: the key is made instead");
	sqlp_buf_release(&key);
	ss_filter_free(f);
}

int main(void)
{
	test_kinds();
	test_helpers();
	test_rel_key_hash();
	test_pg();
	test_selection();
	test_selection_many();
	test_mysql();
	test_tsql();
	test_column_scan();
	test_columns();
	test_tail();
	test_views();
	test_views_chain();
	test_psql_lines();
	test_errors();
	return tap_done();
}

#!/bin/sh
# gen-dump.sh MB - print a pg_dump-style plain dump of about MB megabytes:
# the preamble and \restrict, then per table what pg_dump writes (CREATE
# TABLE, OWNER TO, comments, a sequence OWNED BY, defaults, a view on
# every tenth table, grants), a COPY block of rows per table, and the
# post-data part (primary keys, unique and foreign keys, indexes,
# triggers).  About a third of the bytes are DDL, the rest COPY data
# (40 rows a table).
# Used by bench/filter/run.sh; the output is generated, never committed.
mb=${1:-200}
awk -v mb="$mb" 'BEGIN {
	target = mb * 1024 * 1024
	bytes = 0
	print "--\n-- PostgreSQL database dump\n--\n"
	print "\\restrict benchKeyAbcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRST\n"
	print "SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET client_encoding = '"'"'UTF8'"'"';"
	print "SET standard_conforming_strings = on;"
	print "SELECT pg_catalog.set_config('"'"'search_path'"'"', '"'"''"'"', false);"
	print "SET check_function_bodies = false;\nSET client_min_messages = warning;\n"
	print "CREATE SCHEMA app;\n\nALTER SCHEMA app OWNER TO owner_role;\n"
	print "CREATE FUNCTION app.touch() RETURNS trigger\n    LANGUAGE plpgsql\n    AS $$\nBEGIN\n    NEW.updated_at := now();  -- a ; inside\n    RETURN NEW;\nEND $$;\n"
	# rows of about 120 bytes; each table gets rowsper rows
	rowsper = 40
	t = 0
	while (bytes < target) {
		tb = sprintf("app.t%d", t)
		ddl = sprintf("--\n-- Name: t%d; Type: TABLE; Schema: app; Owner: owner_role\n--\n\n" \
			"CREATE TABLE %s (\n    id bigint NOT NULL,\n    name text NOT NULL,\n    email character varying(200),\n" \
			"    amount numeric(12,2) DEFAULT 0,\n    parent_id bigint,\n    created_at timestamp with time zone DEFAULT now() NOT NULL,\n" \
			"    updated_at timestamp with time zone,\n    CONSTRAINT t%d_amount_check CHECK ((amount >= (0)::numeric))\n);\n\n" \
			"ALTER TABLE %s OWNER TO owner_role;\n\n" \
			"COMMENT ON TABLE %s IS '"'"'table %d; with a ; and a '"'"''"'"'quote'"'"''"'"''"'"';\n\n" \
			"CREATE SEQUENCE %s_id_seq\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\n" \
			"ALTER SEQUENCE %s_id_seq OWNED BY %s.id;\n\n" \
			"ALTER TABLE ONLY %s ALTER COLUMN id SET DEFAULT nextval('"'"'%s_id_seq'"'"'::regclass);\n\n",
			t, tb, t, tb, tb, t, tb, tb, tb, tb, tb)
		if (t % 10 == 0)
			ddl = ddl sprintf("CREATE VIEW app.v%d AS\n SELECT id, name FROM %s WHERE (amount > (0)::numeric);\n\n", t, tb)
		ddl = ddl sprintf("GRANT SELECT ON TABLE %s TO reader;\n\n", tb)
		printf "%s", ddl
		bytes += length(ddl)
		data = sprintf("COPY %s (id, name, email, amount, parent_id, created_at, updated_at) FROM stdin;\n", tb)
		printf "%s", data
		bytes += length(data)
		for (r = 1; r <= rowsper; r++) {
			line = sprintf("%d\tname %d; of row %d\tuser%d@example.com\t%d.%02d\t\\N\t2024-01-%02d 10:00:00+00\t\\N\n",
				r, r, r, r, r * 3, r % 100, r % 28 + 1)
			printf "%s", line
			bytes += length(line)
		}
		print "\\.\n"
		bytes += 4
		post[t] = sprintf("ALTER TABLE ONLY %s\n    ADD CONSTRAINT t%d_pkey PRIMARY KEY (id);\n\n" \
			"CREATE UNIQUE INDEX t%d_email ON %s USING btree (email);\n\n" \
			"CREATE INDEX t%d_created ON %s USING btree (created_at);\n\n", tb, t, t, tb, t, tb)
		if (t > 0)
			post[t] = post[t] sprintf("ALTER TABLE ONLY %s\n    ADD CONSTRAINT t%d_parent_fkey FOREIGN KEY (parent_id) REFERENCES app.t%d(id);\n\n", tb, t, t - 1)
		if (t % 5 == 0)
			post[t] = post[t] sprintf("CREATE TRIGGER t%d_touch BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION app.touch();\n\n", t, tb)
		bytes += length(post[t])
		t++
	}
	for (i = 0; i < t; i++)
		printf "%s", post[i]
	print "--\n-- PostgreSQL database dump complete\n--\n"
	print "\\unrestrict benchKeyAbcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRST"
}'

#!/usr/bin/env bash
# ssync dump on PostgreSQL: every object kind round-trips, sections and
# --split, patterns, --no-owner/--no-privileges, dir and tar formats,
# usage errors and password redaction.
. "$(dirname "$0")/../lib/common.sh"
. "$SSYNC_SRCDIR/tests/integration/data/dump_lib.sh"

run "$SSYNC" dump
is "$T_RC" 2 "no database: exit 2"
like "$T_ERR" "no database given" "no database: says so"

run "$SSYNC" dump -d postgres://x@127.0.0.1:1/db --strip view
is "$T_RC" 2 "--strip without --filter: exit 2"
like "$T_ERR" "go with --filter" "--strip without --filter: says so"
run "$SSYNC" dump -d postgres://x@127.0.0.1:1/db --filter --strip no-such-kind
is "$T_RC" 2 "--filter --strip with an unknown kind: exit 2"
run "$SSYNC" dump -d postgres://x@127.0.0.1:1/db --filter --defer index
is "$T_RC" 2 "--filter --defer without --split: exit 2"

run "$SSYNC" dump -d postgres://x@127.0.0.1:1/db --include-table 'a(b'
is "$T_RC" 2 "bad pattern: exit 2"
like "$T_ERR" "--include-table 'a\(b': .* at offset" "bad pattern: named with its offset"

run "$SSYNC" dump -d postgres://x@127.0.0.1:1/db --section middle
is "$T_RC" 2 "bad --section: exit 2"

run "$SSYNC" dump -d postgres://x@127.0.0.1:1/db --split only-one.sql
is "$T_RC" 2 "--split with one file: exit 2"

run "$SSYNC" dump -d 'postgres://u:S3cretPw@127.0.0.1:1/db?sslmode=disable&connect_timeout=2'
ok $([ "$T_RC" -ne 0 ] && echo 0 || echo 1) "unreachable server: non-zero exit"
unlike "$T_ERR" "S3cretPw" "unreachable server: password not printed"

if have_mysql; then
	run "$SSYNC" dump -d "$(my_url mysql)"
	is "$T_RC" 1 "a MySQL URL: exit 1"
	like "$T_ERR" "reads PostgreSQL only" "a MySQL URL: says dump is PostgreSQL only"
else
	skip "MariaDB not available" 2
fi

if ! have_pg; then
	skip "PostgreSQL not available" 129
	done_testing
fi

dump_roles
A=$(pg_fresh_db dump_a)
psql_cmd -d "$A" -f "$SSYNC_SRCDIR/tests/integration/data/dump_kinds.sql" >"$T_TMP/load.log" 2>&1
ok $? "fixture loads"

# password in the URL (trust auth ignores it): never printed
APW=$(echo "$A" | sed 's#postgres://postgres@#postgres://postgres:Hunter2pw@#')
run "$SSYNC" dump -d "$APW" -v -o "$T_TMP/pw.sql"
is "$T_RC" 0 "dump with a password in the URL"
unlike "$T_ERR" "Hunter2pw" "-v: password redacted"
like "$T_ERR" "catalog: [0-9]+ queries in 3 round trips on 2 connections sharing one snapshot" \
	"-v: queries and round trips (default: two connections)"
q=$(echo "$T_ERR" | sed -n 's/.*catalog: \([0-9]*\) queries.*/\1/p')
ok $([ "${q:-99}" -le 10 ] && echo 0 || echo 1) "whole catalog in at most 10 queries ($q)"
like "$T_ERR" "order: [0-9]+ objects" "-v: order phase timed"
like "$T_ERR" "write: [0-9]+ ms" "-v: write phase timed"
run "$SSYNC" dump -d "$A" -v -j 1 -o "$T_TMP/j1.sql"
like "$T_ERR" "catalog: 9 queries in 2 round trips on 1 connection " "-j 1: 9 queries in 2 round trips"
cmp -s "$T_TMP/j1.sql" "$T_TMP/pw.sql"
ok $? "-j 1 and -j 2 give the same bytes"

DATABASE_URL=$A run "$SSYNC" dump
is "$T_RC" 0 "DATABASE_URL is used without --database"
cmp -s "$T_TMP/out" "$T_TMP/pw.sql"
ok $? "stdout and -o give the same bytes"

# -o on a pipe or device writes in place (never renames a file over it)
mkfifo "$T_TMP/fifo"
cat "$T_TMP/fifo" >"$T_TMP/from-fifo.sql" &
"$SSYNC" dump -d "$A" -o "$T_TMP/fifo"
ok $? "-o FIFO: dump succeeds"
wait
ok $([ -p "$T_TMP/fifo" ] && echo 0 || echo 1) "-o FIFO: still a FIFO afterwards"
cmp -s "$T_TMP/from-fifo.sql" "$T_TMP/pw.sql"
ok $? "-o FIFO: the reader got the dump"
# ... and so does a symbolic link (/dev/stdout is one): its target gets the dump
echo old >"$T_TMP/link-target.sql"
ln -s link-target.sql "$T_TMP/link.sql"
"$SSYNC" dump -d "$A" -o "$T_TMP/link.sql"
ok $? "-o LINK: dump succeeds"
[ -L "$T_TMP/link.sql" ]
ok $? "-o LINK: still a link afterwards"
cmp -s "$T_TMP/link-target.sql" "$T_TMP/pw.sql"
ok $? "-o LINK: its target holds the dump, and only it"
run "$SSYNC" dump -d "$A" -o "$T_TMP"
is "$T_RC" 1 "-o DIRECTORY with --format sql fails"
if [ -w /dev/full ]; then
	run "$SSYNC" dump -d "$A" -o /dev/full
	is "$T_RC" 1 "-o /dev/full: a write error fails the dump"
	like "$T_ERR" "cannot write '/dev/full': No space left on device" "-o /dev/full: says why"
else
	skip "no /dev/full" 2
fi

dump_roundtrip "$A" dump_b "$T_TMP/rt" "every object kind"

# default privileges: against acldefault() globally, against nothing in a schema
like "$(cat "$T_TMP/rt/a.sql")" "ALTER DEFAULT PRIVILEGES FOR ROLE \"Odd Role\" GRANT SELECT ON TABLES TO ssync_reader;" \
	"default privileges: a global GRANT"
like "$(cat "$T_TMP/rt/a.sql")" "ALTER DEFAULT PRIVILEGES FOR ROLE postgres REVOKE ALL ON FUNCTIONS FROM PUBLIC;" \
	"default privileges: a global REVOKE of what PUBLIC has by default"
like "$(cat "$T_TMP/rt/a.sql")" "ALTER DEFAULT PRIVILEGES FOR ROLE \"Odd Role\" IN SCHEMA app GRANT USAGE ON SEQUENCES TO ssync_reader WITH GRANT OPTION;" \
	"default privileges: a schema's, with grant option"

# cycle repair: placeholder in pre-data, real view in post-data
like "$(cat "$T_TMP/rt/a.sql")" "CREATE VIEW app.v_cycle AS" "view cycle: placeholder view"
like "$(sed -n '/^-- post-data/,$p' "$T_TMP/rt/a.sql")" "CREATE OR REPLACE VIEW app.v_cycle AS" \
	"view cycle: real definition in post-data"

# --- sections ------------------------------------------------------------
run "$SSYNC" dump -d "$A" --split "$T_TMP/pre.sql" "$T_TMP/post.sql"
is "$T_RC" 0 "--split writes two files"
PRE=$(cat "$T_TMP/pre.sql")
POST=$(cat "$T_TMP/post.sql")
ntab=$(pg_sql dump_a "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p') AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname !~ '^pg_toast'")
npk=$(pg_sql dump_a "SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conparentid = 0 AND connamespace IN (SELECT oid FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' AND nspname <> 'information_schema')")
is "$(grep -c '^CREATE \(UNLOGGED \)\?TABLE' "$T_TMP/pre.sql")" "$ntab" "pre-data has every table ($ntab)"
is "$(grep -c '^ALTER TABLE .* ADD CONSTRAINT .* PRIMARY KEY' "$T_TMP/pre.sql")" "$npk" "pre-data has every primary key ($npk)"
unlike "$PRE" "FOREIGN KEY" "pre-data has no foreign key"
unlike "$PRE" "CREATE (UNIQUE )?INDEX" "pre-data has no secondary index"
unlike "$PRE" "CREATE (CONSTRAINT )?TRIGGER" "pre-data has no trigger"
unlike "$PRE" "^GRANT" "pre-data has no grant"
like "$POST" "FOREIGN KEY" "post-data has the foreign keys"
like "$POST" "CREATE INDEX" "post-data has the indexes"
like "$POST" "CREATE TRIGGER" "post-data has the triggers"
like "$POST" "CREATE POLICY" "post-data has the policies"
like "$(tail -5 "$T_TMP/post.sql")" "^GRANT|^REVOKE" "grants come last"
C=$(pg_fresh_db dump_c)
psql_cmd -d "$C" -f "$T_TMP/pre.sql" >"$T_TMP/c.log" 2>&1
ok $? "PRE loads alone into an empty database"
psql_cmd -d "$C" -f "$T_TMP/post.sql" >>"$T_TMP/c.log" 2>&1
ok $? "then POST loads"
"$SSYNC" dump -d "$C" -o "$T_TMP/c.sql"
cmp -s "$T_TMP/c.sql" "$T_TMP/rt/a.sql"
ok $? "PRE+POST rebuild the same schema (dumps identical)"
"$SSYNC" dump -d "$A" --section pre-data -o "$T_TMP/s-pre.sql"
cmp -s "$T_TMP/s-pre.sql" "$T_TMP/pre.sql"
ok $? "--section pre-data equals the --split PRE file"
"$SSYNC" dump -d "$A" --section post-data -o "$T_TMP/s-post.sql"
cmp -s "$T_TMP/s-post.sql" "$T_TMP/post.sql"
ok $? "--section post-data equals the --split POST file"

# --- owners and grants ----------------------------------------------------
run "$SSYNC" dump -d "$A" --no-owner
is "$T_RC" 0 "--no-owner"
unlike "$T_OUT" "OWNER TO" "--no-owner: no OWNER TO"
like "$T_OUT" "^GRANT " "--no-owner: grants kept"
run "$SSYNC" dump -d "$A" --no-privileges
is "$T_RC" 0 "--no-privileges"
unlike "$T_OUT" "^(GRANT|REVOKE|ALTER DEFAULT PRIVILEGES) " "--no-privileges: no GRANT, REVOKE or default privileges"
like "$T_OUT" "OWNER TO" "--no-privileges: owners kept"
run "$SSYNC" dump -d "$A" -O -x
D=$(pg_fresh_db dump_d)
echo "$T_OUT" >"$T_TMP/nox.sql"
psql_cmd -d "$D" -f "$T_TMP/nox.sql" >"$T_TMP/d.log" 2>&1
ok $? "-O -x output loads"

# --- patterns ---------------------------------------------------------------
run "$SSYNC" dump -d "$A" --include-schema audit -v
is "$T_RC" 0 "--include-schema"
like "$T_OUT" "CREATE TABLE audit.log " "--include-schema: its tables"
unlike "$T_OUT" "DEFAULT PRIVILEGES" "--include-schema: no global or other schema's default privileges"
unlike "$T_OUT" "app\." "--include-schema: nothing from other schemas"
like "$T_ERR" "catalog: 10 queries in 4 round trips" "patterns: one inventory round trip more, 10 queries"

# with a pattern the edges come from the server-mapped dependency query,
# without from the raw one mapped client-side: the same order either way
"$SSYNC" dump -d "$A" --exclude-table 'no_such_table' -o "$T_TMP/all-by-pattern.sql" 2>/dev/null
cmp -s "$T_TMP/all-by-pattern.sql" "$T_TMP/pw.sql"
ok $? "a pattern that excludes nothing gives the same dump"

run "$SSYNC" dump -d "$A" --include-table 'users'
like "$T_OUT" "CREATE TABLE app.users " "bare name matches schema.name's table"
like "$T_OUT" "CREATE INDEX|UNIQUE \(email\)" "dependents follow their table"
like "$T_OUT" "users_id_seq" "owned sequence follows its table"
unlike "$T_OUT" "CREATE TABLE app.orders" "other tables left out"
like "$T_ERR" "depends on type app.mood, which is not dumped" "warns about a kept table needing an excluded type"

run "$SSYNC" dump -d "$A" --include-table 'user'
unlike "$T_OUT" "CREATE TABLE" "patterns are anchored"
like "$T_ERR" "matched nothing" "a pattern matching nothing is reported"

run "$SSYNC" dump -d "$A" --include-table 'app\.events'
like "$T_OUT" "CREATE TABLE app.events_2025_a PARTITION OF app.events_2025" "partitions follow their parent (include)"
like "$T_OUT" "ATTACH PARTITION app.events_2024_payload" "partition index attach follows"

run "$SSYNC" dump -d "$A" --exclude-table 'app\.(events|users)'
is "$T_RC" 0 "--exclude-table"
unlike "$T_OUT" "events_2024|CREATE TABLE app.users" "excluded tables and their partitions are gone"
unlike "$T_OUT" "users_touch" "excluded table's triggers are gone"
like "$T_OUT" "CREATE TABLE app.orders" "other tables stay"
like "$T_ERR" "view app.active_users depends on table app.users, which is not dumped" \
	"warns about a kept view needing an excluded table"
like "$T_ERR" "foreign key orders_user_id_fkey on app.orders references a table that is not dumped" \
	"warns about a kept foreign key to an excluded table"

run "$SSYNC" dump -d "$A" --exclude-schema 'app|audit|Mixed.*' --exclude-table 'x'
unlike "$T_OUT" "CREATE TABLE" "--exclude-schema leaves out whole schemas"

# --- --filter: the ssync filter rules, in process ------------------------------
run "$SSYNC" dump -d "$A" --filter
is "$T_RC" 0 "--filter"
like "$T_OUT" "^-- ssync filter: the pre-sync part of ssync dump" "--filter: the filter's header"
unlike "$T_OUT" "CREATE (VIEW|TRIGGER|RULE)|^GRANT|OWNER TO" "--filter: views, triggers, rules, grants and owners stripped"
like "$T_OUT" "CREATE TABLE app.orders" "--filter: tables kept"
"$SSYNC" dump -d "$A" | "$SSYNC" filter >"$T_TMP/piped.sql" 2>/dev/null
sed 's/^-- ssync filter: the pre-sync part of .*/X/' "$T_TMP/piped.sql" >"$T_TMP/piped.cmp"
echo "$T_OUT" | sed 's/^-- ssync filter: the pre-sync part of .*/X/' >"$T_TMP/inproc.cmp"
cmp -s "$T_TMP/piped.cmp" "$T_TMP/inproc.cmp"
ok $? "--filter gives what ssync dump | ssync filter gives"
run "$SSYNC" dump -d "$A" --filter --split "$T_TMP/fpre.sql" "$T_TMP/fpost.sql"
is "$T_RC" 0 "--filter --split"
like "$(cat "$T_TMP/fpost.sql")" "FOREIGN KEY" "--filter --split: foreign keys deferred"
G=$(pg_fresh_db dump_g)
psql_cmd -d "$G" -f "$T_TMP/fpre.sql" >"$T_TMP/g.log" 2>&1 && psql_cmd -d "$G" -f "$T_TMP/fpost.sql" >>"$T_TMP/g.log" 2>&1
ok $? "--filter --split: PRE then POST load"
run "$SSYNC" dump -d "$A" --filter --keep view
like "$T_OUT" "CREATE VIEW app.top" "--filter --keep view keeps views"

# --- the connections: a failing query, a helper that cannot connect ----------
# The definitions are read by one thread per connection while the objects
# are built from the results that have arrived.  A query that fails (here:
# a role that may not call pg_get_indexdef, so the index query fails, on
# the helper with -j 2 and on the only connection with -j 1) stops the
# build, reports the server's error and writes nothing.
N=$(pg_fresh_db dump_conns)
psql_cmd -d "$N" >"$T_TMP/conns.log" 2>&1 <<'SQL'
DO $$ BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ssync_noidx') THEN CREATE ROLE ssync_noidx LOGIN; END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ssync_one') THEN
		CREATE ROLE ssync_one LOGIN CONNECTION LIMIT 1;
	END IF;
END $$;
CREATE TABLE t (id int PRIMARY KEY, name text CHECK (name <> ''), at timestamptz DEFAULT now());
CREATE INDEX t_name ON t (name);
CREATE INDEX t_lower ON t (lower(name), id);
ALTER INDEX t_lower ALTER COLUMN 1 SET STATISTICS 300;
CREATE VIEW v AS SELECT id, name FROM t;
REVOKE EXECUTE ON FUNCTION pg_catalog.pg_get_indexdef(oid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pg_catalog.pg_get_indexdef(oid) TO ssync_one;
SQL
ok $? "connections: fixture loads"
NOIDX=$(echo "$N" | sed 's#postgres://postgres@#postgres://ssync_noidx@#')
for j in 1 2; do
	run "$SSYNC" dump -d "$NOIDX" -j $j -o "$T_TMP/noidx$j.sql"
	is "$T_RC" 1 "-j $j: a failing catalog query: exit 1"
	like "$T_ERR" "permission denied for function pg_get_indexdef" "-j $j: the server's error is reported"
	ok $([ ! -e "$T_TMP/noidx$j.sql" ] && echo 0 || echo 1) "-j $j: nothing written"
done
# a role limited to one connection: the helper is refused, the main
# connection reads everything, same bytes as -j 1
ONE=$(echo "$N" | sed 's#postgres://postgres@#postgres://ssync_one@#')
run "$SSYNC" dump -d "$N" -j 1 -o "$T_TMP/conns1.sql"
is "$T_RC" 0 "connections: -j 1 as the owner"
run "$SSYNC" dump -d "$ONE" -v -o "$T_TMP/conns-one.sql"
is "$T_RC" 0 "one connection allowed: the dump succeeds"
like "$T_ERR" "second connection not used" "one connection allowed: says the helper was not used"
like "$T_ERR" "on 1 connection" "one connection allowed: everything read on one connection"
cmp -s "$T_TMP/conns1.sql" "$T_TMP/conns-one.sql"
ok $? "one connection allowed: same bytes as -j 1"
like "$(cat "$T_TMP/conns1.sql")" "ALTER INDEX public.t_lower ALTER COLUMN 1 SET STATISTICS 300;" \
	"an expression index column's statistics target"

# --- dir and tar -------------------------------------------------------------
run "$SSYNC" dump -d "$A" -F dir -o "$T_TMP/dir"
is "$T_RC" 0 "--format dir"
ok $([ -f "$T_TMP/dir/toc" ] && [ -d "$T_TMP/dir/pre" ] && [ -d "$T_TMP/dir/post" ] && echo 0 || echo 1) \
	"dir: toc, pre/ and post/"
is "$(grep -c '^\\ir pre/' "$T_TMP/dir/toc")" "$(ls "$T_TMP/dir/pre" | wc -l)" "dir: toc lists every pre-data file"
E=$(pg_fresh_db dump_e)
(cd "$T_TMP/dir" && psql_cmd -d "$E" -f toc) >"$T_TMP/e.log" 2>&1
ok $? "dir: psql -f toc loads everything"
"$SSYNC" dump -d "$E" -o "$T_TMP/e.sql"
cmp -s "$T_TMP/e.sql" "$T_TMP/rt/a.sql"
ok $? "dir: the loaded schema dumps identically"
run "$SSYNC" dump -d "$A" -F dir -o "$T_TMP/dir"
ok $([ "$T_RC" -ne 0 ] && echo 0 || echo 1) "dir: refuses a non-empty directory"

run "$SSYNC" dump -d "$A" -F tar -o "$T_TMP/d.tar"
is "$T_RC" 0 "--format tar"
like "$(tar tf "$T_TMP/d.tar")" "^toc$" "tar: holds the toc"
mkdir "$T_TMP/untar" && tar xf "$T_TMP/d.tar" -C "$T_TMP/untar"
diff -r "$T_TMP/untar" "$T_TMP/dir" >/dev/null
ok $? "tar: same files as the directory format"
F=$(pg_fresh_db dump_f)
(cd "$T_TMP/untar" && psql_cmd -d "$F" -f toc) >"$T_TMP/f.log" 2>&1
ok $? "tar: extracted toc loads"

# what is not dumped yet is said, not left out silently
U=$(pg_fresh_db dump_unsupported)
pg_sql dump_unsupported "CREATE SCHEMA s; CREATE TYPE s.pair AS (a int, b int);
	CREATE CAST (s.pair AS text) WITH INOUT; CREATE PUBLICATION pub FOR ALL TABLES;
	CREATE FUNCTION s.evt() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
	CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION s.evt();
	CREATE OPERATOR FAMILY s.fam USING btree; CREATE SCHEMA other" >/dev/null 2>&1
pg_sql dump_unsupported "CREATE SUBSCRIPTION sub CONNECTION 'dbname=none'
	PUBLICATION p WITH (connect = false)" >/dev/null 2>&1
run "$SSYNC" dump -d "$U"
is "$T_RC" 0 "a database with kinds not dumped: the dump succeeds"
like "$T_ERR" "not dumped \(ssync dump does not support them yet\): 1 operator families, 1 subscriptions" \
	"kinds not dumped are counted on stderr"
run "$SSYNC" dump -d "$U" -n other
unlike "$T_ERR" "not dumped" "--include-schema: database-wide kinds and other schemas' objects not counted"
run "$SSYNC" dump -d "$A"
unlike "$T_ERR" "not dumped" "the fixture (a range type's internal cast, extension members): nothing said"

# publications: FOR ALL TABLES, tables with column lists and row filters
# (a parent's brings its inheritance children), schemas, comments, owners;
# casts; text search dictionaries and configurations; foreign-data
# wrappers, servers, user mappings and foreign tables (with options, a
# foreign partition); event triggers (last, so that they do not fire
# during the load)
PB=$(pg_fresh_db dump_pub)
pg_sql dump_pub "CREATE SCHEMA s; CREATE SCHEMA \"we.ird\"; CREATE TABLE s.a (id int PRIMARY KEY, code text);
	CREATE TABLE s.a_child () INHERITS (s.a); CREATE TABLE s.\"Order\" (id int);
	CREATE PUBLICATION pub_all FOR ALL TABLES WITH (publish = 'insert, update');
	CREATE PUBLICATION \"Pub Some\" FOR TABLE s.a (id, code) WHERE (id > 10), s.\"Order\"
		WITH (publish_via_partition_root = true);
	CREATE PUBLICATION pub_schema FOR TABLES IN SCHEMA \"we.ird\";
	COMMENT ON PUBLICATION pub_schema IS 'whole schema';
	ALTER PUBLICATION pub_schema OWNER TO ssync_reader;
	CREATE TYPE s.pair AS (a int, b int);
	CREATE FUNCTION s.pair_int(s.pair) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1';
	CREATE CAST (s.pair AS int) WITH FUNCTION s.pair_int(s.pair) AS ASSIGNMENT;
	CREATE CAST (s.pair AS text) WITH INOUT; COMMENT ON CAST (s.pair AS text) IS 'as text';
	CREATE FOREIGN DATA WRAPPER w OPTIONS (debug 'true'); COMMENT ON FOREIGN DATA WRAPPER w IS 'w';
	CREATE SERVER srv TYPE 'x' VERSION '1' FOREIGN DATA WRAPPER w OPTIONS (host 'h', port '5');
	GRANT USAGE ON FOREIGN SERVER srv TO ssync_reader;
	CREATE USER MAPPING FOR postgres SERVER srv OPTIONS (\"user\" 'u', password 'p');
	CREATE USER MAPPING FOR PUBLIC SERVER srv;
	CREATE FOREIGN TABLE s.ft (a int OPTIONS (column_name 'A') NOT NULL DEFAULT 3, b text,
		CONSTRAINT ck CHECK (a > 0)) SERVER srv OPTIONS (table_name 't', \"schema\" 'x');
	ALTER FOREIGN TABLE s.ft ALTER COLUMN b SET STATISTICS 5; COMMENT ON FOREIGN TABLE s.ft IS 'ft';
	CREATE TABLE s.parted (k int, v text) PARTITION BY LIST (k);
	CREATE FOREIGN TABLE s.parted_remote PARTITION OF s.parted FOR VALUES IN (1) SERVER srv;
	CREATE TEXT SEARCH DICTIONARY s.d (TEMPLATE = simple, STOPWORDS = english);
	CREATE TEXT SEARCH CONFIGURATION s.ts (COPY = english); COMMENT ON TEXT SEARCH CONFIGURATION s.ts IS 'ts';
	ALTER TEXT SEARCH CONFIGURATION s.ts ALTER MAPPING FOR asciiword WITH s.d, english_stem;
	CREATE TABLE s.docs (body text, tsv tsvector GENERATED ALWAYS AS (to_tsvector('s.ts', body)) STORED);
	CREATE FUNCTION s.no_ddl() RETURNS event_trigger LANGUAGE plpgsql AS
		'BEGIN RAISE EXCEPTION ''no DDL here''; END';
	CREATE EVENT TRIGGER no_ddl ON ddl_command_start WHEN TAG IN ('CREATE TABLE', 'DROP TABLE')
		EXECUTE FUNCTION s.no_ddl();
	CREATE EVENT TRIGGER \"Off\" ON sql_drop EXECUTE FUNCTION s.no_ddl();
	ALTER EVENT TRIGGER \"Off\" DISABLE" >/dev/null 2>&1
run "$SSYNC" dump -d "$PB"
like "$T_OUT" "ALTER PUBLICATION \"Pub Some\" ADD TABLE ONLY s.a \(id, code\) WHERE \(\(id > 10\)\);" \
	"publications: a table with its column list and row filter"
unlike "$T_ERR" "not dumped" "publications, casts, event triggers: dumped, not counted as left out"
like "$T_OUT" "CREATE CAST \(s.pair AS integer\) WITH FUNCTION s.pair_int\(s.pair\) AS ASSIGNMENT;" "a cast"
like "$T_OUT" "ADD MAPPING FOR asciiword WITH s.d, english_stem;" "a text search configuration's mappings"
like "$T_OUT" "CREATE FOREIGN TABLE s.ft \(" "a foreign table"
like "$T_OUT" "CREATE USER MAPPING FOR public SERVER srv;" "a user mapping for PUBLIC"
like "$(echo "$T_OUT" | grep -v '^$' | tail -4 | tr '\n' ' ')" "CREATE EVENT TRIGGER no_ddl ON ddl_command_start .*WHEN TAG IN \('CREATE TABLE', 'DROP TABLE'\)" \
	"event triggers come last"
dump_roundtrip "$PB" dump_pub_b "$T_TMP/pub" "publications"
run "$SSYNC" dump -d "$PB" -n s
unlike "$T_OUT" "PUBLICATION" "--include-schema: no publications, as pg_dump -n"
# a cast or event trigger whose type or function is in a schema left out is left out too
run "$SSYNC" dump -d "$PB" -N s
like "$T_ERR" "cast \(s.pair AS integer\) is not dumped: its function s.pair_int\(s.pair\) is not" \
	"--exclude-schema: a cast whose function is left out is left out, saying so"
like "$T_ERR" "cast \(s.pair AS text\) is not dumped: one of its types is not" "... and one whose type is"
like "$T_ERR" "event trigger no_ddl is not dumped: its function s.no_ddl is not" "... and an event trigger"
PN=$(pg_fresh_db dump_pub_n)
printf '%s\n' "$T_OUT" >"$T_TMP/pub-n.sql"
psql_cmd -d "$PN" -f "$T_TMP/pub-n.sql" >"$T_TMP/pub-n.log" 2>&1
ok $? "--exclude-schema: the dump loads"

# schema privileges are dumped against what initdb gave, as pg_dump does:
# public's default USAGE for PUBLIC is not granted again, its REVOKE is kept
H=$(pg_fresh_db dump_acl)
run "$SSYNC" dump -d "$H"
unlike "$T_OUT" "(GRANT|REVOKE) .* ON SCHEMA public" "default privileges of schema public: nothing dumped"
pg_sql dump_acl "REVOKE ALL ON SCHEMA public FROM PUBLIC; CREATE SCHEMA opened;
	GRANT USAGE ON SCHEMA opened TO PUBLIC"
run "$SSYNC" dump -d "$H"
like "$T_OUT" "REVOKE ALL ON SCHEMA public FROM PUBLIC;" "a hardened schema public keeps its REVOKE"
like "$T_OUT" "GRANT USAGE ON SCHEMA opened TO PUBLIC;" "a schema's GRANT is dumped"
R=$(pg_fresh_db dump_acl_restored)
"$SSYNC" dump -d "$H" | psql_cmd -d "$R" >/dev/null 2>&1
is "$(pg_sql dump_acl_restored "SELECT has_schema_privilege('public', 'public', 'USAGE')")" "f" \
	"restored: PUBLIC has no USAGE on schema public"

done_testing

#!/usr/bin/env bash
# ssync dump on the shapes that real schemas (Rails structure.sql files,
# pg_dump outputs of test databases) have and the other dump tests do not:
# each case is a small schema written for the test, reduced from a real
# one that did not round-trip.
. "$(dirname "$0")/../lib/common.sh"
. "$SSYNC_SRCDIR/tests/integration/data/dump_lib.sh"

# what the filter does with comments on the objects it strips needs no server
cat >"$T_TMP/fdw.sql" <<'SQL'
CREATE FOREIGN DATA WRAPPER w1 VALIDATOR postgresql_fdw_validator;
ALTER FOREIGN DATA WRAPPER w1 OWNER TO postgres;
COMMENT ON FOREIGN DATA WRAPPER w1 IS 'a wrapper';
CREATE SERVER s1 FOREIGN DATA WRAPPER w1;
COMMENT ON SERVER s1 IS 'a server';
CREATE SUBSCRIPTION sub1 CONNECTION 'dbname=x' PUBLICATION p WITH (connect = false);
ALTER SUBSCRIPTION sub1 OWNER TO postgres;
COMMENT ON SUBSCRIPTION sub1 IS 'a subscription';
CREATE TABLE t1 (a integer);
COMMENT ON TABLE t1 IS 'kept';
SQL
run "$SSYNC" filter "$T_TMP/fdw.sql"
is "$T_RC" 0 "filter: wrappers, servers and subscriptions"
unlike "$T_OUT" "COMMENT ON (FOREIGN DATA WRAPPER|SERVER|SUBSCRIPTION)" \
	"filter: a stripped wrapper's, server's or subscription's comment is stripped with it"
like "$T_OUT" "COMMENT ON TABLE t1" "filter: the table's comment is kept"
run "$SSYNC" filter --keep owner "$T_TMP/fdw.sql"
unlike "$T_OUT" "ALTER (FOREIGN DATA WRAPPER|SUBSCRIPTION)" \
	"filter --keep owner: the owner of a stripped wrapper or subscription goes with it"
run "$SSYNC" filter --keep fdw "$T_TMP/fdw.sql"
like "$T_OUT" "COMMENT ON SERVER s1" "filter --keep fdw: the server's comment is kept with it"

if ! have_pg; then
	skip "PostgreSQL not available" 15
	done_testing
fi

# --- --filter on a database with commented foreign-data wrappers ----------------
A=$(pg_fresh_db dump_rw_fdw)
psql_cmd -d "$A" -c "
	CREATE FOREIGN DATA WRAPPER rw_w VALIDATOR postgresql_fdw_validator;
	COMMENT ON FOREIGN DATA WRAPPER rw_w IS 'Foreign Data Wrapper';
	CREATE SERVER rw_s FOREIGN DATA WRAPPER rw_w OPTIONS (host 'x');
	COMMENT ON SERVER rw_s IS 'Foreign Server';
	CREATE TABLE items (id integer PRIMARY KEY);" >/dev/null
run "$SSYNC" dump -d "$A" --filter --split "$T_TMP/fpre.sql" "$T_TMP/fpost.sql"
is "$T_RC" 0 "dump --filter --split with commented wrappers and servers"
B=$(pg_fresh_db dump_rw_fdw_b)
psql_cmd -d "$B" -f "$T_TMP/fpre.sql" >"$T_TMP/fdw.log" 2>&1 &&
	psql_cmd -d "$B" -f "$T_TMP/fpost.sql" >>"$T_TMP/fdw.log" 2>&1
if ! ok $? "dump --filter --split: loads (no comment on a stripped wrapper or server)"; then
	tail -3 "$T_TMP/fdw.log" | sed 's/^/# /'
fi

# --- shell types (CREATE TYPE name;) --------------------------------------------
A=$(pg_fresh_db dump_rw_shell)
psql_cmd -d "$A" -c "
	CREATE SCHEMA shells;
	CREATE TYPE shells.later;
	COMMENT ON TYPE shells.later IS 'defined by a later migration';
	CREATE TYPE public.\"Odd Shell\";
	CREATE TABLE public.plain (a integer);" >/dev/null
run "$SSYNC" dump -d "$A"
like "$T_OUT" "CREATE TYPE shells\\.later;" "a shell type is dumped"
like "$T_OUT" "COMMENT ON TYPE shells\\.later IS" "with its comment"
like "$T_OUT" "CREATE TYPE public\\.\"Odd Shell\";" "a quoted shell type name"
unlike "$T_ERR" "not dumped" "no warning about objects left out"
run "$SSYNC" dump -d "$A" -n shells
like "$T_OUT" "CREATE TYPE shells\\.later;" "-n shells: the schema's shell type"
unlike "$T_OUT" "Odd Shell" "-n shells: not the other schema's"
dump_roundtrip "$A" dump_rw_shell_b "$T_TMP/shell" "shell types"

# --- patterns: what a kept table needs and pg_dump's rules leave out ----------------
# (servers are never dumped with patterns, extensions not with -t): named
A=$(pg_fresh_db dump_rw_sel)
psql_cmd -d "$A" -c "
	CREATE SCHEMA fs;
	CREATE FOREIGN DATA WRAPPER sel_w;
	CREATE SERVER sel_srv FOREIGN DATA WRAPPER sel_w;
	CREATE FOREIGN TABLE fs.remote (id integer) SERVER sel_srv;
	CREATE TABLE fs.local (id integer);" >/dev/null
run "$SSYNC" dump -d "$A" -n fs
is "$T_RC" 0 "-n with a foreign table"
like "$T_ERR" "foreign table fs\.remote depends on server sel_srv, which is not dumped" \
	"-n: a foreign table's server left out is named"
if [ "$(pg_sql dump_rw_sel "SELECT count(*) FROM pg_available_extensions WHERE name = 'btree_gist'")" = 1 ]; then
	psql_cmd -d "$A" -c "
		CREATE EXTENSION btree_gist;
		CREATE SCHEMA app;
		CREATE TABLE app.bookings (room text, during tstzrange,
			EXCLUDE USING gist (room WITH =, during WITH &&));" >/dev/null
	run "$SSYNC" dump -d "$A" -t 'app\.bookings'
	like "$T_ERR" "table app\.bookings depends on extension public\.btree_gist, which is not dumped" \
		"-t: the extension of an exclusion constraint's operator class is named"
else
	skip "btree_gist not available" 1
fi

done_testing
